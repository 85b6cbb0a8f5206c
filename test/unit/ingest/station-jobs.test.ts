import { beforeEach, describe, expect, it } from 'vitest';
import { createIngest } from '../../../main/ingest/ingest.js';
import { NO_LINES_FOR_STATION } from '../../../main/ingest/plan-jobs.js';
import type { StationPrinter } from '../../../main/routing/routes.js';
import type { Db } from '../../../main/store/connection.js';
import { jobsForOrder, markSending, markSent } from '../../../main/store/print-jobs.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { tempDbPerTest } from '../store/temp-db.js';
import { CART, CREATED, STATUS, steppingClock } from './ingest-harness.js';

// Which printers get which jobs once printers have routes: kitchen (mains), bar (drinks), expo (all).

const STATIONS: StationPrinter[] = [
  { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
  { id: 'expo', name: 'Expo' },
];

type Json = Record<string, unknown>;
type Line = Json & { quantity: number };

/** The multi-brand fixture with klikit categories on its lines: two mains and one drink. */
function order(patch: Json = {}): Json & { cart_v2: Line[] } {
  const base = structuredClone((readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Array<Json & { cart_v2: Line[] }> }).orders[0]!);
  base.cart_v2[0]!['klikit_category_name'] = 'Mains';
  base.cart_v2[1]!['klikit_category_name'] = 'Mains';
  base.cart_v2[2]!['klikit_category_name'] = 'Drinks';
  return { ...base, ...patch } as Json & { cart_v2: Line[] };
}

let db: Db;
const freshDb = tempDbPerTest();
beforeEach(() => {
  db = freshDb();
});

function setup(stations: StationPrinter[] = STATIONS) {
  const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => stations.map((p) => p.id), stations: () => stations });
  let n = 0;
  const send = (eventType: string, o: Json) =>
    ingest({ eventId: `e${++n}`, source: 'relay', eventType, receivedAt: '2026-06-25T10:00:00.000Z', body: { brand_id: 5297, branch_id: 1293, orders: [o] } });
  const jobs = () => jobsForOrder(db, 71290001).map((j) => `${j.printerId}:${j.kind}:${j.state}`);
  const printAll = () => {
    for (const job of jobsForOrder(db, 71290001)) {
      if (job.state !== 'queued') continue;
      markSending(db, job.id, '2026-06-25T11:00:00.000Z');
      markSent(db, job.id, '2026-06-25T11:00:00.000Z');
    }
  };
  return { send, jobs, printAll };
}

describe('jobs per station', () => {
  it('a new order goes to every station that has lines of it, and to the whole-order printer', () => {
    const { send, jobs } = setup();
    send(CREATED, order());
    expect(jobs()).toEqual(['kitchen:new:queued', 'bar:new:queued', 'expo:new:queued']);
  });

  it('a station without lines of the order gets no ticket', () => {
    const { send, jobs } = setup();
    const food = order();
    food.cart_v2.splice(2, 1);
    send(CREATED, food);
    expect(jobs()).toEqual(['kitchen:new:queued', 'expo:new:queued']);
  });

  it('a drink edit after printing reprints only at bar and expo; a cancel voids everywhere that printed', () => {
    const { send, jobs, printAll } = setup();
    send(CREATED, order());
    printAll();
    const edited = order({ updated_at: '2026-06-25T09:20:00Z' });
    edited.cart_v2[2]!.quantity = 2;
    send(CART, edited);
    expect(jobs().slice(3)).toEqual(['bar:update:queued', 'expo:update:queued']);
    printAll();
    send(STATUS, { ...edited, status: 3, updated_at: '2026-06-25T09:25:00Z' });
    expect(jobs().slice(5)).toEqual(['kitchen:cancel:queued', 'bar:cancel:queued', 'expo:cancel:queued']);
  });

  it('a food edit reprints at kitchen and expo, not at the bar', () => {
    const { send, jobs, printAll } = setup();
    send(CREATED, order());
    printAll();
    const edited = order({ updated_at: '2026-06-25T09:20:00Z' });
    edited.cart_v2[1]!.quantity = 3;
    send(CART, edited);
    expect(jobs().slice(3)).toEqual(['kitchen:update:queued', 'expo:update:queued']);
  });

  it('a station that gains its first line after the others printed gets it as an update', () => {
    const { send, jobs, printAll } = setup();
    const food = order();
    const drink = food.cart_v2.splice(2, 1)[0]!;
    send(CREATED, food);
    printAll();
    send(CART, { ...food, cart_v2: [...food.cart_v2, drink], updated_at: '2026-06-25T09:20:00Z' });
    expect(jobs().slice(2)).toEqual(['bar:update:queued', 'expo:update:queued']);
  });

  it('before printing, an edit replaces the queued ticket, and a station that lost all its lines is skipped', () => {
    const { send, jobs } = setup();
    send(CREATED, order());
    const noDrink = order({ updated_at: '2026-06-25T09:20:00Z' });
    noDrink.cart_v2.splice(2, 1);
    send(CART, noDrink);
    expect(jobs()).toEqual(['kitchen:new:queued', 'bar:new:skipped', 'expo:new:queued']);
    expect(jobsForOrder(db, 71290001)[1]!.lastError).toBe(NO_LINES_FOR_STATION);
    expect(jobsForOrder(db, 71290001)[0]!.payload.order).toMatchObject({ updated_at: '2026-06-25T09:20:00Z' });
  });

  it('lines no route takes print at the whole-order printer', () => {
    const odd = order();
    for (const line of odd.cart_v2) line['klikit_category_name'] = 'Merch';
    const withExpo = setup();
    withExpo.send(CREATED, odd);
    expect(withExpo.jobs()).toEqual(['expo:new:queued']);
  });

  it('without a whole-order printer, lines no route takes print at the fallback printer', () => {
    const odd = order();
    odd.cart_v2[2]!['klikit_category_name'] = 'Merch';
    const { send, jobs } = setup([STATIONS[0]!, { ...STATIONS[1]!, fallback: true }]);
    send(CREATED, odd);
    expect(jobs()).toEqual(['kitchen:new:queued', 'bar:new:queued']);
  });
});
