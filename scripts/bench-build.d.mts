export declare const benchBridgeEntry: string;
export declare function buildBenchBridge(): Promise<string>;
