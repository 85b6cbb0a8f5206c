import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CREATED, envelopeOf } from '../../dev/simulator/scenarios.js';
import { asciiTextEncoder } from '../../main/tickets/index.js';
import { HOSTILE_LENGTH } from '../helpers/hostile-order.js';
import { waitFor } from '../helpers/wait.js';
import { classifyTicket, startStack, type Stack } from './stack.js';

// Issue 19: one webhook with a 250,000-character `external_id` blocked the bridge for 17-23 s (the
// next order printed 17 s late, the relay link dropped) and printed 27 m of paper. Through the whole
// chain, that order now prints a capped ticket and the next order prints on time.

/** Much longer than a ticket takes on a loaded machine, much shorter than the 17 s the attack cost. */
const NEXT_ORDER_DEADLINE_MS = 5_000;
/** About half a metre of paper: PAPER_CAPS.ticketLines, with tall lines counted once here. */
const MAX_TICKET_LINES = 140;

/** The ticket's text with wrapped lines joined again, to find a long dish name in it. */
const unwrapped = (text: string): string => text.replace(/\n {2,}/g, ' ');
const printed = (name: string): string => asciiTextEncoder.toPrintable(name);

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('a 250,000-character field through relay → bridge → printer', () => {
  it('prints a capped ticket for it, and the next order on time', async () => {
    stack = await startStack();
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    const hostile = stack.sim.generator.next({ type: 2 });
    hostile.external_id = 'E'.repeat(HOSTILE_LENGTH);
    stack.sim.record.publish(hostile);
    const attack = await stack.sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([hostile]), orders: [hostile] });
    expect(attack.outcome).toBe('delivered');

    const nextSentAt = Date.now();
    const { order: next, delivery } = await stack.sim.scenarios.created({ type: 2 });
    expect(delivery.outcome).toBe('delivered');
    const tickets = await stack.printer.waitForTickets(2, 20_000);

    const [cut, onTime] = tickets as [(typeof tickets)[0], (typeof tickets)[0]];
    expect(classifyTicket(cut, [hostile, next])).toEqual({ orderId: hostile.id, kind: 'new' });
    expect(cut.text).toMatch(/\nRef {6}E{39}\n {9}E \.\.\. see screen\n/);
    expect(cut.text.split('\n').length).toBeLessThan(MAX_TICKET_LINES);
    expect(cut.raw.length).toBeLessThan(8_000);
    for (const line of hostile.cart_v2) expect(unwrapped(cut.text)).toContain(printed(line.name));

    expect(classifyTicket(onTime, [hostile, next])).toEqual({ orderId: next.id, kind: 'new' });
    for (const line of next.cart_v2) expect(unwrapped(onTime.text)).toContain(printed(line.name));
    expect(onTime.at - nextSentAt).toBeLessThan(NEXT_ORDER_DEADLINE_MS);
    expect(bridge.state().mode).toBe('live');
  });
});
