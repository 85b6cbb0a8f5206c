import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../relay/server.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';
import { classifyTicket, startStack, type Stack } from './stack.js';

// A bridge switched off for longer than the relay's cursor expiry comes back to a relay that pruned
// the events it never acked, closes it once with 4010, and keeps it. The bridge must fetch the
// missing order from klikit (or say it may be missing), then go on receiving live orders.

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** The relay's clock, moved forward while it is stopped so that its restart prunes past the expiry. */
function relayClock() {
  let offsetMs = 0;
  return { now: () => Date.now() + offsetMs, skip: (ms: number) => void (offsetMs += ms) };
}

async function expireTheBridgesCursor(klikit: boolean) {
  const clock = relayClock();
  stack = await startStack({ klikit, relay: { clock, retentionMs: 7 * DAY_MS, cursorExpiryMs: 8 * DAY_MS } });
  const first = await stack.startBridge();
  await waitFor('relay link live', () => first.state().mode === 'live');
  const seen = await stack.sim.scenarios.created();
  await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });
  await waitFor('the first order acked', () => first.health().relayCursor === 1);
  await first.stop();

  // Received while the bridge is off, and pruned unacked when the relay comes back ten days later.
  const missed = await stack.sim.scenarios.created();
  await stack.stopRelay();
  clock.skip(10 * DAY_MS);
  await stack.restartRelay();
  return { seen: seen.order, missed: missed.order };
}

describe('a relay cursor that expired while the bridge was off', () => {
  it('makes the bridge catch up from klikit at once, print the pruned order, and stay live', async () => {
    const { seen, missed } = await expireTheBridgesCursor(true);
    const bridge = await stack!.startBridge();
    const tickets = await waitForPrinted(stack!.printer, 2, { idleMs: 15_000 });
    expect(classifyTicket(tickets[1]!, [seen, missed])).toEqual({ orderId: missed.id, kind: 'new' });
    await waitFor('relay link live again', () => bridge.state().mode === 'live');
    expect(bridge.state().warning).toBeNull();

    const live = await stack!.sim.scenarios.created();
    const all = await waitForPrinted(stack!.printer, 3, { idleMs: 10_000 });
    expect(classifyTicket(all[2]!, [seen, missed, live.order])).toEqual({ orderId: live.order.id, kind: 'new' });
    expect(bridge.state().mode).toBe('live');
  }, 45_000);

  it('without a klikit fallback, warns on screen that orders may be missing and stays live', async () => {
    const { seen, missed } = await expireTheBridgesCursor(false);
    const bridge = await stack!.startBridge();
    const warning = await waitFor('the missing-orders warning', () => bridge.state().warning);
    expect(warning).toMatch(/^Orders from \w{3} \d{1,2} \w{3} \d{2}:\d{2} to \w{3} \d{1,2} \w{3} \d{2}:\d{2} may be missing from this screen: check the aggregator tablets$/);
    await waitFor('relay link live again', () => bridge.state().mode === 'live');

    const live = await stack!.sim.scenarios.created();
    const tickets = await waitForPrinted(stack!.printer, 2, { idleMs: 10_000 });
    expect(tickets.map((t) => classifyTicket(t, [seen, missed, live.order]).orderId)).toEqual([seen.id, live.order.id]);
    expect(bridge.state()).toMatchObject({ mode: 'live', warning });
  }, 45_000);
});
