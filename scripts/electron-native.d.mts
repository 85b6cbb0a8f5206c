import type { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

export interface FsPart {
  existsSync: typeof existsSync;
  readFileSync: typeof readFileSync;
  rmSync: typeof rmSync;
  mkdirSync: typeof mkdirSync;
  cpSync: typeof cpSync;
}
export type Env = Record<string, string | undefined>;
export type RunResult = { code: number; output: string };
export type Run = (command: string, args: string[], options: { cwd: string; env: Env }) => Promise<RunResult>;

export function electronBinaryStatus(input: { electronDir: string; env: Env; nodeVersion: string; fs: Pick<FsPart, 'existsSync' | 'readFileSync'> }): { ok: true; path: string } | { ok: false; message: string };
export function abiOfAddon(bytes: Buffer): number | null;
export function failureReason(output: string): string;
export function buildEnv(env: Env): Env;
export function ensureElectronSqlite(input: {
  root: string;
  version: string;
  arch: string;
  expectedAbi: number;
  env: Env;
  fs: FsPart;
  run: Run;
  progress: (line: string) => void;
  bin: (name: string) => string;
}): Promise<{ ok: true; path: string } | { ok: false; message: string; output: string }>;
