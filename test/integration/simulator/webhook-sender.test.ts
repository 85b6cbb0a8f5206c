import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { envelopeSchema } from '../../../main/klikit/schemas.js';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';
import { EVENT_CART, EVENT_CREATED, EVENT_STATUS } from '../../../dev/simulator/scenarios.js';
import { startReceiver, type Received } from './receiver.js';

const SECRET = 'whsec_test';
const START = Date.parse('2026-06-25T09:00:00Z');

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
let sim: Simulator | undefined;
let sleeps: number[] = [];

afterEach(async () => {
  await sim?.close();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
  sleeps = [];
});

async function setup(answer?: Parameters<typeof startReceiver>[0], webhook: { timeoutMs?: number; maxAttempts?: number } = {}) {
  receiver = await startReceiver(answer);
  let t = START;
  sim = await startSimulator({
    seed: 5,
    clock: { now: () => (t += 1000) },
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    partnerKey: 'pk',
    secretKey: 'sk',
    branchIds: [1293],
    brandIds: [5297, 5301],
    webhook: { sleep: async (ms) => void sleeps.push(ms), ...webhook },
  });
  return { receiver, sim };
}

function signatureValid(r: Received, secret = SECRET): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(r.body).digest('hex'));
  const given = Buffer.from(String(r.headers['x-klikit-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const bodyOf = (r: Received) => envelopeSchema.parse(JSON.parse(r.body.toString('utf8')));

describe('webhook sender', () => {
  it('signs the raw body bytes with lowercase hex HMAC-SHA256 and sends klikit headers', async () => {
    const { receiver, sim } = await setup();
    const { order, delivery } = await sim.scenarios.created();
    const [r] = receiver.received;
    expect(r).toBeDefined();
    expect(signatureValid(r!)).toBe(true);
    expect(r!.headers['x-klikit-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(r!.headers['x-klikit-event-type']).toBe(EVENT_CREATED);
    expect(r!.headers['x-klikit-event-id']).toBe(delivery.eventId);
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.body.toString('utf8')).toBe(delivery.body);
    expect(bodyOf(r!).orders[0]?.id).toBe(order.id);
    expect(delivery).toMatchObject({ outcome: 'delivered', intent: 'valid', attempts: [{ status: 200 }] });
    expect(sim.record.deliveries()).toEqual([delivery]);
  });

  it('retries non-2xx with exponential backoff and records each attempt', async () => {
    const { receiver, sim } = await setup((i) => (i < 2 ? 503 : 200));
    const { delivery } = await sim.scenarios.created();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-klikit-event-id']))).toEqual(new Set([delivery.eventId]));
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(delivery.outcome).toBe('delivered');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the attempt cap', async () => {
    const { receiver, sim } = await setup(() => 500, { maxAttempts: 4 });
    const { delivery } = await sim.scenarios.created();
    expect(receiver.received).toHaveLength(4);
    expect(delivery.outcome).toBe('gave-up');
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('treats a receiver that does not answer within the timeout as a failed attempt', async () => {
    const { sim } = await setup((i) => (i === 0 ? 'hang' : 200), { timeoutMs: 200 });
    const { delivery } = await sim.scenarios.created();
    expect(delivery.attempts[0]?.error).toMatch(/no reply within 200 ms/);
    expect(delivery.attempts[1]?.status).toBe(200);
    expect(delivery.outcome).toBe('delivered');
  });

  it('replays duplicates with the same and with a new event id, same bytes', async () => {
    const { receiver, sim } = await setup();
    const { delivery } = await sim.scenarios.created();
    await sim.scenarios.resendSameEventId(delivery);
    await sim.scenarios.resendNewEventId(delivery);
    const [a, b, c] = receiver.received;
    expect(b!.headers['x-klikit-event-id']).toBe(a!.headers['x-klikit-event-id']);
    expect(c!.headers['x-klikit-event-id']).not.toBe(a!.headers['x-klikit-event-id']);
    expect(b!.body.equals(a!.body) && c!.body.equals(a!.body)).toBe(true);
    expect(receiver.received.every((r) => signatureValid(r))).toBe(true);
  });

  it('sends a batch envelope, status updates out of order, stale status, cart edits and cancellations', async () => {
    const { receiver, sim } = await setup();
    const { orders } = await sim.scenarios.batch(3);
    expect(bodyOf(receiver.received[0]!).orders.map((o) => o.id)).toEqual(orders.map((o) => o.id));

    const order = orders[0]!;
    const { versions } = await sim.scenarios.outOfOrderStatus(order, 4, 9);
    const [newer, older] = receiver.received.slice(1).map(bodyOf);
    expect(newer!.orders[0]).toMatchObject({ status: 9, updated_at: versions[1].updated_at });
    expect(older!.orders[0]).toMatchObject({ status: 4, updated_at: versions[0].updated_at });
    expect(Date.parse(versions[1].updated_at)).toBeGreaterThan(Date.parse(versions[0].updated_at));
    expect(sim.record.latest(order.id)?.status).toBe(9);

    await sim.scenarios.staleStatus(order.id);
    expect(bodyOf(receiver.received[3]!).orders[0]).toMatchObject({ status: order.status, updated_at: order.updated_at });

    const edit = await sim.scenarios.cartEdit(orders[1]!);
    expect(receiver.received[4]!.headers['x-klikit-event-type']).toBe(EVENT_CART);
    expect(Date.parse(edit.order.updated_at)).toBeGreaterThan(Date.parse(orders[1]!.updated_at));
    expect(bodyOf(receiver.received[4]!).orders[0]?.cart_v2).toEqual(JSON.parse(JSON.stringify(edit.order.cart_v2)));

    const cancel = await sim.scenarios.cancel(orders[2]!);
    expect(receiver.received[5]!.headers['x-klikit-event-type']).toBe(EVENT_STATUS);
    expect(bodyOf(receiver.received[5]!).orders[0]?.status).toBe(3);
    expect(sim.record.latest(cancel.order.id)?.status).toBe(3);
  });

  it('sends deliberately invalid deliveries and keeps them out of the truth', async () => {
    const { receiver, sim } = await setup((_, r) => (signatureValid(r) ? 200 : 401));
    const forged = await sim.scenarios.badSignature();
    expect(signatureValid(receiver.received[0]!)).toBe(false);
    expect(forged).toMatchObject({ intent: 'bad-signature', outcome: 'gave-up', attempts: [{ status: 401 }] });

    const notJson = await sim.scenarios.malformed('not-json');
    expect(() => JSON.parse(notJson.body)).toThrow();
    const wrongShape = await sim.scenarios.malformed('wrong-shape');
    expect(envelopeSchema.safeParse(JSON.parse(wrongShape.body)).success).toBe(false);
    expect(signatureValid(receiver.received[2]!)).toBe(true);

    const stripped = await sim.scenarios.missingHeaders();
    expect(receiver.received[3]!.headers['x-klikit-signature']).toBeUndefined();
    expect(receiver.received[3]!.headers['x-klikit-event-id']).toBeUndefined();
    expect(receiver.received[3]!.headers['x-klikit-event-type']).toBe(EVENT_CREATED);
    expect(stripped.intent).toBe('missing-headers');

    const huge = await sim.scenarios.malformed('huge');
    expect(receiver.received[4]!.body.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(signatureValid(receiver.received[4]!)).toBe(true);
    expect(huge.intent).toBe('malformed');

    const real = await sim.scenarios.created();
    expect(sim.record.validOrderIds()).toEqual([real.order.id]);
    expect(sim.record.forgedOrderIds()).toEqual([forged.orders[0]!.id, stripped.orders[0]!.id]);
  });

  it('records orders cancelled before their first delivery and orders never announced', async () => {
    const { receiver, sim } = await setup();
    const { order } = await sim.scenarios.cancelledBeforeDelivery();
    const silent = sim.scenarios.silent();
    await sim.scenarios.created();
    expect(sim.record.cancelledBeforeFirstDelivery()).toEqual([order.id]);
    expect(sim.record.history(order.id).map((o) => o.status)).toEqual([expect.any(Number), 3]);
    expect(sim.record.validOrderIds()).toContain(silent.id);
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up at once, without waiting, when no webhook URL is configured', async () => {
    sim = await startSimulator({ seed: 1, webhookSecret: SECRET, partnerKey: 'pk', secretKey: 'sk', branchIds: [1], brandIds: [2] });
    const { delivery } = await sim.scenarios.created();
    expect(delivery).toMatchObject({ outcome: 'gave-up', attempts: [{ error: 'no webhook url configured' }] });
  });
});
