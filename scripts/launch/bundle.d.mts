// Types of bundle.mjs (plain JavaScript, so that it runs before anything compiles).
export declare const COMMAND_NAME: RegExp;
export declare function exists(path: string): boolean;
export declare function commandSource(root: string, name: string): string | null;
export declare function bundleOf(root: string, name: string): string;
export declare function isStale(root: string, out: string): boolean;
export declare function build(root: string, name: string): Promise<string>;
export declare function freshBundle(root: string, name: string): Promise<string>;
