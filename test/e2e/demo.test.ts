import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchDir } from '../helpers/scratch-dir.js';

const DEMO = fileURLToPath(new URL('../../dev/demo.ts', import.meta.url));
// Backstops only: the demo waits for its chain while it makes progress and ends by itself once it
// stops moving; on a loaded machine that takes longer than vitest's default.
const BACKSTOP_MS = 120_000;

describe('npm run demo', () => {
  it('runs the whole chain for N orders and leaves the tickets as text previews', async () => {
    const out = scratchDir('bridge-demo-');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', DEMO, '--orders', '7', '--interval', '0', '--out', out, '--render', 'text'], {
      timeout: BACKSTOP_MS,
    });
    expect(stdout).toContain(`written as text previews to ${join(out, 'tickets')}/`);
    const files = readdirSync(join(out, 'tickets')).sort();
    const texts = files.map((f) => readFileSync(join(out, 'tickets', f), 'utf8'));
    // 7 kitchen tickets and 1 VOID (the cancel after order 7); the duplicate and the stale status print
    // nothing. The cart edit after order 4 prints an UPDATED ticket only if the original had printed by
    // then (a job still queued is printed once, with the new cart).
    const updated = texts.filter((t) => t.includes('UPDATED')).length;
    expect(updated).toBeLessThanOrEqual(1);
    expect(texts.filter((t) => t.includes('VOID'))).toHaveLength(1);
    expect(files).toHaveLength(8 + updated);
    expect(stdout).toContain(`${files.length} tickets printed`);
  }, BACKSTOP_MS);

  it('writes the tickets printed as raster (render auto) as PNGs beside their text logs', async () => {
    const out = scratchDir('bridge-demo-');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', DEMO, '--orders', '7', '--interval', '0', '--out', out], { timeout: BACKSTOP_MS });
    const files = readdirSync(join(out, 'tickets')).sort();
    const pngs = files.filter((f) => f.endsWith('.png'));
    const texts = files.filter((f) => f.endsWith('.txt'));
    expect(pngs.length).toBeGreaterThan(0);
    for (const png of pngs) expect(texts).toContain(png.replace('.png', '.txt'));
    expect(stdout).toContain(`${texts.length} tickets printed`);
    expect(readFileSync(join(out, 'tickets', pngs[0]!)).subarray(1, 4).toString()).toBe('PNG');
  }, BACKSTOP_MS);
});
