import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrmError } from '../../http/errors';
import { generateSampleData } from './data/generate';
import { type ErrorScope, sampleError } from './sample-errors';
import { type SampleData, SampleDataSchema } from './schemas';

export interface SampleStoreOptions {
  storageDir: string;
  accountId: string;
  seed: number;
  /** The clock generation reads "today" from; tests pin it. */
  now: () => Date;
  scope: ErrorScope;
}

const RESET_ADVICE = 'Run "Reset Sample Data" to replace it with fresh sample data.';

/**
 * The Sample CRM's data, in memory and in one JSON file per account. Loaded (or generated) on
 * first use. Changes are applied to a copy and swapped in only after the file is written, one at
 * a time, so a failed write or a rejected change leaves both memory and disk as they were.
 */
export class SampleStore {
  readonly filePath: string;
  private data: SampleData | undefined;
  private loading: Promise<SampleData> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private tempCounter = 0;

  constructor(private readonly options: SampleStoreOptions) {
    const safeId = options.accountId.replace(/[^\w.-]/g, '_');
    this.filePath = join(options.storageDir, `sample-${safeId}.json`);
  }

  /** The live data: callers must copy what they hand out. */
  read(): Promise<SampleData> {
    if (this.data) return Promise.resolve(this.data);
    // A failed load is not remembered, so a repaired or reset file is picked up on the next call.
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Applies `change` to a copy, writes it, then makes it current. A throw from `change` writes nothing. */
  update<T>(change: (draft: SampleData) => T): Promise<T> {
    return this.serialize(async () => {
      const draft = structuredClone(await this.read());
      const result = change(draft);
      await this.write(draft);
      this.data = draft;
      return result;
    });
  }

  /** Regenerates from the seed and today's date, replacing whatever the file held. */
  reset(): Promise<void> {
    return this.serialize(async () => {
      const fresh = generateSampleData(this.options.seed, this.options.now());
      await this.write(fresh);
      this.data = fresh;
    });
  }

  private serialize<T>(job: () => Promise<T>): Promise<T> {
    const run = this.writes.then(job);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<SampleData> {
    const text = await this.readFileIfAny();
    // Not queued behind other writes: an update waiting in that queue is what asked for this load.
    const loaded = text === undefined ? await this.generateAndWrite() : this.parse(text);
    // A reset that finished meanwhile wins over what was read before it.
    this.data ??= loaded;
    return this.data;
  }

  private async generateAndWrite(): Promise<SampleData> {
    const fresh = generateSampleData(this.options.seed, this.options.now());
    await this.write(fresh);
    return fresh;
  }

  private async readFileIfAny(): Promise<string | undefined> {
    try {
      return await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.fileError('could not read the sample data', 'loadSampleData', error);
    }
  }

  private parse(text: string): SampleData {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw this.damaged(`it is not valid JSON (${(error as Error).message}).`);
    }
    const parsed = SampleDataSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw this.damaged(`${path ? `at ${path}: ` : ''}${issue?.message ?? 'unexpected content'}.`, path || undefined);
  }

  private damaged(problem: string, issuePath?: string): CrmError {
    return sampleError(this.options.scope, 'badResponse', 'loadSampleData', {
      summary: 'the sample data file is damaged',
      // The advice goes first: details are clipped, and the user must see what to do.
      detail: `${RESET_ADVICE} The file ${this.filePath} was left untouched; ${problem}`,
      issuePath,
    });
  }

  private fileError(summary: string, operation: string, error: unknown): CrmError {
    return sampleError(this.options.scope, 'server', operation, {
      summary,
      detail: `${this.filePath}: ${(error as Error).message}`,
    });
  }

  /** Writes a temp file next to the target and renames it over, so a crash never leaves half a file. */
  private async write(data: SampleData): Promise<void> {
    const temp = `${this.filePath}.${process.pid}.${++this.tempCounter}.tmp`;
    try {
      await mkdir(this.options.storageDir, { recursive: true });
      await writeFile(temp, JSON.stringify(data, null, 1), 'utf8');
      await rename(temp, this.filePath);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw this.fileError('could not save the sample data', 'saveSampleData', error);
    }
  }
}
