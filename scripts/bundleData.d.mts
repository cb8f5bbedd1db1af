export declare const BUNDLE_DATA: readonly string[];
export declare function distPath(file: string): string;
export declare function copyBundleData(): void;
