import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../e2e/stack.js';
import { waitFor } from '../../helpers/wait.js';

// A running bridge records how long its printer held the tickets: the virtual printer runs out of
// paper with an order waiting, then gets paper back.

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('printer holds in the day in numbers', () => {
  it('are recorded from the queue, paper out to paper back, and counted in the figures', async () => {
    stack = await startStack({ klikit: false, timing: { pingIntervalMs: 500, deadAfterMs: 2_000 } });
    const bridge = await stack.startBridge();
    const holds = () => bridge.db.prepare('SELECT printer_id AS printer, reason, ended_at IS NOT NULL AS ended FROM printer_holds').all() as Array<{ printer: string; reason: string; ended: number }>;
    stack.printer.setState('paper-out');
    await stack.sim.scenarios.created();
    await waitFor('a hold to start', () => holds().length === 1, { timeoutMs: 10_000 });
    expect(holds()).toEqual([{ printer: 'kitchen', reason: expect.stringMatching(/paper/i), ended: 0 }]);

    stack.printer.setState('ok');
    await stack.printer.waitForTickets(1, 10_000);
    await waitFor('the hold to end', () => holds()[0]?.ended === 1, { timeoutMs: 10_000 });
    expect(holds()).toHaveLength(1);
    const { ms } = bridge.db.prepare('SELECT (julianday(ended_at) - julianday(started_at)) * 86400000 AS ms FROM printer_holds').get() as { ms: number };
    expect(ms).toBeGreaterThan(0);
    const [today] = (await bridge.dayStats.figures(1)).days;
    expect(today).toMatchObject({ orders: 1, printerHoldMinutes: Math.round(ms / 6_000) / 10 });
  }, 40_000);
});
