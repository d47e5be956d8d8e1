export declare const chromiumInstallHint: string;
export declare function findChromium(): string;
