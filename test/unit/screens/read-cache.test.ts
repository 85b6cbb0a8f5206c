import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../../main/screens/read-cache.js';

describe('read cache', () => {
  it('answers the same board read once within its life, and afresh after a push or once it is old', async () => {
    let now = 0;
    let computed = 0;
    const cache = createReadCache({ now: () => now }, 250);
    const compute = async () => ({ ok: true as const, value: ++computed });
    const first = await Promise.all(Array.from({ length: 10 }, () => cache.read('expo', 'listOrders', { limit: 50 }, compute)));
    expect(first.map((r) => r.ok && r.value)).toEqual(Array(10).fill(1));
    expect(await cache.read('expo', 'listOrders', { limit: 10 }, compute)).toEqual({ ok: true, value: 2 });
    cache.invalidate();
    expect(await cache.read('expo', 'listOrders', { limit: 50 }, compute)).toEqual({ ok: true, value: 3 });
    now = 250;
    expect(await cache.read('expo', 'listOrders', { limit: 50 }, compute)).toEqual({ ok: true, value: 4 });
    expect(await cache.read('expo', 'getOrder', 1, compute)).toEqual({ ok: true, value: 5 });
    expect(await cache.read('expo', 'getOrder', 1, compute)).toEqual({ ok: true, value: 6 });
    expect(await cache.read('pickup', 'listOrders', { limit: 50 }, compute)).toEqual({ ok: true, value: 7 });
  });
});
