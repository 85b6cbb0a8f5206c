import { picker, seededRandom } from '../../../dev/simulator/prng.js';
import { createDayStats } from '../../../main/stats/day-stats-service.js';
import type { Db } from '../../../main/store/connection.js';
import { seedOrder } from '../../unit/window-api/fakes.js';

// Varied stored orders for the day in numbers' integration tests (the rollup in slices, the figures in
// pieces): the histories a busy kitchen leaves behind.

export const STATIONS = [
  { id: 'wok', name: 'Wok', routes: { categories: ['Mains'] } },
  { id: 'grill', name: 'Grill', routes: { categories: ['Sides'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
export const TIME_ZONE = 'Asia/Jakarta';
export const NOW = Date.parse('2026-06-25T14:00:00.000Z');
export const ORDERS = 130;
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Two and a half days of varied orders: done, cancelled, missed, scheduled, bumped per station, printed or not. */
export function seedService(db: Db): void {
  const p = picker(seededRandom(42));
  const change = db.prepare(`INSERT INTO order_changes (order_id, event_id, event_type, status, updated_at, applied, at) VALUES (?, ?, 'e', ?, ?, ?, ?)`);
  const action = db.prepare(
    `INSERT INTO order_actions (order_id, action, idempotency_key, state, station, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const job = db.prepare(
    `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at, sent_at) VALUES (?, ?, ?, 'v1', 'sent', '', ?, ?, ?)`,
  );
  const line = (category: string) => ({ name: `${category} dish`, quantity: p.int(1, 3), comment: '', klikit_category_name: category, modifier_groups: [] });
  let key = 0;
  db.transaction(() => {
    for (let i = 0; i < ORDERS; i++) {
      const id = 500 + i;
      const seen = NOW - 60 * 3_600_000 + i * ((60 * 3_600_000) / ORDERS);
      const scheduled = p.chance(0.1);
      const created = seen;
      const cart = p.sample(['Mains', 'Sides', 'Drinks'], p.int(1, 3)).map(line);
      seedOrder(db, id, iso(seen), {
        provider_id: p.pick([6, 9, 11]),
        created_at: iso(created),
        updated_at: iso(seen),
        preparation_time: p.int(10, 25),
        ...(scheduled ? { scheduled_time: iso(seen + 9 * 3_600_000) } : {}),
        cart_v2: cart,
      });
      const at = (minutes: number): string => iso(seen + (scheduled ? 9 * 3_600_000 : 0) + minutes * 60_000);
      change.run(id, `p${id}`, 1, iso(seen), 1, iso(seen));
      const fate = p.pick(['done', 'done', 'done', 'picked', 'cancelled', 'missed', 'open']);
      if (fate === 'missed') {
        change.run(id, `x${id}`, 3, at(6), 1, at(6));
        continue;
      }
      change.run(id, `a${id}`, 2, at(1), 1, at(1));
      if (p.chance(0.2)) change.run(id, `u${id}`, 2, at(1), 0, at(2));
      for (const station of STATIONS) {
        if (p.chance(0.85)) job.run(id, station.id, 'new', at(0), at(0), at(p.int(0, 2)));
        if (p.chance(0.5)) action.run(id, 'ready', `k${key++}`, p.pick(['sent', 'local', 'recalled', 'pending']), station.id, at(9), at(p.int(4, 30)), at(9));
      }
      if (fate === 'cancelled') change.run(id, `c${id}`, 3, at(12), 1, at(12));
      if (fate === 'done' || fate === 'picked') change.run(id, `r${id}`, 4, at(p.int(8, 40)), 1, at(p.int(8, 40)));
      if (fate === 'picked') action.run(id, 'picked_up', `k${key++}`, 'sent', null, at(50), at(p.int(45, 70)), at(50));
      if (p.chance(0.1)) action.run(id, 'rejected', `k${key++}`, 'refused', null, at(3), at(3), at(3));
    }
  })();
}


/** The day-in-numbers service over the seeded orders, counting its pauses; `onPause` runs at each (a turn of the event loop). */
export function seededService(db: Db, { onPause = () => {}, clock = { now: () => NOW }, retentionDays = 90 }: { onPause?: () => void; clock?: { now(): number }; retentionDays?: number } = {}) {
  let pauses = 0;
  const stats = createDayStats({ db, clock, stations: () => STATIONS, timeZone: TIME_ZONE, retentionDays }, async () => {
    pauses += 1;
    onPause();
    await new Promise((resolve) => setImmediate(resolve));
    return true;
  });
  return { stats, pauses: () => pauses };
}
