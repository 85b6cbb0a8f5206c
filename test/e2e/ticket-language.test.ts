import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';

// Issue 22 end to end: a webhook posted to the relay comes out of a printer set to Bahasa Indonesia
// with the kitchen's words in Indonesian, and a VOID slip for its cancel too.

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('webhook → relay → bridge → a printer set to Bahasa Indonesia', () => {
  it('prints the new ticket and the VOID slip in Indonesian', async () => {
    stack = await startStack({ klikit: false, stations: [{ id: 'kitchen', name: 'Dapur', language: 'id' }] });
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order } = await stack.sim.scenarios.created({ type: 2, scheduled: false, status: 1 });
    const [ticket] = await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });
    const items = order.cart_v2.reduce((sum, line) => sum + line.quantity, 0);
    for (const words of ['ANTAR', 'Masuk', `ITEM: ${items}`]) expect(ticket!.text).toContain(words);
    for (const english of ['DELIVERY', 'Placed', 'ITEMS:']) expect(ticket!.text).not.toContain(english);
    await stack.sim.scenarios.cancel(order);
    const [, slip] = await waitForPrinted(stack.printer, 2, { idleMs: 10_000 });
    for (const words of ['BATAL', 'PESANAN DIBATALKAN - JANGAN DIMASAK', 'Batal']) expect(slip!.text).toContain(words);
    expect(slip!.text).not.toContain('VOID');
  });
});
