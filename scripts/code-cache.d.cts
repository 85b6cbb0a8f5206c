export type CodeCache = { data: Buffer; complete: boolean };
export function codeCacheFile(bundle: string): string;
export function codeCacheKey(source: string): string;
export function readCodeCache(file: string, key: string): CodeCache | undefined;
export function writeCodeCache(file: string, key: string, data: Buffer, complete: boolean): boolean;
export function runWithCodeCache(bundle: string, args: string[]): void;
