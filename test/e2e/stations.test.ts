import { afterEach, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { EVENT_CART, EVENT_CREATED, EVENT_STATUS, envelopeOf } from '../../dev/simulator/scenarios.js';
import type { PrintedTicket } from '../../dev/virtual-printer/virtual-printer.js';
import type { Bridge } from '../../main/core/bridge.js';
import { enqueueReprint } from '../../main/store/print-jobs.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';
import { startStack, type Stack } from './stack.js';

// Three stations through relay → bridge → three virtual printers: the kitchen takes mains, the bar
// drinks, expo everything. And a scheduled order on the same stations, with the bridge's clock moved
// by the test.

const STATIONS = [
  { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
  { id: 'expo', name: 'Expo' },
];

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** A GrabFood pickup order from the simulator with klikit categories: two mains and a drink. */
function stationOrder(s: Stack, patch: Partial<SimOrder> = {}): SimOrder {
  const order = s.sim.generator.next({ brandIds: [5297], type: 1, providerId: 6, scheduled: false, status: 2, lineCount: 3, driveThru: false });
  order.cart_v2 = order.cart_v2.map((line, i) => ({ ...line, name: `${i === 2 ? 'Drink' : 'Main'} ${i + 1}`, klikit_category_name: i === 2 ? 'Drinks' : 'Mains' }));
  return { ...order, ...patch };
}

async function send(s: Stack, eventType: string, order: SimOrder): Promise<void> {
  s.sim.record.publish(order);
  const delivery = await s.sim.sender.send({ eventType, body: envelopeOf([order]), orders: [order] });
  expect(delivery.outcome).toBe('delivered');
}

const itemLines = (ticket: PrintedTicket): string[] => ticket.text.split('\n').filter((l) => /^(\([A-Z]+\) )*\d+ x |^REMOVED: /.test(l.trim()));
const count = (s: Stack, id: string): number => s.printers[id]!.tickets().length;
const queuesEmpty = (bridge: Bridge) => Object.keys(bridge.health().queueDepth).length === 0;

describe('stations end to end', () => {
  it('each station prints exactly its lines; a drink edit reprints at bar and expo only; a reprint targets one station; a cancel voids everywhere', async () => {
    stack = await startStack({ klikit: false, stations: STATIONS });
    const s = stack;
    const bridge = await s.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    const order = stationOrder(s);
    await send(s, EVENT_CREATED, order);
    const [kitchen] = await waitForPrinted(s.printers.kitchen!, 1);
    const [bar] = await waitForPrinted(s.printers.bar!, 1);
    const [expo] = await waitForPrinted(s.printers.expo!, 1);
    const q = (line: SimOrder['cart_v2'][number]) => `${line.quantity} x ${line.name}`;
    expect(itemLines(kitchen!)).toEqual([q(order.cart_v2[0]!), q(order.cart_v2[1]!)]);
    expect(kitchen!.text).toMatch(/also: Bar \d+ items?\n/);
    expect(itemLines(bar!)).toEqual([q(order.cart_v2[2]!)]);
    expect(bar!.text).toMatch(/also: Kitchen \d+ items\n/);
    expect(itemLines(expo!)).toEqual(order.cart_v2.map(q));
    for (const ticket of [kitchen!, bar!, expo!]) expect(ticket.text).toContain(`#${order.short_id}`);

    const drink = order.cart_v2[2]!;
    const edited: SimOrder = { ...order, cart_v2: [order.cart_v2[0]!, order.cart_v2[1]!, { ...drink, quantity: drink.quantity + 1 }], updated_at: new Date(Date.parse(order.updated_at) + 60_000).toISOString() };
    await send(s, EVENT_CART, edited);
    const [, barUpdate] = await waitForPrinted(s.printers.bar!, 2);
    const [, expoUpdate] = await waitForPrinted(s.printers.expo!, 2);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect(count(s, 'kitchen')).toBe(1);
    for (const ticket of [barUpdate!, expoUpdate!]) expect(ticket.text).toContain('UPDATED');
    expect(itemLines(barUpdate!)).toEqual([`(CHANGED) ${drink.quantity + 1} x ${drink.name}`]);

    // The window's reprint targets one station: only the bar, with only its line.
    expect(enqueueReprint(bridge.db, order.id, 'bar', new Date().toISOString())).not.toBeNull();
    bridge.printers.wakeAll();
    const [, , barReprint] = await waitForPrinted(s.printers.bar!, 3);
    expect(barReprint!.text).toContain('REPRINT');
    expect(itemLines(barReprint!)).toEqual([`${drink.quantity + 1} x ${drink.name}`]);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect([count(s, 'kitchen'), count(s, 'expo')]).toEqual([1, 2]);

    await send(s, EVENT_STATUS, { ...edited, status: 3, updated_at: new Date(Date.parse(edited.updated_at) + 60_000).toISOString() });
    for (const [id, n] of [['kitchen', 2], ['bar', 4], ['expo', 3]] as const) {
      const tickets = await waitForPrinted(s.printers[id]!, n);
      expect(tickets.at(-1)!.text).toContain('VOID');
    }
    expect(itemLines(s.printers.bar!.tickets().at(-1)!)).toEqual([`${drink.quantity + 1} x ${drink.name}`]);
  });

  it('a scheduled order prints a slip, then its tickets at their time by the bridge clock, once only across a restart', async () => {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    stack = await startStack({ klikit: false, stations: STATIONS, clock, timing: { scheduleCheckMs: 50 }, scheduled: { leadMinutes: 10 } });
    const s = stack;
    let bridge = await s.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    // Due for the kitchen at scheduled − 15 min preparation − 10 min lead = in 95 minutes.
    const food = stationOrder(s, { status: 6, preparation_time: 15, scheduled_time: new Date(Date.now() + 2 * 3_600_000).toISOString() });
    food.cart_v2 = food.cart_v2.slice(0, 2);
    await send(s, EVENT_CREATED, food);
    const [kitchenSlip] = await waitForPrinted(s.printers.kitchen!, 1);
    const [expoSlip] = await waitForPrinted(s.printers.expo!, 1);
    for (const slip of [kitchenSlip!, expoSlip!]) expect(slip.text).toContain('DO NOT COOK YET');
    const summary = bridge.db.prepare(`SELECT due_at FROM scheduled_prints WHERE order_id = ?`).get(food.id) as { due_at: string };
    expect(Date.parse(summary.due_at)).toBe(Date.parse(food.scheduled_time!) - 25 * 60_000);

    offset = Date.parse(summary.due_at) - Date.now();
    const [, kitchenTicket] = await waitForPrinted(s.printers.kitchen!, 2);
    const [, expoTicket] = await waitForPrinted(s.printers.expo!, 2);
    for (const ticket of [kitchenTicket!, expoTicket!]) {
      expect(ticket.text).not.toContain('DO NOT COOK YET');
      expect(ticket.text).not.toContain('LATE');
      expect(ticket.text).toContain(food.cart_v2[0]!.name);
    }
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect(count(s, 'bar')).toBe(0);

    await bridge.stop();
    bridge = await s.startBridge();
    const jobs = () => (bridge.db.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE order_id = ?').get(food.id) as { n: number }).n;
    expect(jobs()).toBe(4);

    // The bridge is off when the next one is due: it prints late, once, when the bridge is back.
    const later = stationOrder(s, { status: 6, preparation_time: 15, scheduled_time: new Date(Date.now() + offset + 2 * 3_600_000).toISOString() });
    later.cart_v2 = later.cart_v2.slice(0, 1);
    await waitFor('relay link live again', () => bridge.state().mode === 'live');
    await send(s, EVENT_CREATED, later);
    await waitForPrinted(s.printers.kitchen!, 3);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    await bridge.stop();
    offset += 3 * 3_600_000;
    bridge = await s.startBridge();
    const [, , , late] = await waitForPrinted(s.printers.kitchen!, 4);
    expect(late!.text).toContain('LATE');
    expect(late!.text).toContain(later.cart_v2[0]!.name);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    await bridge.stop();
    bridge = await s.startBridge();
    expect((bridge.db.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE order_id = ?').get(later.id) as { n: number }).n).toBe(4);
  });
});
