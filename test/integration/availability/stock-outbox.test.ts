import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../dev/fault-proxy/fault-proxy.js';
import { PARTNER_PREFIX } from '../../../dev/simulator/partner-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';
import type { SimOrder } from '../../../dev/simulator/order-generator.js';
import { createStockOutbox, type StockOutbox } from '../../../main/availability/stock-outbox.js';
import { noSkuWords } from '../../../main/availability/stock-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';
import { readStoredWords } from '../../../common/i18n/stored-words.js';
import { orderHasOutOfStockLine } from '../../../main/availability/order-items.js';
import type { Clock } from '../../../ground/clock.js';
import { createIngest } from '../../../main/ingest/ingest.js';
import { createKlikitApi } from '../../../main/klikit/api-client.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { waitFor } from '../../helpers/wait.js';

// "86" against the simulated klikit over real HTTP, through a proxy that can drop answers and the
// network, with an injected clock for the timed restore.

let dir: string;
let db: Db;
let sim: Simulator;
let proxy: FaultProxy;
/** Real time moved to `skew` away: retries wait in real time, while a test can jump the clock forward. */
let skew: number;
const clock: Clock = { now: () => Date.now() + skew };
const running: StockOutbox[] = [];

/** A bridge's "86" outbox on the shared database: a second one is the bridge after a restart. */
function startOutbox(timeoutMs = 1_000): StockOutbox {
  const outbox = createStockOutbox({
    db,
    clock,
    random: seededRandom(running.length + 1),
    logger: pino({ level: 'silent' }),
    api: createKlikitApi({ baseUrl: `http://127.0.0.1:${proxy.port}${PARTNER_PREFIX}`, partnerKey: 'pk', secretKey: 'sk', clock, random: Math.random, timeoutMs, maxRetries: 0 }),
    policy: { baseDelayMs: 20, minDelayMs: 20, maxDelayMs: 200 },
    timeZone: 'Asia/Jakarta',
  });
  running.push(outbox);
  outbox.start();
  return outbox;
}

beforeEach(async () => {
  skew = Date.parse('2026-06-25T05:00:00.000Z') - Date.now();
  dir = mkdtempSync(join(tmpdir(), 'stock-outbox-'));
  db = openDatabase(join(dir, 'bridge.db'));
  sim = await startSimulator({ seed: 9, webhookSecret: 'w', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293], brandIds: [5297] });
  const target = new URL(sim.apiUrl);
  proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
});

