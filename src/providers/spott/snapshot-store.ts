import type { CrmError } from '../../http';
import type { Logger } from '../contract';
import type { StageOutcomes } from './map';
import type { SpottOpportunity } from './schemas';
import { Snapshot } from './snapshot';

/** Older snapshots kept so that "Load more" on a stage shown from one still pages it consistently. */
const KEPT_SNAPSHOTS = 3;

/** Waits for a shared load, but lets this caller give up on its own. */
export function orCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined, cancelled: () => CrmError): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The passes over `GET /opportunities` and the snapshots they leave. One pass at a time, shared
 * by every caller while it runs and started by none of their signals (one caller giving up must
 * not fail the others); a failed pass leaves nothing behind.
 */
export class SnapshotStore {
  private generation = 0;
  /** Newest last. */
  private snapshots: Snapshot[] = [];
  private pass: Promise<Snapshot> | undefined;
  /** Opportunities read one by one while a pass runs: newer than what that pass may have seen of them. */
  private learnt: SpottOpportunity[] = [];

  constructor(
    private readonly loadAll: () => Promise<SpottOpportunity[]>,
    private readonly outcomes: StageOutcomes,
    private readonly logger: Logger,
    private readonly cancelled: () => CrmError,
  ) {}

  latest(): Snapshot | undefined {
    return this.snapshots.at(-1);
  }

  byGeneration(generation: number): Snapshot | undefined {
    return this.snapshots.find((s) => s.generation === generation);
  }

  /** The newest snapshot if younger than `maxAgeMs`, else the pass under way, else a new pass. */
  async get(maxAgeMs: number, signal: AbortSignal | undefined): Promise<Snapshot> {
    const current = this.latest();
    if (current && Date.now() - current.loadedAt < maxAgeMs) return current;
    return orCancelled(this.startPass(), signal, this.cancelled);
  }

  /** An opportunity just read alone: the snapshot shows it as read, in the stage it is in now. */
  learn(opportunity: SpottOpportunity): void {
    if (this.pass) this.learnt.push(opportunity);
    const current = this.latest();
    if (current) this.keep(current.with(++this.generation, opportunity, this.outcomes));
  }

  private startPass(): Promise<Snapshot> {
    if (this.pass) return this.pass;
    const startedAt = Date.now();
    this.learnt = [];
    const pass = this.loadAll().then((opportunities) => {
      let snapshot = Snapshot.fromPass(++this.generation, startedAt, opportunities, this.outcomes);
      for (const opportunity of this.learnt) snapshot = snapshot.with(snapshot.generation, opportunity, this.outcomes);
      this.keep(snapshot);
      this.logger.debug(`Spott: ${snapshot.dealCount} opportunities in ${snapshot.stages.length} stages`);
      return snapshot;
    });
    this.pass = pass;
    const clear = (): void => {
      if (this.pass !== pass) return;
      this.pass = undefined;
      this.learnt = [];
    };
    pass.then(clear, clear);
    return pass;
  }

  private keep(snapshot: Snapshot): void {
    this.snapshots = [...this.snapshots.filter((s) => s.generation !== snapshot.generation), snapshot].slice(-KEPT_SNAPSHOTS);
  }
}
