import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The headless core runs with the same flags from package.json's bridge and window scripts (a 1 MiB
// young generation and two V8 background threads: bench/bridge-idle.ts measures the bridge script's).

const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
const nodeFlags = (script: string): string[] => {
  const run = script.split('&&').map((part) => part.trim().split(/\s+/)).find((words) => words[0] === 'node' && words.some((w) => w.endsWith('dist/bridge/cli.js')));
  if (!run) throw new Error(`no "node … dist/bridge/cli.js" in ${script}`);
  return run.slice(1, run.findIndex((w) => w.endsWith('dist/bridge/cli.js')));
};

describe('the flags the core runs with', () => {
  it('are the same for the bridge and the window scripts', () => {
    expect(nodeFlags(scripts['window']!)).toEqual(nodeFlags(scripts['bridge']!));
    expect(nodeFlags(scripts['bridge']!)).toEqual(['--max-semi-space-size=1', '--v8-pool-size=2']);
  });

  it('are flags Node and V8 know (a misspelt one would stop the core from starting)', () => {
    const started = spawnSync(process.execPath, [...nodeFlags(scripts['bridge']!), '-e', '0'], { encoding: 'utf8' });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
  });
});
