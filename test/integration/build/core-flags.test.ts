import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_V8_FLAGS } from '../../../main/core/core-flags.js';

// The headless core (package.json's bridge and window scripts) runs with the V8 flags the Electron
// main hands the core's utilityProcess (main/core/core-flags.ts), so both idle in the memory measured.

const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
const nodeFlags = (script: string): string[] => {
  const run = script.split('&&').map((part) => part.trim().split(/\s+/)).find((words) => words[0] === 'node' && words.some((w) => w.endsWith('dist/bridge/cli.js')));
  if (!run) throw new Error(`no "node … dist/bridge/cli.js" in ${script}`);
  return run.slice(1, run.findIndex((w) => w.endsWith('dist/bridge/cli.js')));
};

describe('the flags the core runs with', () => {
  it.each(['bridge', 'window'])('are the flags of the %s script', (name) => {
    const flags = nodeFlags(scripts[name]!);
    for (const flag of CORE_V8_FLAGS) expect(flags).toContain(flag);
    expect(flags.filter((flag) => flag.startsWith('--max-semi-space-size'))).toHaveLength(1);
  });

  it('are flags Node and V8 know (a misspelt one would stop the core from starting)', () => {
    const started = spawnSync(process.execPath, [...nodeFlags(scripts['bridge']!), '-e', '0'], { encoding: 'utf8' });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
  });
});
