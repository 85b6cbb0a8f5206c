import { afterEach, describe, expect, it } from 'vitest';
import { startStack, newTicketsPerOrder, type Stack } from '../../e2e/stack.js';
import { halfOpenDetectionMs, startStackBehindProxy } from '../../e2e/half-open-link.js';
import type { FaultProxy } from '../../../dev/fault-proxy/fault-proxy.js';
import { waitFor } from '../../helpers/wait.js';
import type { SimOrder } from '../../../dev/simulator/order-generator.js';
import type { ConnectionMode } from '../../../main/core/connection-state.js';

// Shortened intervals (the defaults are checked at full length in real-timing.test.ts).
const timing = {
  pingIntervalMs: 200,
  deadAfterMs: 800,
  reconnectBaseMs: 50,
  reconnectCapMs: 300,
  pollAfterDownMs: 1_000,
  pollIntervalMs: 250,
};

let stack: Stack | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  // The proxy first: a frozen link would hold the relay's close handshake for its full timeout.
  await proxy?.close();
  await stack?.close();
  stack = proxy = undefined;
});

describe('relay outage', () => {
  it('switches to polling, prints every order once, and resumes the stream when the relay is back', async () => {
    stack = await startStack({ timing });
    const bridge = await stack.startBridge();
    const modes: ConnectionMode[] = [];
    bridge.subscribe((s) => modes.push(s.mode));
    await waitFor('live', () => bridge.state().mode === 'live');
    const orders: SimOrder[] = [];
    for (let i = 0; i < 3; i++) orders.push((await stack.sim.scenarios.created()).order);
    await stack.printer.waitForTickets(3, 10_000);

    await stack.stopRelay();
    const downAt = Date.now();
    for (let i = 0; i < 4; i++) {
      const { order, delivery } = await stack.sim.scenarios.created();
      expect(delivery.outcome).toBe('gave-up');
      orders.push(order);
    }
    await waitFor('polling', () => bridge.state().mode === 'polling', { timeoutMs: 15_000 });
    expect(Date.now() - downAt).toBeLessThan(15_000);
    await stack.printer.waitForTickets(7, 15_000);

    await stack.restartRelay();
    await waitFor('live again', () => bridge.state().mode === 'live', { timeoutMs: 10_000 });
    const requestsWhenLive = stack.sim.apiRequests();
    for (let i = 0; i < 3; i++) orders.push((await stack.sim.scenarios.created()).order);
    await stack.printer.waitForTickets(10, 10_000);
    // Polling stops once the relay is back (only the slow reconciliation would call klikit).
    expect(stack.sim.apiRequests()).toBe(requestsWhenLive);

    const counts = newTicketsPerOrder(stack.printer.tickets(), orders);
    expect([...counts.values()].every((c) => c.plain === 1 && c.possibleDuplicate === 0)).toBe(true);
    expect(stack.printer.tickets()).toHaveLength(10);
    expect(modes).toEqual(expect.arrayContaining(['live', 'reconnecting', 'polling']));
    const events = bridge.db.prepare("SELECT source, COUNT(*) AS n FROM events WHERE outcome = 'applied' GROUP BY source ORDER BY source").all();
    expect(events).toEqual([
      { source: 'poll', n: 4 },
      { source: 'relay', n: 6 },
    ]);
  });

  it('detects a half-open link (a proxy that stops forwarding) and reconnects', async () => {
    ({ stack, proxy } = await startStackBehindProxy({ timing, klikit: false }));
    const bridge = await stack.startBridge();
    const detectedMs = await halfOpenDetectionMs(bridge, proxy, { timeoutMs: 5_000 });
    expect(detectedMs).toBeGreaterThanOrEqual(timing.deadAfterMs - 250);
    expect(detectedMs).toBeLessThan(timing.deadAfterMs + timing.pingIntervalMs + 500);
    await waitFor('a reconnect attempt through the proxy', () => proxy!.stats().accepted >= 2);
  });
});
