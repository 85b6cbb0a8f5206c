import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../dev/fault-proxy/fault-proxy.js';
import { PARTNER_PREFIX } from '../../../dev/simulator/partner-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';
import { createActionOutbox, type ActionOutbox } from '../../../main/actions/outbox.js';
import { createOrderRefresh } from '../../../main/actions/refresh-order.js';
import { systemClock } from '../../../ground/clock.js';
import { createIngest } from '../../../main/ingest/ingest.js';
import { createKlikitApi } from '../../../main/klikit/api-client.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { waitFor } from '../../helpers/wait.js';
import { readStoredWords } from '../../../common/i18n/stored-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const english = createTranslator('en');

// The outbox against the simulated klikit over real HTTP, through a proxy that can take the network away.

let dir: string;
let db: Db;
let sim: Simulator;
let proxy: FaultProxy;
let outbox: ActionOutbox;

/** The actions, their reasons as the window reads them (stored as catalogue keys, shown in English here). */
const actionRows = () =>
  (db.prepare('SELECT state, attempts, last_error, detail, idempotency_key FROM order_actions ORDER BY id').all() as { state: string; attempts: number; last_error: string; detail: string; idempotency_key: string }[]).map((r) => ({
    ...r,
    last_error: readStoredWords(r.last_error, english),
  }));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  db = openDatabase(join(dir, 'bridge.db'));
  sim = await startSimulator({ seed: 9, webhookSecret: 'w', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293], brandIds: [5297] });
  const target = new URL(sim.apiUrl);
  proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
  const ingest = createIngest({ db, clock: systemClock, printerIds: () => [] });
  outbox = createActionOutbox({
    db,
    clock: systemClock,
    random: seededRandom(1),
    logger: pino({ level: 'silent' }),
    api: createKlikitApi({ baseUrl: `http://127.0.0.1:${proxy.port}${PARTNER_PREFIX}`, partnerKey: 'pk', secretKey: 'sk', clock: systemClock, random: Math.random, timeoutMs: 1_000, maxRetries: 0 }),
    policy: { baseDelayMs: 20, minDelayMs: 20, maxDelayMs: 200 },
    refresh: createOrderRefresh(db, systemClock, ingest),
    // Undo is covered by its own test: here a Ready goes out at once.
    options: { undoMs: 0 },
  });
  outbox.start();
});

afterEach(async () => {
  await outbox.stop();
  await proxy.close();
  await sim.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** klikit has a PLACED order and the bridge stored it. */
function placedOrder(): number {
  const order = sim.scenarios.silent({ status: 1 });
  const ingest = createIngest({ db, clock: systemClock, printerIds: () => [] });
  const result = ingest({ eventId: `e-${order.id}`, source: 'manual', eventType: 'klikit.order.created.v2', receivedAt: new Date().toISOString(), body: { brand_id: order.brand_id, branch_id: order.branch_id, orders: [order] } });
  expect(result.outcome).toBe('applied');
  return order.id;
}
const storedStatus = (id: number) => (db.prepare('SELECT status FROM orders WHERE id = ?').get(id) as { status: number }).status;

describe('the order action outbox', () => {
  it('sends an accept once with an Idempotency-Key, then stores klikit’s new status', async () => {
    const id = placedOrder();
    expect(outbox.submit(id, 'accepted')).toMatchObject({ ok: true });
    expect(actionRows()[0]).toMatchObject({ state: 'pending' });
    await waitFor('the status to come back as ACCEPTED', () => storedStatus(id) === 2);
    const patches = sim.statusPatches();
    expect(patches).toHaveLength(1);
    expect(patches[0]!.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(patches[0]!.body)).toEqual({ status: 'accepted' });
    expect(actionRows()[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect(outbox.submit(id, 'accepted')).toMatchObject({ ok: false });
  });

  it('retries after a lost answer with the same key, and klikit applies it once', async () => {
    const id = placedOrder();
    sim.faults.set('lost-response', { times: 1 });
    outbox.submit(id, 'accepted');
    await waitFor('the action to be sent', () => actionRows()[0]!.state === 'sent');
    const keys = sim.statusPatches().map((p) => p.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(sim.record.history(id).filter((o) => o.status === 2)).toHaveLength(1);
  });

  it('keeps an action made offline and sends it once when the network is back', async () => {
    const id = placedOrder();
    proxy.setFault({ kind: 'drop' });
    outbox.submit(id, 'accepted');
    await waitFor('a failed attempt while offline', () => actionRows()[0]!.attempts >= 2);
    expect(actionRows()[0]).toMatchObject({ state: 'pending' });
    expect(actionRows()[0]!.last_error).toContain('cannot be reached');
    expect(actionRows()[0]!.detail).toContain('cannot reach klikit');
    expect(sim.statusPatches()).toHaveLength(0);
    proxy.setFault({ kind: 'none' });
    outbox.networkBack();
    await waitFor('the action to be sent', () => actionRows()[0]!.state === 'sent');
    expect(sim.statusPatches()).toHaveLength(1);
  });

  it('backs off on 429 and 502 and keeps the key', async () => {
    const id = placedOrder();
    sim.faults.set('rate-limited', { times: 1, retryAfterSeconds: 0 });
    outbox.submit(id, 'accepted');
    await waitFor('ACCEPTED stored', () => storedStatus(id) === 2);
    sim.faults.set('bad-gateway', { times: 2 });
    outbox.submit(id, 'ready');
    await waitFor('READY stored', () => storedStatus(id) === 4);
    expect(actionRows()[1]).toMatchObject({ state: 'sent', attempts: 3 });
    expect(new Set(sim.statusPatches().slice(1).map((p) => p.idempotencyKey)).size).toBe(1);
  });

  it('shows klikit’s message when it refuses, and re-reads the order', async () => {
    const id = placedOrder();
    const moved = sim.generator.withStatus(sim.record.latest(id)!, 3);
    sim.record.publish(moved);
    outbox.submit(id, 'accepted');
    await waitFor('the refusal', () => actionRows()[0]!.state === 'refused');
    expect(actionRows()[0]!.last_error).toContain('cannot be accepted');
    expect(actionRows()[0]!.last_error).not.toMatch(/409|request_id/);
    expect(actionRows()[0]!.detail).toMatch(/409.*request_id/);
    await waitFor('the order re-read as CANCELLED', () => storedStatus(id) === 3);
  });

  it('pauses on rejected credentials without spending the action', async () => {
    const id = placedOrder();
    sim.faults.set('unauthorized');
    outbox.submit(id, 'accepted');
    await waitFor('the pause', () => actionRows()[0]!.last_error.includes('API keys'));
    expect(outbox.health()).toMatchObject({ state: 'rejected', waitingActions: 1 });
    expect(actionRows()[0]).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
