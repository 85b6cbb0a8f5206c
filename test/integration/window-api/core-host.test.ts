import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeUpdate, Health } from '../../../common/bridge-api.js';
import { systemClock, systemRandom } from '../../../ground/clock.js';
import { startCoreHost, type CoreHost, type CoreHostOptions } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { addDevice } from '../../../relay/admin.js';
import { startRelay, type RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';

let host: CoreHost | undefined;
let relay: RunningRelay | undefined;
let printer: VirtualPrinter | undefined;
let temp: string | undefined;
let standIn: Server | undefined;

afterEach(async () => {
  await host?.stop();
  standIn?.closeAllConnections();
  await new Promise((resolve) => (standIn ? standIn.close(resolve) : resolve(undefined)));
  standIn = undefined;
  await relay?.close();
  await printer?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
  host = relay = printer = temp = undefined;
});

/** A relay in a fresh temporary directory (`dir`, removed after the test) with one device for branch 1293. */
async function relayWithDevice(): Promise<{ dir: string; relay: RunningRelay; token: string }> {
  const dir = (temp = mkdtempSync(join(tmpdir(), 'core-host-')));
  mkdirSync(join(dir, 'relay'));
  const started = (relay = await startRelay({ port: 0, host: '127.0.0.1', store: join(dir, 'relay'), secrets: ['s'], logger: pino({ level: 'silent' }) }));
  return { dir, relay: started, token: (await addDevice(join(dir, 'relay'), 'counter', [1293])).token };
}

/** A core host on `dir`/core with no secrets yet, pushing its feed every 20 ms. */
function startTestHost(dir: string, options: Partial<Pick<CoreHostOptions, 'publish' | 'configOverrides'>> = {}): Promise<CoreHost> {
  return startCoreHost({
    dataDir: join(dir, 'core'),
    clock: systemClock,
    random: systemRandom,
    logger: pino({ level: 'silent' }),
    secrets: memorySecretStore(),
    publish: () => undefined,
    feedIntervalMs: 20,
    ...options,
  });
}

describe('core host', () => {
  it('works unconfigured, then starts the bridge once settings and token are saved', async () => {
    const { dir, relay: running, token } = await relayWithDevice();
    printer = await createVirtualPrinter();
    const updates: BridgeUpdate[] = [];
    host = await startTestHost(dir, { publish: (u) => updates.push(u) });
    const health = async (): Promise<Health> => ((await host!.handle('getHealth', undefined)) as { ok: true; value: Health }).value;

    expect((await health()).connection).toMatchObject({ mode: 'unconfigured', detail: 'relay URL and device token are not set' });
    expect(await host.handle('listOrders', { limit: 10 })).toEqual({ ok: true, value: [] });
    expect(await host.handle('testPrint', 'kitchen')).toMatchObject({ ok: true, value: { ok: false } });

    const saved = await host.handle('saveSettings', {
      relayUrl: running.bridgeUrl,
      printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, copies: 1 }],
    });
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    expect((await health()).connection.mode).toBe('unconfigured');

    expect(await host.handle('setSecret', { name: 'relayToken', value: token })).toMatchObject({ ok: true, value: { ok: true } });
    await waitFor('the bridge to go live on the relay', async () => (await health()).connection.mode === 'relay');
    expect((await health()).printers).toEqual([expect.objectContaining({ id: 'kitchen', name: 'Kitchen' })]);
    // Relay only, no klikit API keys: bumps stay on this screen.
    expect((await health()).klikit).toMatchObject({ state: 'none', waitingActions: 0 });
    expect(await host.handle('recallAction', { orderId: 404 })).toMatchObject({ ok: true, value: { ok: false } });
    expect(updates).toContainEqual({ type: 'health' });

    expect(await host.handle('testPrint', 'kitchen')).toMatchObject({ ok: true, value: { ok: true } });
    // The test page carries a line in every script, so under the default `render: auto` it prints as an image.
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.image?.width).toBe(576);
    expect(ticket!.image!.height).toBeGreaterThan(200);
  });

  it('test-prints a printer picked before saving, then the saved one through its queue', async () => {
    const { dir, relay: running, token } = await relayWithDevice();
    printer = await createVirtualPrinter();
    host = await startTestHost(dir);
    const candidate = { interface: printer.url, type: 'epson', width: 32 };
    expect(await host.handle('testPrintCandidate', candidate)).toMatchObject({ ok: true, value: { ok: true, message: expect.stringMatching(/^The test ticket was sent to Network printer 127\.0\.0\.1/) } });
    const [picked] = await printer.waitForTickets(1);
    expect(picked!.image?.width).toBe(384);

    await host.handle('saveSettings', { relayUrl: running.bridgeUrl, printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, copies: 1 }] });
    await host.handle('setSecret', { name: 'relayToken', value: token });
    await waitFor('the bridge to go live on the relay', async () => ((await host!.handle('getHealth', undefined)) as { ok: true; value: Health }).value.connection.mode === 'relay');
    expect(await host.handle('testPrintCandidate', candidate)).toEqual({ ok: true, value: { ok: true, message: 'test ticket sent to Kitchen' } });
    const [, queued] = await printer.waitForTickets(2);
    // Through Kitchen's queue, with its saved paper: 80 mm.
    expect(queued!.image?.width).toBe(576);
  });

  it('a relay URL moved to another host gets no device token: only one typed for it afterwards', async () => {
    const { dir, relay: running, token } = await relayWithDevice();
    // Another host's relay endpoint, on 127.0.0.1: it records what each connection attempt carries.
    const seen: string[] = [];
    standIn = createServer((_req, res) => res.writeHead(404).end());
    standIn.on('upgrade', (req, socket) => {
      seen.push(req.headers.authorization ?? '(none)');
      socket.destroy();
    });
    await new Promise<void>((resolve) => standIn!.listen(0, '127.0.0.1', resolve));
    const elsewhere = `ws://127.0.0.1:${(standIn.address() as AddressInfo).port}/v1/bridge`;
    host = await startTestHost(dir, { configOverrides: { timing: { reconnectBaseMs: 20, reconnectCapMs: 50 } } });
    const health = async (): Promise<Health> => ((await host!.handle('getHealth', undefined)) as { ok: true; value: Health }).value;
    await host.handle('saveSettings', { relayUrl: running.bridgeUrl });
    await host.handle('setSecret', { name: 'relayToken', value: token });
    await waitFor('the bridge to go live on the relay', async () => (await health()).connection.mode === 'relay');

    const moved = await host.handle('saveSettings', { relayUrl: elsewhere });
    expect(moved).toMatchObject({ ok: true, value: { ok: true, view: { secrets: { relayToken: false }, nextSteps: expect.arrayContaining([expect.stringContaining('Enter the relay device token for 127.0.0.1:')]) } } });
    expect((await health()).connection).toMatchObject({ mode: 'unconfigured', detail: 'relay URL and device token are not set' });
    expect(seen).toEqual([]);

    // Positive control: the bridge does connect there, with the token typed for that host only.
    await host.handle('setSecret', { name: 'relayToken', value: 'typed-for-the-new-host' });
    await waitFor('a connection attempt at the new host', () => seen.length > 0);
    expect(new Set(seen)).toEqual(new Set(['Bearer typed-for-the-new-host']));
  });
});
