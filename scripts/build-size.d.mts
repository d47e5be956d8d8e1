export interface BundleSize {
  /** e.g. dist/extension.js */
  bundle: string;
  /** Minified, as shipped. */
  bytes: number;
  gzipBytes: number;
  /** The largest inputs, grouped by package or source folder. */
  contributors: { name: string; bytes: number }[];
}

export declare function measureBundles(options?: { top?: number }): Promise<BundleSize[]>;
