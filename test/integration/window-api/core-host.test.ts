import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeUpdate, Health } from '../../../common/bridge-api.js';
import { systemClock, systemRandom } from '../../../main/core/clock.js';
import { startCoreHost, type CoreHost } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { addDevice } from '../../../relay/admin.js';
import { startRelay, type RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';

let host: CoreHost | undefined;
let relay: RunningRelay | undefined;
let printer: VirtualPrinter | undefined;
let temp: string | undefined;

afterEach(async () => {
  await host?.stop();
  await relay?.close();
  await printer?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
  host = relay = printer = temp = undefined;
});

describe('core host', () => {
  it('works unconfigured, then starts the bridge once settings and token are saved', async () => {
    temp = mkdtempSync(join(tmpdir(), 'core-host-'));
    mkdirSync(join(temp, 'relay'));
    relay = await startRelay({ port: 0, host: '127.0.0.1', store: join(temp, 'relay'), secrets: ['s'], logger: pino({ level: 'silent' }) });
    const { token } = await addDevice(join(temp, 'relay'), 'counter', [1293]);
    printer = await createVirtualPrinter();
    const updates: BridgeUpdate[] = [];
    host = await startCoreHost({
      dataDir: join(temp, 'core'),
      clock: systemClock,
      random: systemRandom,
      logger: pino({ level: 'silent' }),
      secrets: memorySecretStore(),
      publish: (u) => updates.push(u),
      feedIntervalMs: 20,
    });
    const health = async (): Promise<Health> => ((await host!.handle('getHealth', undefined)) as { ok: true; value: Health }).value;

    expect((await health()).connection).toMatchObject({ mode: 'unconfigured', detail: 'relay URL and device token are not set' });
    expect(await host.handle('listOrders', { limit: 10 })).toEqual({ ok: true, value: [] });
    expect(await host.handle('testPrint', 'kitchen')).toMatchObject({ ok: true, value: { ok: false } });

    const saved = await host.handle('saveSettings', {
      relayUrl: relay.bridgeUrl,
      printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, copies: 1 }],
    });
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    expect((await health()).connection.mode).toBe('unconfigured');

    expect(await host.handle('setSecret', { name: 'relayToken', value: token })).toMatchObject({ ok: true, value: { ok: true } });
    await waitFor('the bridge to go live on the relay', async () => (await health()).connection.mode === 'relay');
    expect((await health()).printers).toEqual([expect.objectContaining({ id: 'kitchen', name: 'Kitchen' })]);
    // Relay only, no klikit API keys: bumps stay on this screen.
    expect((await health()).klikit).toMatchObject({ state: 'none', waitingActions: 0 });
    expect(await host.handle('recallAction', 404)).toMatchObject({ ok: true, value: { ok: false } });
    expect(updates).toContainEqual({ type: 'health' });

    expect(await host.handle('testPrint', 'kitchen')).toMatchObject({ ok: true, value: { ok: true } });
    // The test page carries a line in every script, so under the default `render: auto` it prints as an image.
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.image?.width).toBe(576);
    expect(ticket!.image!.height).toBeGreaterThan(200);
  });

  it('test-prints a printer picked before saving, then the saved one through its queue', async () => {
    temp = mkdtempSync(join(tmpdir(), 'core-host-'));
    mkdirSync(join(temp, 'relay'));
    relay = await startRelay({ port: 0, host: '127.0.0.1', store: join(temp, 'relay'), secrets: ['s'], logger: pino({ level: 'silent' }) });
    const { token } = await addDevice(join(temp, 'relay'), 'counter', [1293]);
    printer = await createVirtualPrinter();
    host = await startCoreHost({
      dataDir: join(temp, 'core'),
      clock: systemClock,
      random: systemRandom,
      logger: pino({ level: 'silent' }),
      secrets: memorySecretStore({ relayToken: token }),
      publish: () => undefined,
      feedIntervalMs: 20,
    });
    const candidate = { interface: printer.url, type: 'epson', width: 32 };
    expect(await host.handle('testPrintCandidate', candidate)).toMatchObject({ ok: true, value: { ok: true, message: expect.stringMatching(/^The test ticket was sent to Network printer 127\.0\.0\.1/) } });
    const [picked] = await printer.waitForTickets(1);
    expect(picked!.image?.width).toBe(384);

    await host.handle('saveSettings', { relayUrl: relay.bridgeUrl, printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, copies: 1 }] });
    await waitFor('the bridge to go live on the relay', async () => ((await host!.handle('getHealth', undefined)) as { ok: true; value: Health }).value.connection.mode === 'relay');
    expect(await host.handle('testPrintCandidate', candidate)).toEqual({ ok: true, value: { ok: true, message: 'test ticket sent to Kitchen' } });
    const [, queued] = await printer.waitForTickets(2);
    // Through Kitchen's queue, with its saved paper: 80 mm.
    expect(queued!.image?.width).toBe(576);
  });
});
