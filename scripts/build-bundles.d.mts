import type { BuildOptions } from 'esbuild';

export declare function bundleOptions(options: { production: boolean }): BuildOptions[];
