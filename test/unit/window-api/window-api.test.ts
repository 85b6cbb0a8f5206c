import { afterEach, describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { createRequestHandler } from '../../../main/window-api/dispatcher.js';
import { addQuarantine } from '../../../main/store/quarantine.js';
import { enqueueJob, handOverWaiting, markFailed, markHeld, markSent } from '../../../main/store/print-jobs.js';
import { recordOrderChange } from '../../../main/store/order-changes.js';
import { createHarness, orderBody, seedOrder, type Harness } from './fakes.js';

let h: Harness;
afterEach(() => h?.db.close());

const T = (m: number): string => new Date(Date.parse('2026-06-24T12:00:00.000Z') + m * 60_000).toISOString();

describe('window API over the store', () => {
  it('lists orders newest first with the fields a row shows, and pages with before', () => {
    h = createHarness();
    seedOrder(h.db, 101, T(1));
    seedOrder(h.db, 102, T(2), { brands: [{ id: 1, title: 'Nasi Bakar' }, { id: 2, title: 'Kopi Kita' }] });
    seedOrder(h.db, 103, T(3), { type: 1, pickup_type: 2, provider_id: 99 });

    const page = bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 2 }));
    expect(page.map((o) => o.id)).toEqual([103, 102]);
    expect(page[0]).toMatchObject({ shortId: 'S103', orderType: 'DRIVE-THRU', provider: 'provider 99', itemCount: 3, acknowledged: false });
    expect(page[1]!.brands).toEqual(['Nasi Bakar', 'Kopi Kita']);
    expect(page[1]).toMatchObject({ orderType: 'DINE-IN', tableNo: '12', provider: 'GrabFood', statusLabel: 'PLACED' });

    const next = h.api.listOrders({ limit: 10, before: 102 });
    expect(next.map((o) => o.id)).toEqual([101]);
  });

  it('reports the worst print state per order with its reason', () => {
    h = createHarness();
    seedOrder(h.db, 201, T(1));
    seedOrder(h.db, 202, T(2));
    seedOrder(h.db, 203, T(3));
    const job = (orderId: number, printerId: string) =>
      enqueueJob(h.db, { orderId, printerId, kind: 'new', version: 'v1', payload: { order: orderBody(orderId) }, now: T(4) })!;
    markSent(h.db, job(201, 'kitchen'), T(5));
    markSent(h.db, job(202, 'kitchen'), T(5));
    markHeld(h.db, job(202, 'bar'), 'paper out', T(5));
    markFailed(h.db, job(203, 'kitchen'), 'connection refused', null, T(5));

    const byId = new Map(h.api.listOrders({ limit: 10 }).map((o) => [o.id, o.print]));
    expect(byId.get(201)).toEqual({ state: 'printed', reason: '', possibleDuplicate: false });
    expect(byId.get(202)).toEqual({ state: 'held', reason: 'Bar: paper out', possibleDuplicate: false });
    expect(byId.get(203)).toMatchObject({ state: 'failed', reason: 'Kitchen: connection refused' });

    const problems = h.api.listProblems();
    expect(problems.map((p) => p.reason).sort()).toEqual(['connection refused', 'paper out']);
  });

  it('acknowledges an order once and writes it to the database', () => {
    h = createHarness();
    seedOrder(h.db, 301, T(1));
    expect(h.api.acknowledgeOrder(301)).toEqual({ ok: true, message: 'acknowledged' });
    const row = h.db.prepare('SELECT acknowledged_at FROM orders WHERE id = 301').get() as { acknowledged_at: string };
    expect(row.acknowledged_at).toBe('2026-06-24T12:05:00.000Z');
    expect(h.api.acknowledgeOrder(999)).toMatchObject({ ok: false });
  });

  it('gives the detail with ticket preview and a history of events and print attempts', () => {
    h = createHarness();
    seedOrder(h.db, 401, T(1));
    recordOrderChange(h.db, { orderId: 401, eventId: 'e1', eventType: 'klikit.order.created.v2', status: 1, updatedAt: T(0), applied: true, note: '', at: T(1) });
    recordOrderChange(h.db, { orderId: 401, eventId: 'e0', eventType: 'klikit.order.status.updated', status: 1, updatedAt: T(-1), applied: false, note: '', at: T(2) });
    const detail = h.api.getOrder(401)!;
    expect(detail.ticket?.text).toBe('ticket 401');
    expect(detail.history.map((e) => e.title)).toEqual(['Order received', 'Status changed']);
    expect(detail.history[0]!.detail).toContain('klikit.order.created.v2');
    expect(detail.history[1]!.detail).toContain('not applied');
    expect(h.api.getOrder(999)).toBeNull();
  });

  it('queues a reprint as a print job row and refuses an unknown printer', async () => {
    h = createHarness();
    seedOrder(h.db, 501, T(1));
    expect(await h.api.reprint({ orderId: 501, printerId: 'kitchen' })).toMatchObject({ ok: true });
    expect(await h.api.reprint({ orderId: 501, printerId: 'nope' })).toEqual({ ok: false, message: 'no printer called nope' });
    const jobs = h.db.prepare("SELECT printer_id, kind, state FROM print_jobs WHERE order_id = 501").all();
    expect(jobs).toEqual([{ printer_id: 'kitchen', kind: 'reprint', state: 'queued' }]);
  });

  it('reports health: connection, each printer with its queue, last order', () => {
    h = createHarness();
    seedOrder(h.db, 601, T(1));
    enqueueJob(h.db, { orderId: 601, printerId: 'bar', kind: 'new', version: 'v', payload: { order: null }, now: T(1) });
    const health = bridgeMethods.getHealth.result.parse(h.api.getHealth());
    expect(health.connection.mode).toBe('relay');
    expect(health.printers).toEqual([
      { id: 'kitchen', name: 'Kitchen', state: 'online', detail: '', queueDepth: 0, delivery: 'confirmed' },
      { id: 'bar', name: 'Bar', state: 'paper-out', detail: 'out of paper: load a new roll', queueDepth: 1 },
    ]);
    expect(health.queueDepth).toBe(1);
    expect(health.lastOrderAt).toBe(T(1));
  });

  it('says where a held printer\'s tickets print, counts them at the backup, and shows the alarm', () => {
    h = createHarness();
    seedOrder(h.db, 602, T(1));
    const job = enqueueJob(h.db, { orderId: 602, printerId: 'bar', kind: 'new', version: 'v', payload: { order: null }, now: T(1) })!;
    expect(handOverWaiting(h.db, 'bar', 'kitchen', T(2))).toEqual([job]);
    h.printerFailover.set('bar', { heldSince: T(1), backupTo: 'kitchen' });
    const health = bridgeMethods.getHealth.result.parse(h.api.getHealth());
    expect(health.printers).toEqual([
      { id: 'kitchen', name: 'Kitchen', state: 'online', detail: '', queueDepth: 1, delivery: 'confirmed' },
      { id: 'bar', name: 'Bar', state: 'paper-out', detail: 'out of paper: load a new roll', queueDepth: 0, heldSince: T(1), backupTo: { id: 'kitchen', name: 'Kitchen' } },
    ]);
    expect(h.api.getOrder(602)?.history.find((e) => e.kind === 'print')?.detail).toBe('queued on Kitchen as backup for Bar');

    h.printerFailover.set('bar', { heldSince: T(1), alarm: { since: T(3), reason: 'out of paper' } });
    expect(bridgeMethods.getHealth.result.parse(h.api.getHealth()).printers[1]).toMatchObject({ alarm: { since: T(3), reason: 'out of paper' } });
  });

  it('lists the printers this computer can reach, with their URIs', async () => {
    h = createHarness();
    const candidates = bridgeMethods.discoverPrinters.result.parse(await h.api.discoverPrinters());
    expect(candidates).toEqual([{ uri: 'cups://Kitchen', kind: 'cups', label: 'CUPS: Kitchen', detail: 'usb://EPSON/TM-T82' }]);
  });

  it('shows quarantined events as problems', () => {
    h = createHarness();
    addQuarantine(h.db, { receivedAt: T(1), source: 'relay', eventId: 'bad-1', eventType: 'klikit.order.created.v2', reason: 'orders.0.status: expected number', raw: '{}' });
    expect(h.api.listProblems()).toEqual([
      expect.objectContaining({ kind: 'quarantine', reason: 'orders.0.status: expected number · klikit.order.created.v2 · bad-1', title: expect.stringContaining('check the aggregator tablets') }),
    ]);
    expect(h.api.listProblems()[0]!.title).not.toMatch(/created\.v2|bad-1/);
  });

  it('validates settings field by field and reports secrets only as set / not set', async () => {
    h = createHarness();
    const bad = h.api.saveSettings({ relayUrl: 'http://nope', printers: [{ id: 'K', name: '', type: 'epson', interface: '10.0.0.1', width: 48, copies: 1 }] });
    expect(bad.ok).toBe(false);
    const fields = bad.ok ? [] : bad.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['relayUrl', 'printers.0.id', 'printers.0.name', 'printers.0.interface']));
    expect(h.api.saveSettings({ colour: 'red' })).toEqual({ ok: false, errors: [{ field: 'colour', message: 'is not a setting' }] });

    expect(h.api.getSettings().nextSteps.length).toBe(2);
    const good = h.api.saveSettings({ relayUrl: 'wss://relay.example.com/v1/bridge' });
    expect(good.ok).toBe(true);
    expect(h.settings.current.relayUrl).toBe('wss://relay.example.com/v1/bridge');
    h.api.setSecret({ name: 'relayToken', value: 's3cret' });
    const view = h.api.getSettings();
    expect(view.secrets).toEqual({ relayToken: true, klikitSecretKey: false });
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });
});

