import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The command lines speak `--lang`: their sentences in that language, their JSON log lines still JSON.

const BRIDGE = fileURLToPath(new URL('../../../main/core/cli.ts', import.meta.url));
const PRINTERS = fileURLToPath(new URL('../../../main/printing/printers-cli.ts', import.meta.url));

/** A run with no BRIDGE_CONFIG and an English computer: only `--lang` can change the language. */
function run(cli: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  delete env.BRIDGE_CONFIG;
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', env, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const logMessages = (stdout: string): string[] => stdout.split('\n').filter(Boolean).map((line) => String((JSON.parse(line) as { msg: unknown }).msg));

describe('the bridge CLI in the chosen language', () => {
  it('says what is wrong with the arguments in Bahasa Indonesia, in its JSON log line', () => {
    const missing = run(BRIDGE, ['--lang', 'id']);
    expect(missing.code).toBe(2);
    const [message] = logMessages(missing.stdout);
    expect(message).toMatch(/^--config FILE \(atau BRIDGE_CONFIG\) belum diisi\ncara pakai: npm run bridge -- --config FILE/);

    const days = run(BRIDGE, ['--config', 'bridge.json', '--day-numbers', 'out.txt', '--lang=id']);
    expect(days.code).toBe(2);
    expect(logMessages(days.stdout)[0]).toMatch(/^--day-numbers: harus path yang berakhiran \.csv, bukan "out\.txt"/);
  });

  it('speaks English on an English computer without --lang, and names the languages it has for an unknown tag', () => {
    expect(logMessages(run(BRIDGE, []).stdout)[0]).toMatch(/^missing --config FILE \(or BRIDGE_CONFIG\)\nusage: /);
    const unknown = run(BRIDGE, ['--lang', 'xx', '--config', 'bridge.json']);
    expect(unknown.code).toBe(2);
    expect(logMessages(unknown.stdout)[0]).toMatch(/^--lang: "xx" is not a language the bridge speaks; use one of en, id, ms, fil, th, vi, ar, and zh/);
  });

  it('npm run printers words its refusals in Bahasa Indonesia', () => {
    const wrong = run(PRINTERS, ['--test', 'tcp://127.0.0.1:9', '--type', 'zebra', '--lang', 'id']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('--type harus epson atau star, bukan "zebra"\n');
  });
});
