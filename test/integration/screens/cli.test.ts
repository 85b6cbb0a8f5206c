import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_UNPAIRED } from '../../../common/screen-protocol.js';
import { startStack, type Stack } from '../../e2e/stack.js';
import { waitFor } from '../../helpers/wait.js';
import { buildBundledBridge, freePort, http, openScreen, type ScreensCore } from './support.js';

// The headless bridge as shipped (dist/bridge/cli.js beside dist/renderer): LAN screens from its
// config, pairing and revoking from a second process beside it, and browser mode's launch URL.

let out: string;
let bundle: ReturnType<typeof buildBundledBridge>;
let stack: Stack | undefined;
const procs: ChildProcess[] = [];

beforeAll(() => {
  bundle = buildBundledBridge();
  out = bundle.dist;
}, 60_000);
afterAll(() => bundle.cleanup());
afterEach(async () => {
  for (const proc of procs.splice(0)) {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }
  }
  await stack?.close();
  stack = undefined;
});

function bridge(args: string[]): { proc: ChildProcess; stdout: () => string } {
  const proc = spawn(process.execPath, [join(out, 'bridge/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let text = '';
  proc.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  proc.stderr!.resume();
  return { proc, stdout: () => text };
}

function command(args: string[]): { code: number; lines: string[]; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(out, 'bridge/cli.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, lines: stdout.trim().split('\n'), stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, lines: e.stdout.trim().split('\n'), stderr: e.stderr };
  }
}

const asScreens = (port: number, host = `127.0.0.1:${port}`): ScreensCore => ({ port, host, origin: `http://${host}` }) as ScreensCore;

describe('npm run bridge with screens', () => {
  it('--pair prints a code a screen pairs with, --screens lists it (id first), --revoke-screen closes its socket', async () => {
    stack = await startStack({ klikit: false, stations: [{ id: 'grill', name: 'Grill', routes: { categories: ['Mains'] } }, { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] }, fallback: true }] });
    const port = await freePort();
    const raw = JSON.parse(readFileSync(stack.configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(stack.configPath, JSON.stringify({ ...raw, screens: { enabled: true, port, bind: '127.0.0.1' } }));
    const running = bridge(['--config', stack.configPath]);
    await waitFor('the screen server', () => running.stdout().includes('serving the board on the local network'), { timeoutMs: 20_000 });

    expect(command(['--config', stack.configPath, '--pair', 'station:nope'])).toMatchObject({ code: 2 });
    expect(command(['--config', stack.configPath, '--pair', 'kiosk'])).toMatchObject({ code: 2 });
    const paired = command(['--config', stack.configPath, '--pair', 'station:bar']);
    expect(paired.code).toBe(0);
    const code = paired.lines.at(-1)!;
    expect(code).toMatch(/^\d{6}$/);

    const screens = asScreens(port);
    const reply = await http(port, 'POST', '/pair', { host: screens.host, origin: screens.origin }, `code=${code}`);
    expect(reply.status).toBe(303);
    const cookie = String(reply.headers['set-cookie']).split(';')[0]!;
    const screen = await openScreen(screens, cookie);
    expect(await screen.call('screenGrant')).toEqual({ ok: true, value: { kind: 'station', station: 'bar' } });
    expect((await screen.call('listOrders', { limit: 5 })).ok).toBe(true);
    // The headless bridge answers a screen in the language its page shows, the computer's otherwise.
    const thai = await openScreen(screens, cookie, { language: 'th' });
    expect(await thai.call('orderAction', { orderId: 987654, action: 'ready' })).toEqual({ ok: true, value: { ok: false, message: 'ออเดอร์นี้ไม่อยู่บนหน้าจอนี้แล้ว' } });
    thai.ws.close();

    const listed = command(['--config', stack.configPath, '--screens']);
    expect(listed.code).toBe(0);
    const row = listed.lines.find((line) => line.includes('station:bar'))!;
    const id = row.split('\t')[0]!;
    expect(row.split('\t')).toEqual([id, 'station:bar', '127.0.0.1', expect.any(String), 'online']);

    expect(command(['--config', stack.configPath, '--revoke-screen', id])).toMatchObject({ code: 0 });
    expect(await screen.closed).toBe(CLOSE_UNPAIRED);
    expect(command(['--config', stack.configPath, '--screens']).lines).toEqual(['No paired screens.']);
    expect(command(['--config', stack.configPath, '--revoke-screen', id])).toMatchObject({ code: 2 });
  }, 60_000);

  it('--window prints a launch URL that opens the board on this computer as a counter', async () => {
    stack = await startStack({ klikit: false });
    const running = bridge(['--config', stack.configPath, '--window']);
    const url = await waitFor('the launch URL', () => /The board is at (http:\/\/127\.0\.0\.1:(\d+)\/launch\?token=\S+)/.exec(running.stdout()), { timeoutMs: 20_000 });
    const port = Number(url[2]);
    const path = new URL(url[1]!).pathname + new URL(url[1]!).search;
    expect((await http(port, 'GET', '/launch?token=wrong', { host: `127.0.0.1:${port}` })).status).toBe(404);
    expect((await http(port, 'GET', path, { host: `attacker.example:${port}` })).status).toBe(421);
    const launched = await http(port, 'GET', path, { host: `localhost:${port}` });
    expect(launched.status).toBe(303);
    const cookie = String(launched.headers['set-cookie']).split(';')[0]!;
    const screen = await openScreen(asScreens(port, `localhost:${port}`), cookie);
    expect(await screen.call('screenGrant')).toEqual({ ok: true, value: { kind: 'counter' } });
    expect((await screen.call('getHealth')).ok).toBe(true);
    expect((await screen.call('getSettings')).ok).toBe(false);
    screen.ws.close();
  }, 60_000);
});
