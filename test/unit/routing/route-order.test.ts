import { describe, expect, it } from 'vitest';
import { routeOrder, routingActive } from '../../../main/routing/route-order.js';
import type { RoutableLine, RoutableOrder, StationPrinter } from '../../../main/routing/routes.js';

const line = (key: string, patch: Partial<RoutableLine> = {}): RoutableLine => ({
  key,
  quantity: 1,
  brandId: 9301,
  categoryId: '',
  categoryName: '',
  ...patch,
});
const pickupGrab: RoutableOrder = { type: 1, providerId: 6 };

const burger = line('burger', { categoryId: '11', categoryName: 'Mains' });
const fries = line('fries', { categoryId: '12', categoryName: 'Sides' });
const tea = line('tea', { brandId: 9302, categoryId: '20', categoryName: 'Drinks' });
const cake = line('cake', { brandId: 9302, categoryId: '30', categoryName: 'Desserts' });
const LINES = [burger, fries, tea, cake];

const kitchen: StationPrinter = { id: 'kitchen', name: 'Kitchen', routes: { brands: [9301], categories: ['Mains', 'Sides'] } };
const bar: StationPrinter = { id: 'bar', name: 'Bar', routes: { categories: ['drinks'] } };
const expo: StationPrinter = { id: 'expo', name: 'Expo' };

type Case = [name: string, order: RoutableOrder, printers: StationPrinter[], expected: Record<string, string[]>, unrouted: string[]];

const CASES: Case[] = [
  ['brand and category names (any case), whole-order expo', pickupGrab, [kitchen, bar, expo], { kitchen: ['burger', 'fries'], bar: ['tea'], expo: ['burger', 'fries', 'tea', 'cake'] }, []],
  ['category by klikit id, as number or string', pickupGrab, [{ id: 'k', name: 'K', routes: { categories: [11, '12'] } }, { id: 'b', name: 'B', routes: { categories: ['20', '30'] } }], { k: ['burger', 'fries'], b: ['tea', 'cake'] }, []],
  ['brand alone', pickupGrab, [{ id: 'a', name: 'A', routes: { brands: [9302] } }, { id: 'b', name: 'B', routes: { brands: [9301] } }], { a: ['tea', 'cake'], b: ['burger', 'fries'] }, []],
  ['all keys must match: the brand matches but the category does not', pickupGrab, [{ id: 'k', name: 'K', routes: { brands: [9301], categories: ['Drinks'] } }], { k: ['burger', 'fries', 'tea', 'cake'] }, ['burger', 'fries', 'tea', 'cake']],
  ['order type matches', pickupGrab, [{ id: 'p', name: 'Pickup', routes: { orderTypes: ['pickup', 'dine-in'] } }, { id: 'd', name: 'Delivery', routes: { orderTypes: ['delivery'] } }], { p: ['burger', 'fries', 'tea', 'cake'], d: [] }, []],
  ['order type does not match: everything to the first printer, unrouted', { type: 2, providerId: 6 }, [{ id: 'p', name: 'Pickup', routes: { orderTypes: ['pickup'] } }, { id: 'q', name: 'Q', routes: { orderTypes: ['dine-in'] } }], { p: ['burger', 'fries', 'tea', 'cake'], q: [] }, ['burger', 'fries', 'tea', 'cake']],
  ['provider', pickupGrab, [{ id: 'grab', name: 'Grab', routes: { providers: [6] } }, { id: 'fp', name: 'foodpanda', routes: { providers: [7] } }], { grab: ['burger', 'fries', 'tea', 'cake'], fp: [] }, []],
  ['an unknown type or provider never matches a given key', { type: null, providerId: null }, [{ id: 'a', name: 'A', routes: { providers: [6] } }, { id: 'b', name: 'B', routes: { orderTypes: ['pickup'] } }], { a: ['burger', 'fries', 'tea', 'cake'], b: [] }, ['burger', 'fries', 'tea', 'cake']],
  ['unrouted lines go to the printer marked fallback', pickupGrab, [kitchen, bar, { id: 'pass', name: 'Pass', routes: { categories: ['Nothing'] }, fallback: true }], { kitchen: ['burger', 'fries'], bar: ['tea'], pass: ['cake'] }, ['cake']],
  ['without a fallback mark, unrouted lines go to the first printer', pickupGrab, [bar, kitchen], { bar: ['tea', 'cake'], kitchen: ['burger', 'fries'] }, ['cake']],
  ['empty route keys do not constrain', pickupGrab, [{ id: 'all', name: 'All', routes: { brands: [], categories: [] } }], { all: ['burger', 'fries', 'tea', 'cake'] }, []],
  ['no printer at all: nothing printed, every line unrouted', pickupGrab, [], {}, ['burger', 'fries', 'tea', 'cake']],
];

describe('routeOrder', () => {
  it.each(CASES)('%s', (_, order, printers, expected, unrouted) => {
    const routing = routeOrder(order, LINES, printers);
    const got = Object.fromEntries(routing.stations.map((s) => [s.printerId, LINES.filter((l) => s.lineKeys.has(l.key)).map((l) => l.key)]));
    expect(got).toEqual(expected);
    expect(routing.unroutedKeys).toEqual(unrouted);
  });

  it('marks unrouted lines only at the printer that prints them for nobody else', () => {
    const routing = routeOrder(pickupGrab, LINES, [kitchen, bar, { ...expo, routes: { categories: ['Drinks'] }, fallback: true }]);
    expect(routing.stations.map((s) => [s.printerId, [...s.unroutedKeys]])).toEqual([
      ['kitchen', []],
      ['bar', []],
      ['expo', ['cake']],
    ]);
  });

  it('is only active once some printer has routes', () => {
    expect(routingActive([expo, { id: 'x', name: 'X' }])).toBe(false);
    expect(routingActive([expo, bar])).toBe(true);
    expect(routingActive([])).toBe(false);
  });
});
