import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../e2e/stack.js';
import { startFreezableProxy, type FreezableProxy } from './tcp-proxy.js';
import { waitFor } from '../../helpers/wait.js';

// The intervals of DESIGN.md at their real length (ping 5 s, dead after 15 s, poll after 15 s down):
// slow by nature (about 30 s for the file), so the other bridge tests use shortened ones.

let stack: Stack | undefined;
let proxy: FreezableProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await stack?.close();
  stack = proxy = undefined;
});

describe('default timings', () => {
  it('declares a half-open link dead within 15 s', async () => {
    stack = await startStack({
      klikit: false,
      relayUrlFor: async (relay) => {
        proxy = await startFreezableProxy(relay.port);
        return `ws://127.0.0.1:${proxy.port}/v1/bridge`;
      },
    });
    const bridge = await stack.startBridge();
    await waitFor('live', () => bridge.state().mode === 'live');
    proxy!.freeze();
    const frozenAt = Date.now();
    await waitFor('link declared dead', () => bridge.state().mode !== 'live', { timeoutMs: 20_000, intervalMs: 100 });
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(15_500);
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
