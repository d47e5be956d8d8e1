/**
 * One value fetched on demand and kept for a while. Concurrent callers share the fetch in
 * flight (a tree expanding ten stages asks for the users, or the metadata, once); a failed fetch is not kept.
 * The shared fetch takes no caller's signal: one caller giving up must not fail the others.
 */
export class Cached<T> {
  private value: { promise: Promise<T>; at: number } | undefined;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    const current = this.value;
    if (current && this.now() - current.at < this.maxAgeMs) return current.promise;
    const entry = { promise: this.fetch(), at: this.now() };
    this.value = entry;
    entry.promise.catch(() => {
      if (this.value === entry) this.value = undefined;
    });
    return entry.promise;
  }

  /** Replaces the value with one just fetched elsewhere. */
  set(value: T): void {
    this.value = { promise: Promise.resolve(value), at: this.now() };
  }

  /** Forgets the value; the next get fetches again. */
  clear(): void {
    this.value = undefined;
  }
}
