// klikit's cart.updated carries the whole cart, not a delta: the update ticket compares it with the
// version that was printed so the cook sees what to add, change or stop.

import type { TicketLine } from './order-lines.js';

export type LineChange = 'new' | 'changed' | 'same';
export type CartDiff = { changes: Map<string, LineChange>; removed: TicketLine[] };

const contentOf = (l: TicketLine): string => JSON.stringify([l.name, l.quantity, l.comment, l.brandTitle, l.groups]);

export function diffCart(previous: TicketLine[], current: TicketLine[]): CartDiff {
  const before = new Map(previous.map((l) => [l.key, l]));
  const changes = new Map<string, LineChange>();
  for (const line of current) {
    const old = before.get(line.key);
    changes.set(line.key, old == null ? 'new' : contentOf(old) === contentOf(line) ? 'same' : 'changed');
  }
  const currentKeys = new Set(current.map((l) => l.key));
  return { changes, removed: previous.filter((l) => !currentKeys.has(l.key)) };
}
