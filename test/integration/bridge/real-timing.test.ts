import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../e2e/stack.js';
import { waitFor } from '../../helpers/wait.js';
import { halfOpenDetectionMs, startStackBehindProxy } from '../../e2e/half-open-link.js';
import type { FaultProxy } from '../../../dev/fault-proxy/fault-proxy.js';

// The intervals of DESIGN.md at their real length (ping 5 s, dead after 15 s, poll after 15 s down):
// slow by nature (about 30 s for the file), so the other bridge tests use shortened ones.

let stack: Stack | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await stack?.close();
  stack = proxy = undefined;
});

describe('default timings', () => {
  it('declares a half-open link dead within 15 s', async () => {
    ({ stack, proxy } = await startStackBehindProxy({ klikit: false }));
    const bridge = await stack.startBridge();
    // Pings every 5 s: the last traffic was at most 5 s before the link went silent, so the bridge's
    // 15 s silence timer fires 10 to 15 s later. Sooner would mean the link was not really half-open.
    const detectedMs = await halfOpenDetectionMs(bridge, proxy, { timeoutMs: 20_000, intervalMs: 100 });
    expect(detectedMs).toBeGreaterThanOrEqual(10_000);
    expect(detectedMs).toBeLessThanOrEqual(15_500);
  }, 40_000);

  it('polls klikit 15 s after the relay went away, and prints what it finds', async () => {
    stack = await startStack();
    const bridge = await stack.startBridge();
    await waitFor('live', () => bridge.state().mode === 'live');
    await stack.stopRelay();
    const downAt = Date.now();
    stack.sim.scenarios.silent();
    await waitFor('polling', () => bridge.state().mode === 'polling', { timeoutMs: 20_000, intervalMs: 100 });
    const elapsed = Date.now() - downAt;
    expect(elapsed).toBeGreaterThanOrEqual(14_900);
    expect(elapsed).toBeLessThanOrEqual(16_000);
    await stack.printer.waitForTickets(1, 5_000);
  }, 40_000);
});
