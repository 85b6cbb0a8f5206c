import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// A log file that never grows past `maxBytes`: when the next line would not fit, `bridge.log`
// becomes `bridge.log.1` (the older ones shift up, the oldest is dropped) and a new file starts.
// Writes are synchronous, like pino's own default destination, so the line before a crash is on
// disk; log volume is a few lines a minute.

export type RotatingFileOptions = { path: string; maxBytes: number; keep: number };

export type RotatingFile = { write(line: string): boolean; close(): void };

/** Log files live in <dataDir>/logs. */
export const LOG_DIR = 'logs';

export const DEFAULT_LOG_ROTATION = { maxBytes: 5 * 1024 * 1024, keep: 3 } as const;

/** The files of one rotating log, newest first (`path`, `path.1`, … `path.keep`). */
export function rotatedPaths(path: string, keep: number): string[] {
  return [path, ...Array.from({ length: keep }, (_, i) => `${path}.${i + 1}`)];
}

export function openRotatingFile({ path, maxBytes, keep }: RotatingFileOptions): RotatingFile {
  mkdirSync(dirname(path), { recursive: true });
  let fd = openSync(path, 'a', 0o600);
  let size = fstatSync(fd).size;

  function rotate(): void {
    closeSync(fd);
    const files = rotatedPaths(path, keep);
    rmSync(files[files.length - 1]!, { force: true });
    for (let i = files.length - 2; i >= 0; i--) if (existsSync(files[i]!)) renameSync(files[i]!, files[i + 1]!);
    fd = openSync(path, 'a', 0o600);
    size = 0;
  }

  return {
    write(line: string): boolean {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      writeSync(fd, line);
      size += bytes;
      return true;
    },
    close(): void {
      closeSync(fd);
    },
  };
}
