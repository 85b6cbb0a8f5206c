import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, SECRET, tempDir, TestBridge } from './helpers.js';

const CLI = fileURLToPath(new URL('../../../relay/cli.ts', import.meta.url));

type RelayChild = { child: ChildProcess; port: number; logs: Array<Record<string, unknown>>; exited: Promise<number | null> };

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function startRelayChild(dataDir: string, secretEnv = SECRET): Promise<RelayChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, KLIKIT_WEBHOOK_SECRET: secretEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = await waitFor('the relay child to listen', () => logs.find((l) => l.msg === 'listening'), { timeoutMs: 20_000 });
  return { child, port: listening.port as number, logs, exited };
}

describe('relay as a child process', () => {
  let data: ReturnType<typeof tempDir>;
  const children: RelayChild[] = [];
  const bridges: TestBridge[] = [];

  beforeEach(() => {
    data = tempDir();
  });
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) bridge.stop();
    for (const { child, exited } of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    data.remove();
  });

  it('device add prints the token as its last line; list never shows it', () => {
    const added = runCli(['device', 'add', '--data', data.dir, '--name', 'counter', '--branch', '7', '--branch', '9']);
    expect(added.status).toBe(0);
    const token = added.stdout.trimEnd().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(runCli(['device', 'revoke', '--data', data.dir, '--name', 'counter']).status).toBe(0);
    const listed = runCli(['device', 'list', '--data', data.dir]).stdout;
    expect(listed).toMatch(/counter\tbranches=7,9\tREVOKED\tlast_seen=never\tcursor=0/);
    expect(listed).not.toContain(token);
    expect(runCli(['device', 'add', '--data', data.dir, '--name', 'x']).status).toBe(2);
  });

  it('keeps an answered webhook through SIGKILL: a client with after=0 receives it after a restart', async () => {
    const added = runCli(['device', 'add', '--data', data.dir, '--name', 'counter', '--branch', '7']);
    const token = added.stdout.trimEnd().split('\n').at(-1)!;
    const first = await startRelayChild(data.dir);
    children.push(first);
    const res = await postWebhook(`http://127.0.0.1:${first.port}`, envelopeText(7, 4242), { eventId: 'evt-durable' });
    expect(res).toEqual({ status: 200, json: { status: 'received' } });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startRelayChild(data.dir);
    children.push(second);
    const bridge = new TestBridge(`ws://127.0.0.1:${second.port}/v1/bridge`, token);
    bridges.push(bridge);
    await bridge.opened;
    bridge.hello(0);
    const [event] = await waitFor('the event after restart', () => (bridge.events.length > 0 ? bridge.events : undefined));
    expect(event).toMatchObject({ seq: 1, event_id: 'evt-durable', body: { branch_id: 7 } });
  });

  it('warns about and strips a trailing newline in KLIKIT_WEBHOOK_SECRET, then shuts down on SIGTERM with code 0', async () => {
    const relay = await startRelayChild(data.dir, `${SECRET}\n`);
    children.push(relay);
    expect(relay.logs.some((l) => String(l.msg).includes('newline'))).toBe(true);
    expect(relay.logs.map((l) => JSON.stringify(l)).join('\n')).not.toContain(SECRET);
    expect((await postWebhook(`http://127.0.0.1:${relay.port}`, envelopeText(7, 1))).status).toBe(200);
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  });
});
