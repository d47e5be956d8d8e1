export declare const CODE_SERVER_VERSION: string;
export declare const codeServerCacheDir: string;
export declare const codeServerEntry: string;
export declare function isCodeServerProvisioned(): boolean;
export declare function provisionCodeServer(options?: { log?: (line: string) => void }): string;