afterEach(async () => {
  for (const outbox of running.splice(0)) await outbox.stop();
  await proxy.close();
  await sim.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bridge stored a new order; `skus` replace its lines' SKUs in turn (null: the line has none). */
function storedOrder(skus: Array<string | null> = []): SimOrder {
  const order = sim.scenarios.silent({ status: 1, lineCount: Math.max(1, skus.length) });
  for (const [i, sku] of skus.entries()) {
    const line = order.cart_v2[i] as unknown as Record<string, unknown>;
    if (sku === null) delete line.klikit_sku_id;
    else line.klikit_sku_id = sku;
  }
  const ingest = createIngest({ db, clock, printerIds: () => [] });
  const result = ingest({ eventId: `e-${order.id}`, source: 'manual', eventType: 'klikit.order.created.v2', receivedAt: new Date(clock.now()).toISOString(), body: { brand_id: order.brand_id, branch_id: order.branch_id, orders: [order] } });
  expect(result.outcome).toBe('applied');
  return order;
}

const skuOf = (order: SimOrder, line = 0): string => (order.cart_v2[line] as unknown as { klikit_sku_id: string }).klikit_sku_id;
/** The writes, their reasons as the window reads them (stored as catalogue keys, shown in English here). */
const writes = () =>
  (db.prepare('SELECT sku, available, state, attempts, last_error, detail, idempotency_key FROM stock_writes ORDER BY id').all() as Array<{ sku: string; available: number; state: string; attempts: number; last_error: string; detail: string; idempotency_key: string }>).map((w) => ({
    ...w,
    last_error: readStoredWords(w.last_error, createTranslator('en')),
  }));
const patchesOf = (sku: string) => sim.availabilityPatches().filter((p) => p.sku === sku);

describe('86: marking an item out of stock', () => {
  it('sends exactly one PATCH with an Idempotency-Key, and klikit confirms', async () => {
    const outbox = startOutbox();
    const order = storedOrder();
    const sku = skuOf(order);
    expect(outbox.mark({ orderId: order.id, line: 0, duration: 'manual' })).toEqual({ ok: true, message: `${order.cart_v2[0]!.name} is out of stock until you turn it back on. Telling klikit now.` });
    await waitFor('klikit to confirm', () => outbox.list()[0]?.klikit === 'confirmed');
    expect(patchesOf(sku)).toEqual([{ sku, idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/), body: '{"available":false}' }]);
    expect(sim.availability.available(sku)).toBe(false);
    expect(outbox.list()).toEqual([expect.objectContaining({ sku, name: order.cart_v2[0]!.name, until: null, restored: false, words: 'klikit confirmed: it is off the menu.' })]);
    expect(orderHasOutOfStockLine(db, order)).toBe(true);
    // Marking it again changes how long, not klikit: no second PATCH.
    expect(outbox.mark({ orderId: order.id, line: 0, duration: 'hour' })).toMatchObject({ ok: true, message: expect.stringContaining('was already out of stock: now until 13:00') });
    expect(patchesOf(sku)).toHaveLength(1);
  });

  it('reuses the key after a dropped answer, and klikit applies it once', async () => {
    const outbox = startOutbox();
    const order = storedOrder();
    const sku = skuOf(order);
    // The request reaches klikit; its answer is cut before the first byte comes back.
    proxy.setFault({ kind: 'cut', afterBytes: 0, direction: 'toClient', once: true });
    outbox.mark({ orderId: order.id, line: 0, duration: 'manual' });
    await waitFor('klikit to confirm', () => writes()[0]?.state === 'sent');
    const keys = patchesOf(sku).map((p) => p.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(writes()[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps a mark made offline and sends it once the network is back', async () => {
    const outbox = startOutbox();
    const order = storedOrder();
    const sku = skuOf(order);
    proxy.setFault({ kind: 'drop' });
    outbox.mark({ orderId: order.id, line: 0, duration: 'tomorrow' });
    await waitFor('a failed attempt while offline', () => (writes()[0]?.attempts ?? 0) >= 2);
    expect(writes()[0]).toMatchObject({ state: 'pending', last_error: 'klikit cannot be reached right now. The bridge keeps trying by itself.' });
    expect(outbox.list()[0]).toMatchObject({ klikit: 'sending', until: '2026-06-25T21:00:00.000Z' });
    expect(patchesOf(sku)).toHaveLength(0);
    proxy.setFault({ kind: 'none' });
    outbox.networkBack();
    await waitFor('the mark to be sent', () => writes()[0]?.state === 'sent');
    expect(patchesOf(sku)).toHaveLength(1);
    expect(sim.availability.available(sku)).toBe(false);
  });

  it('turns a timed mark back on at its time after a restart, exactly once', async () => {
    const first = startOutbox();
    const order = storedOrder();
    const sku = skuOf(order);
    first.mark({ orderId: order.id, line: 0, duration: 'hour' });
    await waitFor('klikit to confirm', () => writes()[0]?.state === 'sent');
    await first.stop();
    // The bridge was off when the hour ended; it starts again later.
    skew += 59 * 60_000;
    const early = startOutbox();
    expect(early.list()[0]).toMatchObject({ restored: false });
    await early.stop();
    skew += 2 * 60_000;
    const second = startOutbox();
    await waitFor('klikit to have it back', () => sim.availability.available(sku) === true);
    await waitFor('the write to settle', () => writes()[1]?.state === 'sent');
    // Another start (and the timer of the one before) finds nothing left to do.
    await second.stop();
    const third = startOutbox();
    third.networkBack();
    expect(patchesOf(sku).map((p) => p.body)).toEqual(['{"available":false}', '{"available":true}']);
    expect(db.prepare('SELECT ended_by FROM stock_marks').all()).toEqual([{ ended_by: 'timer' }]);
    expect(third.list()).toEqual([]);
    expect(orderHasOutOfStockLine(db, order)).toBe(false);
  });

  it('turns an item back on with one tap; a mark never sent is simply dropped', async () => {
    const outbox = startOutbox();
    const order = storedOrder([null, null]);
    const [a, b] = [storedOrder(['CBA002']), storedOrder(['CBA003'])];
    outbox.mark({ orderId: a.id, line: 0, duration: 'manual' });
    await waitFor('klikit to confirm', () => writes()[0]?.state === 'sent');
    expect(outbox.restore('CBA002')).toEqual({ ok: true, message: `${a.cart_v2[0]!.name} is back on the menu. Telling klikit now.` });
    await waitFor('klikit to have it back', () => sim.availability.available('CBA002') === true);
    expect(outbox.restore('CBA002')).toMatchObject({ ok: false });

    // Marked and turned back on before the first try: klikit never hears of it.
    const quiet = createStockOutbox({ db, clock, random: () => 0.5, logger: pino({ level: 'silent' }), api: { patchItemAvailability: () => Promise.reject(new Error('not sent')) }, policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 } });
    quiet.mark({ orderId: b.id, line: 0, duration: 'manual' });
    expect(quiet.restore('CBA003')).toMatchObject({ ok: true, message: expect.stringMatching(/is back on the menu\.$/) });
    expect(writes().filter((w) => w.sku === 'CBA003')).toEqual([expect.objectContaining({ state: 'cancelled', available: 0 })]);
    expect(quiet.mark({ orderId: order.id, line: 1, duration: 'hour' })).toEqual({ ok: false, message: noSkuWords(createTranslator('en')) });
  });

  it('says in words why klikit cannot mark an item it does not know', async () => {
    const outbox = startOutbox();
    const order = storedOrder(['NOT-MAPPED-1']);
    outbox.mark({ orderId: order.id, line: 0, duration: 'hour' });
    await waitFor('klikit’s answer', () => outbox.list()[0]?.klikit === 'refused');
    const [item] = outbox.list();
    expect(item!.words).toBe('klikit does not know this item: its menu code (SKU) is not mapped in klikit, so it cannot be marked here. Mark it in the klikit app, and ask klikit to map the item.');
    expect(writes()[0]!.detail).toMatch(/404 resource_unmapped.*request_id/);
    expect(patchesOf('NOT-MAPPED-1')).toHaveLength(1);
    // Nothing to undo at klikit: turning it back on sends nothing.
    expect(outbox.restore('NOT-MAPPED-1')).toMatchObject({ ok: true, message: expect.stringMatching(/is back on the menu\.$/) });
    expect(patchesOf('NOT-MAPPED-1')).toHaveLength(1);
  });

  it('keeps each item in its own lane: one that hangs does not hold another back', async () => {
    const outbox = startOutbox(3_000);
    const [a, b] = [storedOrder(['CBA002']), storedOrder(['CBA004'])];
    sim.faults.set('hang', { times: 1 });
    outbox.mark({ orderId: a.id, line: 0, duration: 'manual' });
    await waitFor('the first PATCH to hang', () => patchesOf('CBA002').length === 1 || sim.apiRequests() === 1);
    outbox.mark({ orderId: b.id, line: 0, duration: 'manual' });
    await waitFor('the second item confirmed', () => sim.availability.available('CBA004') === false);
    // Counted as tried the moment it went out: had the bridge stopped now, a restore at the next start
    // would tell klikit "on" instead of dropping an "off" klikit may already have applied.
    expect(writes().find((w) => w.sku === 'CBA002')).toMatchObject({ state: 'pending', attempts: 1 });
    await waitFor('the first item confirmed after its timeout', () => sim.availability.available('CBA002') === false, { timeoutMs: 15_000 });
  });
});
