import { startFaultProxy, type FaultProxy } from '../../dev/fault-proxy/fault-proxy.js';
import type { Bridge } from '../../main/core/bridge.js';
import { waitFor } from '../helpers/wait.js';
import { startStack, type Stack, type StackOptions } from './stack.js';

/** A whole stack whose bridge reaches the relay through a fault proxy, so its link can go half-open. */
export async function startStackBehindProxy(options: StackOptions = {}): Promise<{ stack: Stack; proxy: FaultProxy }> {
  let proxy: FaultProxy | undefined;
  const stack = await startStack({
    ...options,
    relayUrlFor: async (relay) => {
      proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: relay.port } });
      return `ws://127.0.0.1:${proxy.port}/v1/bridge`;
    },
  });
  return { stack, proxy: proxy! };
}

/**
 * Waits until the bridge is live, makes its relay link half-open (the proxy keeps both connections
 * but forwards nothing, like a router that lost its NAT entry) and returns how long the bridge took
 * to declare the link dead.
 */
export async function halfOpenDetectionMs(bridge: Bridge, proxy: FaultProxy, { timeoutMs, intervalMs = 20 }: { timeoutMs: number; intervalMs?: number }): Promise<number> {
  await waitFor('live', () => bridge.state().mode === 'live');
  proxy.setFault({ kind: 'half-open' });
  const silencedAt = Date.now();
  await waitFor('link declared dead', () => bridge.state().mode !== 'live', { timeoutMs, intervalMs });
  return Date.now() - silencedAt;
}
