import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../e2e/stack.js';
import { waitFor } from '../../helpers/wait.js';
import type { Bridge } from '../../../main/core/bridge.js';

// The relay is down from the start, so the bridge polls klikit's API (the simulator) at once; each
// fault must show up in the connection state, and requests must be spaced out, never a tight loop.

const timing = {
  reconnectCapMs: 1_000,
  pollAfterDownMs: 100,
  pollIntervalMs: 100,
  apiBackoffBaseMs: 200,
  apiBackoffCapMs: 1_000,
  apiTimeoutMs: 300,
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function bridgeWithoutRelay(fault?: (s: Stack) => void): Promise<Bridge> {
  stack = await startStack({ timing });
  await stack.stopRelay();
  fault?.(stack);
  return stack.startBridge();
}

describe('klikit API faults while polling', () => {
  it('polls and prints while the relay is unreachable', async () => {
    const bridge = await bridgeWithoutRelay();
    stack!.sim.scenarios.silent();
    await waitFor('polling', () => bridge.state().mode === 'polling');
    await stack!.printer.waitForTickets(1, 5_000);
  });

  it('401: credentials-rejected, and no further request', async () => {
    const bridge = await bridgeWithoutRelay((s) => s.sim.faults.set('unauthorized'));
    await waitFor('credentials-rejected', () => bridge.state().mode === 'credentials-rejected');
    expect(bridge.state().detail).toMatch(/401/);
    const requests = stack!.sim.apiRequests();
    expect(requests).toBe(1);
    await expect(waitFor('another request', () => stack!.sim.apiRequests() > requests, { timeoutMs: 1_500 })).rejects.toThrow(/timed out/);
  });

  it('429: waits out Retry-After between requests', async () => {
    const startedAt = Date.now();
    const bridge = await bridgeWithoutRelay((s) => s.sim.faults.set('rate-limited', { retryAfterSeconds: 1 }));
    await waitFor('offline with the 429', () => bridge.state().mode === 'offline' && /429/.test(bridge.state().detail), { timeoutMs: 5_000 });
    await waitFor('three requests', () => stack!.sim.apiRequests() >= 3, { timeoutMs: 5_000 });
    // Two Retry-After waits of 1 s separate the first and the third request.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_900);
  });

  it('502: backs off, shows offline, and recovers when klikit does', async () => {
    const startedAt = Date.now();
    const bridge = await bridgeWithoutRelay((s) => s.sim.faults.set('bad-gateway'));
    await waitFor('offline with the 502', () => bridge.state().mode === 'offline' && /502/.test(bridge.state().detail));
    await waitFor('five requests', () => stack!.sim.apiRequests() >= 5, { timeoutMs: 5_000 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(550);
    stack!.sim.faults.clear();
    await waitFor('polling', () => bridge.state().mode === 'polling', { timeoutMs: 5_000 });
  });

  it('a hanging API: each request times out, state offline, requests spaced by the timeout', async () => {
    const startedAt = Date.now();
    const bridge = await bridgeWithoutRelay((s) => s.sim.faults.set('hang'));
    await waitFor('offline with a timeout', () => bridge.state().mode === 'offline' && /did not answer/.test(bridge.state().detail), { timeoutMs: 5_000 });
    await waitFor('three requests', () => stack!.sim.apiRequests() >= 3, { timeoutMs: 5_000 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2 * timing.apiTimeoutMs);
  });
});
