import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';

// klikit's PATCH /items/{sku}/availability ("86") as the simulator plays it: the state it keeps,
// idempotency (same key and body: the same answer, applied once; another body: 409) and unknown SKUs.

const AUTH = `Basic ${Buffer.from('pk:sk').toString('base64')}`;
let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ seed: 5, webhookSecret: 'w', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293], brandIds: [5297] });
});
afterEach(() => sim.close());

type Answer = { request_id?: string; data?: { sku: string; available: boolean }; error?: { code: string; message: string } };

async function patch(sku: string, body: unknown, key: string | null) {
  const headers: Record<string, string> = { Authorization: AUTH, 'Content-Type': 'application/json' };
  if (key !== null) headers['Idempotency-Key'] = key;
  const res = await fetch(`${sim.apiBaseUrl}/items/${encodeURIComponent(sku)}/availability`, { method: 'PATCH', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe('simulated PATCH /items/{sku}/availability', () => {
  it('keeps each SKU’s availability', async () => {
    expect(sim.availability.available('CBA001')).toBeUndefined();
    expect(await patch('CBA001', { available: false }, 'k1')).toMatchObject({ status: 200, body: { data: { sku: 'CBA001', available: false } } });
    expect(sim.availability.available('CBA001')).toBe(false);
    expect(sim.availability.available('CBA002')).toBeUndefined();
    await patch('CBA001', { available: true }, 'k2');
    expect(sim.availability.available('CBA001')).toBe(true);
  });

  it('answers a replay of the same key and body as the first time, applied once; another body under that key is a 409', async () => {
    const first = await patch('CBA001', { available: false }, 'same-key');
    await patch('CBA001', { available: true }, 'other-key');
    const again = await patch('CBA001', { available: false }, 'same-key');
    expect(again).toEqual(first);
    // The replay did not apply again: the later write still stands.
    expect(sim.availability.available('CBA001')).toBe(true);
    const conflict = await patch('CBA001', { available: true }, 'same-key');
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'idempotency_conflict' } } });
    expect((await patch('CBA002', { available: false }, 'same-key')).status).toBe(409);
  });

  it('answers an unknown SKU with 404 resource_unmapped, and needs a key and a boolean', async () => {
    expect(await patch('NOPE-1', { available: false }, 'k3')).toMatchObject({
      status: 404,
      body: { request_id: expect.any(String), error: { code: 'resource_unmapped', message: 'Stock / availability call referenced an unknown SKU' } },
    });
    sim.availability.map('NOPE-1');
    expect((await patch('NOPE-1', { available: false }, 'k4')).status).toBe(200);
    expect((await patch('CBA001', { available: false }, null)).status).toBe(400);
    expect((await patch('CBA001', { available: 'no' }, 'k5')).status).toBe(422);
    expect(sim.availabilityPatches().map((p) => p.sku)).toEqual(['NOPE-1', 'NOPE-1', 'CBA001', 'CBA001']);
  });
});