describe('request handler', () => {
  it('validates method and arguments and turns failures into values', async () => {
    h = createHarness();
    const handle = createRequestHandler(h.api);
    seedOrder(h.db, 701, T(1));
    expect(await handle('listOrders', { limit: 5 })).toMatchObject({ ok: true, value: [{ id: 701 }] });
    expect(await handle('dropTables', {})).toEqual({ ok: false, error: 'unknown method dropTables' });
    expect(await handle('__proto__', {})).toMatchObject({ ok: false });
    const bad = await handle('listOrders', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('invalid arguments for listOrders: limit') });
    expect(await handle('getOrder', -1)).toMatchObject({ ok: false });
    h.db.close();
    expect(await handle('listOrders', { limit: 5 })).toMatchObject({ ok: false, error: expect.stringContaining('listOrders failed') });
  });
});

describe('test print of a printer not saved yet', () => {
  const kitchen = { id: 'kitchen', name: 'Kitchen', type: 'epson' as const, interface: 'serial:///dev/ttyUSB0?baud=9600', width: 48 as const, copies: 1 };

  it('checks the address, type and paper as a saved printer\'s, and refuses unknown keys', async () => {
    h = createHarness();
    const handle = createRequestHandler(h.api);
    expect(await handle('testPrintCandidate', { interface: 'tcp://192.168.1.50:9100', type: 'epson', width: 32 })).toEqual({
      ok: true,
      value: { ok: true, message: 'test ticket sent to tcp://192.168.1.50:9100' },
    });
    for (const [args, says] of [
      [{ interface: 'ftp://192.168.1.50', type: 'epson', width: 48 }, 'unknown printer scheme'],
      [{ interface: '192.168.1.50', type: 'epson', width: 48 }, 'malformed printer URI'],
      [{ interface: 'tcp://192.168.1.50:9100', type: 'zebra', width: 48 }, 'choose epson or star'],
      [{ interface: 'tcp://192.168.1.50:9100', type: 'epson', width: 80 }, 'choose 80 mm'],
      [{ interface: 'tcp://192.168.1.50:9100', type: 'epson', width: 48, id: 'x' }, 'id'],
    ] as const) {
      expect(await handle('testPrintCandidate', args)).toMatchObject({ ok: false, error: expect.stringContaining(says) });
    }
    expect(h.candidateTests).toEqual(['tcp://192.168.1.50:9100']);
  });

  it('tests a printer the bridge already drives through its queue, whatever the address\'s options', async () => {
    h = createHarness();
    h.settings.current = { ...h.settings.current, printers: [kitchen] };
    const outcome = await h.api.testPrintCandidate({ interface: 'file:///dev/ttyUSB0', type: 'star', width: 32 });
    expect(outcome).toEqual({ ok: true, message: 'test ticket queued' });
    expect(h.testPrints).toEqual(['kitchen']);
    expect(h.candidateTests).toEqual([]);
  });

  it('tests a saved printer straight through its transport while the bridge does not drive it', async () => {
    h = createHarness();
    h.settings.current = { ...h.settings.current, printers: [{ ...kitchen, id: 'pass' }] };
    await h.api.testPrintCandidate({ interface: kitchen.interface, type: 'epson', width: 48 });
    expect(h.candidateTests).toEqual([kitchen.interface]);
    expect(h.testPrints).toEqual([]);
  });
});
