import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import { startReceiver } from './receiver.js';

const CLI = fileURLToPath(new URL('../../../dev/simulator/cli.ts', import.meta.url));

let child: ChildProcess | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await receiver?.close();
});

describe('simulator CLI', () => {
  it('streams signed orders, serves the partner API meanwhile, and stops cleanly on SIGTERM', async () => {
    receiver = await startReceiver();
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--webhook-url', receiver.url, '--secret', 'cli-secret', '--rate', '20/s', '--seed', '9'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));

    const first = await waitFor('the API base URL line', () => stdout.split('\n')[0]?.includes('apiBaseUrl') && stdout.split('\n')[0]);
    const { apiBaseUrl } = JSON.parse(first as string) as { apiBaseUrl: string };
    await waitFor('three deliveries', () => receiver!.received.length >= 3);
    const auth = { Authorization: `Basic ${Buffer.from('demo-partner:demo-secret').toString('base64')}` };
    const listed = (await (await fetch(`${apiBaseUrl}/orders?from=2000-01-01T00:00:00Z&to=2000-03-01T00:00:00Z`, { headers: auth })).json()) as { request_id: string };
    expect(listed.request_id).toMatch(/^req_/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const r of receiver.received) expect(r.headers['x-klikit-signature']).toBe(createHmac('sha256', 'cli-secret').update(r.body).digest('hex'));
    const lines = stdout.trim().split('\n').slice(1).map((l) => JSON.parse(l) as { outcome: string; eventId: string });
    expect(lines.length).toBe(receiver.received.length);
    expect(lines.every((l) => l.outcome === 'delivered')).toBe(true);
  });

  it('explains its usage when the webhook URL is missing', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--secret', 's'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child?.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  });

  it('refuses a deadline that is not PROVIDER_ID=MINUTES', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--webhook-url', 'http://127.0.0.1:9/x', '--secret', 's', '--cancel-unaccepted', '--deadline', 'grab=5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child?.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--deadline PROVIDER_ID=MINUTES');
  });
});
