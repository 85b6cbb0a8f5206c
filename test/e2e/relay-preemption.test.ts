import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import type { Delivery } from '../../dev/simulator/record.js';
import { RELAY_DB_FILE } from '../../relay/store/connection.js';
import { postWebhook } from '../integration/relay/helpers.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';
import { classifyTicket, startStack, WEBHOOK_SECRET, type Stack } from './stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

function relayCount(s: Stack, table: 'events' | 'body_tombstones'): number {
  const db = new Database(join(s.root, 'relay', RELAY_DB_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const relayEventCount = (s: Stack): number => relayCount(s, 'events');

function bridgeRows<T>(s: Stack, sql: string): T[] {
  const db = new Database(join(s.config.dataDir, 'bridge.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/**
 * klikit's genuine next event under `eventId`: another order in the same envelope shape. Both the
 * original order and this one must print, once each, in that order.
 */
async function postGenuineUnder(s: Stack, eventId: string, delivery: Delivery, order: SimOrder): Promise<SimOrder> {
  const envelope = JSON.parse(delivery.body) as { orders: Array<Record<string, unknown>> };
  const next = { ...order, id: order.id + 1000, external_id: `${order.external_id}-next`, short_id: `${order.short_id}N` };
  envelope.orders[0] = { ...envelope.orders[0], id: next.id, external_id: next.external_id, short_id: next.short_id };
  const genuine = await postWebhook(s.relay.url, JSON.stringify(envelope), { secret: WEBHOOK_SECRET, eventId, eventType: delivery.eventType });
  expect(genuine).toEqual({ status: 200, json: { status: 'received' } });
  const tickets = await waitForPrinted(s.printer, 2, { idleMs: 10_000 });
  expect(tickets.map((t) => classifyTicket(t, [next, order]))).toEqual([
    { orderId: order.id, kind: 'new' },
    { orderId: next.id, kind: 'new' },
  ]);
  return next;
}

describe('a captured body replayed after its event was pruned', () => {
  it('cannot pre-empt the genuine event that comes under the same id: it still prints', async () => {
    stack = await startStack({ klikit: false, relay: { retentionMs: 1, pruneIntervalMs: 100, housekeepingMs: 100 } });
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order, delivery } = await stack.sim.scenarios.created();
    await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });
    await waitFor('the acked event to be pruned from the relay', () => relayEventCount(stack!) === 0);

    const nextEventId = 'evt-klikit-next';
    const replay = await postWebhook(stack.relay.url, delivery.body, { secret: WEBHOOK_SECRET, eventId: nextEventId, eventType: delivery.eventType });
    expect(replay).toEqual({ status: 200, json: { status: 'duplicate-ignored' } });

    await postGenuineUnder(stack, nextEventId, delivery, order);
  });
});

describe('after the relay forgot a body (its tombstone expired)', () => {
  it('a captured body replayed under klikit\'s next event id does not make the bridge drop the genuine event', async () => {
    stack = await startStack({ klikit: false, relay: { retentionMs: 1, tombstoneRetentionMs: 1, pruneIntervalMs: 100, housekeepingMs: 100 } });
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order, delivery } = await stack.sim.scenarios.created();
    await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });
    await waitFor('the acked event and its tombstone pruned', () => relayEventCount(stack!) === 0 && relayCount(stack!, 'body_tombstones') === 0);

    const nextEventId = 'evt-klikit-next';
    const replay = await postWebhook(stack.relay.url, delivery.body, { secret: WEBHOOK_SECRET, eventId: nextEventId, eventType: delivery.eventType });
    expect(replay).toEqual({ status: 200, json: { status: 'received' } });
    await waitFor('the bridge to commit the replay', () => bridgeRows(stack!, `SELECT 1 FROM events WHERE event_id = '${nextEventId}'`).length === 1);

    const next = await postGenuineUnder(stack, nextEventId, delivery, order);
    expect(bridgeRows(stack, `SELECT order_id, kind FROM print_jobs ORDER BY id`)).toEqual([
      { order_id: order.id, kind: 'new' },
      { order_id: next.id, kind: 'new' },
    ]);
  });

  it('an order captured long ago, replayed to a bridge that never saw it, goes to Problems and does not print', async () => {
    stack = await startStack({ klikit: false });
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order, delivery } = await stack.sim.scenarios.created();
    await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });

    const longAgo = new Date(Date.now() - 91 * 24 * 3_600_000).toISOString();
    const envelope = JSON.parse(delivery.body) as { orders: Array<Record<string, unknown>> };
    const captured = { id: order.id + 2000, external_id: 'captured-91-days-ago' };
    envelope.orders[0] = { ...envelope.orders[0], ...captured, short_id: 'OLD91', created_at: longAgo, updated_at: longAgo };
    const replay = await postWebhook(stack.relay.url, JSON.stringify(envelope), { secret: WEBHOOK_SECRET, eventId: 'evt-captured', eventType: delivery.eventType });
    expect(replay).toEqual({ status: 200, json: { status: 'received' } });

    await waitFor('the replay shown in Problems', () => bridgeRows(stack!, `SELECT 1 FROM quarantine WHERE event_id = 'evt-captured'`).length === 1);
    const [problem] = bridgeRows<{ reason: string }>(stack, `SELECT reason FROM quarantine WHERE event_id = 'evt-captured'`);
    expect(problem!.reason).toMatch(/^Order #OLD91 was placed 91 days before it reached this bridge/);
    expect(bridgeRows(stack, `SELECT order_id FROM print_jobs ORDER BY id`)).toEqual([{ order_id: order.id }]);
    expect(stack.printer.tickets().map((t) => classifyTicket(t, [order, captured]))).toEqual([{ orderId: order.id, kind: 'new' }]);
  });
});
