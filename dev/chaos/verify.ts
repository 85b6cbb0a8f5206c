// The verdict of a chaos run: what was printed (read back from the virtual printer) and what the
// bridge stored, checked against the simulator's record of truth. Pure, so it is tested on its own.

export type KnownOrder = { id: number; status: number; updated_at: string; external_id: string };

export type ChaosEvidence = {
  /** The newest published version of every order klikit really has. */
  validOrders: KnownOrder[];
  /** Orders that only ever appeared in forged or broken deliveries. */
  forgedOrders: Array<{ id: number; external_id: string }>;
  /** Orders whose first valid delivery already said CANCELLED. */
  cancelledBeforeFirstDelivery: number[];
  /** The text of every complete ticket the printer cut, in order. */
  tickets: string[];
  /** The bridge's orders table at the end. */
  bridgeOrders: Array<{ id: number; status: number; updated_at: string }>;
  integrity: Record<string, string>;
  cancelledStatus: number;
};

export type TicketKind = 'new' | 'update' | 'cancel' | 'reprint';
export type ClassifiedTicket = { orderId: number | null; kind: TicketKind; possibleDuplicate: boolean };
export type Violation = { rule: string; orderId?: number; detail: string };
export type ChaosVerdict = { violations: Violation[]; outcomes: Record<string, number> };

export type TicketIndex = { ids: ReadonlyMap<string, number>; externalIds: ReadonlyMap<string, number> };

/**
 * Which order a ticket is for and what kind it is. The order id wins over any external id on the
 * ticket: aggregators' external ids are not unique across orders (two orders can share one).
 */
export function classifyTicket(text: string, index: TicketIndex): ClassifiedTicket {
  const tokens = text.split(/[^0-9A-Za-z-]+/).filter(Boolean);
  const byId = tokens.map((t) => index.ids.get(t)).find((id) => id !== undefined);
  const orderId = byId ?? tokens.map((t) => index.externalIds.get(t)).find((id) => id !== undefined) ?? null;
  const has = (word: string) => new RegExp(`(^|[^A-Z])${word}([^A-Z]|$)`).test(text);
  const kind: TicketKind = has('REPRINT') ? 'reprint' : has('VOID') ? 'cancel' : has('UPDATED') ? 'update' : 'new';
  return { orderId, kind, possibleDuplicate: text.includes('POSSIBLE DUPLICATE') };
}

export function ticketTokenIndex(orders: ReadonlyArray<{ id: number; external_id: string }>): TicketIndex {
  return {
    ids: new Map(orders.map((o) => [String(o.id), o.id])),
    externalIds: new Map(orders.filter((o) => o.external_id).map((o) => [o.external_id, o.id])),
  };
}

export function verifyChaos(e: ChaosEvidence): ChaosVerdict {
  const violations: Violation[] = [];
  const index = ticketTokenIndex([...e.validOrders, ...e.forgedOrders]);
  const classified = e.tickets.map((text) => classifyTicket(text, index));
  const perOrder = new Map<number, ClassifiedTicket[]>();
  for (const [i, t] of classified.entries()) {
    if (t.orderId === null) {
      violations.push({ rule: 'unattributable ticket', detail: `ticket ${i + 1} names no known order: ${JSON.stringify(e.tickets[i]!.slice(0, 120))}` });
      continue;
    }
    perOrder.set(t.orderId, [...(perOrder.get(t.orderId) ?? []), t]);
  }
  const count = (id: number, kind: TicketKind, possibleDuplicate?: boolean) =>
    (perOrder.get(id) ?? []).filter((t) => t.kind === kind && (possibleDuplicate === undefined || t.possibleDuplicate === possibleDuplicate)).length;
  const stored = new Map(e.bridgeOrders.map((o) => [o.id, o]));

  for (const order of e.validOrders) {
    const row = stored.get(order.id);
    const cancelled = order.status === e.cancelledStatus;
    if (!row) violations.push({ rule: 'lost order', orderId: order.id, detail: 'never stored by the bridge' });
    else if (row.status !== order.status || Date.parse(row.updated_at) !== Date.parse(order.updated_at)) {
      violations.push({ rule: 'wrong final status', orderId: order.id, detail: `bridge has ${row.status} @ ${row.updated_at}, klikit's latest is ${order.status} @ ${order.updated_at}` });
    }
    const kitchen = count(order.id, 'new');
    if (!cancelled && kitchen === 0) violations.push({ rule: 'lost order', orderId: order.id, detail: 'open order never printed' });
    if (count(order.id, 'new', false) > 1) violations.push({ rule: 'silent duplicate', orderId: order.id, detail: `${count(order.id, 'new', false)} kitchen tickets without a POSSIBLE DUPLICATE banner` });
    if (count(order.id, 'cancel', false) > 1) violations.push({ rule: 'silent duplicate', orderId: order.id, detail: `${count(order.id, 'cancel', false)} VOID slips without a POSSIBLE DUPLICATE banner` });
    if (cancelled && kitchen > 0 && count(order.id, 'cancel') === 0) violations.push({ rule: 'missing VOID', orderId: order.id, detail: 'printed, then cancelled, but no VOID slip' });
  }
  for (const id of e.cancelledBeforeFirstDelivery) {
    if ((perOrder.get(id) ?? []).length > 0) violations.push({ rule: 'cancelled order printed', orderId: id, detail: 'cancelled before its first delivery, yet printed' });
  }
  for (const forged of e.forgedOrders) {
    if (perOrder.has(forged.id)) violations.push({ rule: 'invalid input printed', orderId: forged.id, detail: 'an order from a forged or broken delivery was printed' });
    if (stored.has(forged.id)) violations.push({ rule: 'invalid input stored', orderId: forged.id, detail: 'an order from a forged or broken delivery reached the bridge database' });
  }
  for (const [db, result] of Object.entries(e.integrity)) {
    if (result !== 'ok') violations.push({ rule: 'integrity', detail: `${db}: ${result}` });
  }

  const tickets = (kind: TicketKind, dup: boolean) => classified.filter((t) => t.kind === kind && t.possibleDuplicate === dup).length;
  return {
    violations,
    outcomes: {
      'valid orders': e.validOrders.length,
      'orders cancelled at the end': e.validOrders.filter((o) => o.status === e.cancelledStatus).length,
      'forged orders refused': e.forgedOrders.length,
      'tickets printed': e.tickets.length,
      'kitchen tickets': tickets('new', false),
      'kitchen tickets marked POSSIBLE DUPLICATE': tickets('new', true),
      'UPDATED tickets': tickets('update', false) + tickets('update', true),
      'VOID slips': tickets('cancel', false) + tickets('cancel', true),
      'REPRINT tickets': tickets('reprint', false) + tickets('reprint', true),
    },
  };
}
