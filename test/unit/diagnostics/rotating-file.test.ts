import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingFile, rotatedPaths } from '../../../main/diagnostics/rotating-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rotating-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (i: number): string => `${JSON.stringify({ level: 30, msg: `line ${String(i).padStart(4, '0')}` })}\n`;

describe('openRotatingFile', () => {
  it('caps every file at maxBytes, keeps `keep` old files and drops the oldest lines', () => {
    const path = join(dir, 'logs/bridge.log');
    const log = openRotatingFile({ path, maxBytes: 300, keep: 2 });
    for (let i = 0; i < 100; i++) log.write(line(i));
    log.close();
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['bridge.log', 'bridge.log.1', 'bridge.log.2']);
    for (const file of rotatedPaths(path, 2)) expect(statSync(file).size).toBeLessThanOrEqual(300);
    const kept = rotatedPaths(path, 2).reverse().map((file) => readFileSync(file, 'utf8')).join('');
    const numbers = kept.trim().split('\n').map((l) => Number(/line (\d+)/.exec(l)![1]));
    expect(numbers.at(-1)).toBe(99);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 100 - numbers.length + i));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('appends to an existing file across restarts and rotates by its real size', () => {
    const path = join(dir, 'core.log');
    const first = openRotatingFile({ path, maxBytes: 200, keep: 1 });
    first.write(line(1));
    first.close();
    const second = openRotatingFile({ path, maxBytes: 200, keep: 1 });
    second.write(line(2));
    expect(readFileSync(path, 'utf8')).toBe(line(1) + line(2));
    for (let i = 3; i < 10; i++) second.write(line(i));
    second.close();
    expect(readFileSync(`${path}.1`, 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(path, 'utf8')).toContain('line 0009');
  });
});
