import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RELAY_DB_FILE } from '../../relay/store/connection.js';
import { postWebhook } from '../integration/relay/helpers.js';
import { waitFor } from '../helpers/wait.js';
import { classifyTicket, startStack, WEBHOOK_SECRET, type Stack } from './stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

function relayEventCount(s: Stack): number {
  const db = new Database(join(s.root, 'relay', RELAY_DB_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a captured body replayed after its event was pruned', () => {
  it('cannot pre-empt the genuine event that comes under the same id: it still prints', async () => {
    stack = await startStack({ klikit: false, relay: { retentionMs: 1, pruneIntervalMs: 100, housekeepingMs: 100 } });
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order, delivery } = await stack.sim.scenarios.created();
    await stack.printer.waitForTickets(1, 10_000);
    await waitFor('the acked event to be pruned from the relay', () => relayEventCount(stack!) === 0);

    const nextEventId = 'evt-klikit-next';
    const replay = await postWebhook(stack.relay.url, delivery.body, { secret: WEBHOOK_SECRET, eventId: nextEventId, eventType: delivery.eventType });
    expect(replay).toEqual({ status: 200, json: { status: 'duplicate-ignored' } });

    const envelope = JSON.parse(delivery.body) as { orders: Array<Record<string, unknown>> };
    const next = { ...order, id: order.id + 1000, external_id: `${order.external_id}-next`, short_id: `${order.short_id}N` };
    envelope.orders[0] = { ...envelope.orders[0], id: next.id, external_id: next.external_id, short_id: next.short_id };
    const genuine = await postWebhook(stack.relay.url, JSON.stringify(envelope), { secret: WEBHOOK_SECRET, eventId: nextEventId, eventType: delivery.eventType });
    expect(genuine).toEqual({ status: 200, json: { status: 'received' } });

    const tickets = await stack.printer.waitForTickets(2, 10_000);
    expect(tickets.map((t) => classifyTicket(t, [next, order]))).toEqual([
      { orderId: order.id, kind: 'new' },
      { orderId: next.id, kind: 'new' },
    ]);
  });
});
