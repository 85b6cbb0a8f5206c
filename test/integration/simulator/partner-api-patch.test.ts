import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';

// klikit's PATCH /orders/{id}/status as the simulator plays it: the state machine, idempotency and
// the error codes the bridge must handle.

const AUTH = `Basic ${Buffer.from('pk:sk').toString('base64')}`;
let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ seed: 5, webhookSecret: 'w', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293], brandIds: [5297] });
});
afterEach(() => sim.close());

async function patch(id: number, body: object, key: string | null) {
  const headers: Record<string, string> = { Authorization: AUTH, 'Content-Type': 'application/json' };
  if (key !== null) headers['Idempotency-Key'] = key;
  const res = await fetch(`${sim.apiBaseUrl}/orders/${id}/status`, { method: 'PATCH', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as { data?: { status: number }; error?: { code: string; message: string } } };
}

describe('simulated PATCH /orders/{id}/status', () => {
  it('moves an order along klikit’s state machine and refuses a jump with 409 and a message', async () => {
    const order = sim.scenarios.silent({ status: 1 });
    expect((await patch(order.id, { status: 'ready' }, 'k1')).status).toBe(409);
    const accepted = await patch(order.id, { status: 'accepted' }, 'k2');
    expect(accepted).toMatchObject({ status: 200, body: { data: { status: 2 } } });
    expect(sim.record.latest(order.id)!.status).toBe(2);
    expect((await patch(order.id, { status: 'ready' }, 'k3')).body.data!.status).toBe(4);
    expect((await patch(order.id, { status: 'picked_up' }, 'k4')).body.data!.status).toBe(9);
    const late = await patch(order.id, { status: 'accepted' }, 'k5');
    expect(late.status).toBe(409);
    expect(late.body.error!.message).toContain('cannot be accepted');
  });

  it('replays the same key with the same body and refuses it with another body', async () => {
    const order = sim.scenarios.silent({ status: 1 });
    const first = await patch(order.id, { status: 'accepted' }, 'same-key');
    const again = await patch(order.id, { status: 'accepted' }, 'same-key');
    expect(again).toEqual(first);
    expect(sim.record.history(order.id)).toHaveLength(2);
    const other = await patch(order.id, { status: 'rejected', reason_code: 'kitchen_busy' }, 'same-key');
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'idempotency_conflict' } } });
  });

  it('requires an Idempotency-Key and a known status; 404 for an unknown order', async () => {
    const order = sim.scenarios.silent({ status: 1 });
    expect((await patch(order.id, { status: 'accepted' }, null)).status).toBe(400);
    expect((await patch(order.id, { status: 'eaten' }, 'k')).status).toBe(422);
    expect((await patch(999_999_999, { status: 'accepted' }, 'k2')).status).toBe(404);
    expect(sim.statusPatches().map((p) => p.idempotencyKey)).toEqual([undefined, 'k', 'k2']);
  });

  it('applies a write whose answer is lost, once', async () => {
    const order = sim.scenarios.silent({ status: 1 });
    sim.faults.set('lost-response', { times: 1 });
    await expect(patch(order.id, { status: 'accepted' }, 'lost')).rejects.toThrow();
    expect(sim.record.latest(order.id)!.status).toBe(2);
    expect((await patch(order.id, { status: 'accepted' }, 'lost')).status).toBe(200);
    expect(sim.record.history(order.id)).toHaveLength(2);
  });
});
