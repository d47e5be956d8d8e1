export declare const integrationOutDir: string;
export declare const integrationEntry: string;
export declare function buildIntegrationTests(): Promise<{ entry: string; testFiles: string[] }>;
