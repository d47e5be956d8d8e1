/** The options the fakes share; each adds its key, its stages, its rate limit and its own knobs. */
export interface SeededFakeOptions {
  /** Seed of the generated data; the same seed gives the same data. Default 1. */
  seed?: number;
  /** Number of deals (the CRM's opportunities). Default 60. */
  deals?: number;
  /** Port to listen on (127.0.0.1); default a free one. */
  port?: number;
}
