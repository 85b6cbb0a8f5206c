import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';
import { waitForPrinted } from '../helpers/wait.js';

// The headless bridge as it ships (bundled by esbuild into dist/bridge/cli.js, run by plain node) finds
// the bundled fonts and loads @napi-rs/canvas: a printer set to raster gets an image at 576 dots.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the bundled bridge prints raster tickets', () => {
  const temp = mkdtempSync(join(tmpdir(), 'raster-bundle-'));
  let stack: Stack | undefined;
  let stop: (() => void) | undefined;
  afterAll(async () => {
    stop?.();
    await stack?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('renders with the fonts found beside dist/ and sends GS v 0 bands', async () => {
    // Laid out like the project: dist/ beside assets/ and node_modules/.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'bridge', '--outdir', join(temp, 'dist')]);
    symlinkSync(join(ROOT, 'assets'), join(temp, 'assets'));
    symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'));
    writeFileSync(join(temp, 'package.json'), JSON.stringify({ type: 'module' }));

    stack = await startStack();
    const config = JSON.parse(readFileSync(stack.configPath, 'utf8')) as { printers: Array<Record<string, unknown>> };
    config.printers[0]!.render = 'raster';
    writeFileSync(stack.configPath, JSON.stringify(config));
    const proc = spawn(process.execPath, [join(temp, 'dist/bridge/cli.js'), '--config', stack.configPath], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    stop = () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    };

    const { order } = await stack.sim.scenarios.created();
    const [ticket] = await waitForPrinted(stack.printer, 1, { idleMs: 20_000 });
    expect(ticket!.image).toBeDefined();
    expect(ticket!.image!.width).toBe(576);
    expect(ticket!.image!.height).toBeGreaterThan(300);
    expect(Math.max(...ticket!.image!.bands)).toBeLessThanOrEqual(256);
    expect(ticket!.text.trim()).toBe('');
    expect(order.id).toBeGreaterThan(0);
    proc.kill('SIGTERM');
    await exited;
  }, 60_000);
});
