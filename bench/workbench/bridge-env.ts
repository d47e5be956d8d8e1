/** The environment variable naming the file where the bridge in the extension host writes its port. */
export const BRIDGE_FILE_ENV = 'CRM_BENCH_BRIDGE_FILE';
