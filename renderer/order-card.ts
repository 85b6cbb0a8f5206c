import type { CardLine, OrderSummary, PrintSummary } from '../common/bridge-api.js';
import { ACTION_LABELS, type OrderAction } from '../common/order-actions.js';
import { h } from './dom.js';
import { age, dueTime } from './format.js';
import { startedAt, timing } from './order-timing.js';

// One active order as the kitchen reads it from a step away: number, age against due time in
// colour, the items with their modifiers, and the one next action as a big button.

export type CardHandlers = { open(order: OrderSummary): void; act(order: OrderSummary, action: OrderAction): void };

const PRINT_TEXT: Record<PrintSummary['state'], string> = {
  none: 'not printed',
  queued: 'queued',
  printed: 'printed',
  held: 'held',
  failed: 'failed',
  uncertain: 'possible duplicate',
  skipped: 'not printed (cancelled)',
};

const TIMING_TEXT = { 'on-time': 'on time', 'due-soon': 'due soon', late: 'LATE' } as const;

/** `waitingTicket`: a scheduled order whose kitchen ticket is still to print, so what printed is its SCHEDULED slip. */
function printBadges(print: PrintSummary, waitingTicket = false): HTMLElement {
  const state = waitingTicket && print.state === 'printed' ? 'slip printed' : PRINT_TEXT[print.state];
  const label = print.reason ? `${state}: ${print.reason}` : state;
  return h(
    'span',
    { class: 'badges' },
    h('span', { class: `badge print-${print.state}`, title: label }, label),
    print.possibleDuplicate && print.state !== 'uncertain' ? h('span', { class: 'badge badge-dup', title: 'a ticket may have printed twice: check the kitchen' }, 'possible duplicate') : null,
    print.warning ? h('span', { class: 'badge badge-incomplete', title: print.warning }, 'incomplete') : null,
  );
}

export function orderType(order: OrderSummary): string {
  return order.tableNo && order.orderType === 'DINE-IN' ? `DINE-IN · table ${order.tableNo}` : order.orderType;
}

/** New to staff: never looked at, or changed since they looked. */
export const needsAttention = (o: OrderSummary): boolean => (!o.acknowledged && !o.cancelled) || o.changedAfterSeen !== null;

function actionNote(order: OrderSummary): HTMLElement | null {
  const a = order.lastAction;
  if (!a || a.state === 'sent') return null;
  const text = a.state === 'sending' ? `${ACTION_LABELS[a.action]}: sending…${a.message ? ` (${a.message})` : ''}` : `klikit refused ${ACTION_LABELS[a.action]}: ${a.message}`;
  return h('div', { class: `action-note action-${a.state}`, role: 'status', title: text }, text);
}

/** A scheduled order whose kitchen ticket is still waiting for its time: when it prints. */
export const printsAtText = (order: OrderSummary, now: number): string | null => (order.printsAt ? `prints at ${dueTime(order.printsAt, now)}` : null);

/** What sets the order apart before its items: changed after seen, waiting to print, lines no station takes. */
function flags(order: OrderSummary, mark: string | null, now: number): HTMLElement | null {
  const printsAt = printsAtText(order, now);
  if (!mark && !printsAt && !order.unrouted) return null;
  return h(
    'div',
    { class: 'card-flags' },
    mark ? h('span', { class: `mark mark-${mark.toLowerCase()}` }, mark) : null,
    printsAt ? h('span', { class: 'mark mark-scheduled', title: 'scheduled: the kitchen ticket prints at this time' }, printsAt) : null,
    order.unrouted ? h('span', { class: 'mark mark-unrouted', title: 'some lines match no station: they printed at the fallback printer' }, 'UNROUTED') : null,
  );
}

/** The lines a station prints (all of them on the unfiltered board). */
export const linesFor = (order: OrderSummary, station: string | null): CardLine[] =>
  station === null ? order.lines : order.lines.filter((l) => l.stations?.includes(station) === true);

function cardLine(l: CardLine): HTMLElement {
  return h(
    'li',
    { class: l.unrouted ? 'line-unrouted' : null },
    h('span', { class: 'qty' }, `${l.quantity}×`),
    h('span', { class: 'item' }, l.unrouted ? h('span', { class: 'line-flag' }, 'UNROUTED') : null, l.name),
    l.modifiers.length > 0 ? h('span', { class: 'mods' }, l.modifiers.join(' · ')) : null,
    l.comment ? h('span', { class: 'line-note' }, `“${l.comment}”`) : null,
  );
}

export function actionButtons(order: OrderSummary, handlers: CardHandlers): HTMLElement[] {
  return order.actions.map((action) =>
    h('button', {
      type: 'button',
      class: `act act-${action}`,
      'data-action': action,
      onclick: ((e: Event) => {
        e.stopPropagation();
        handlers.act(order, action);
      }) as EventListener,
    }, ACTION_LABELS[action]),
  );
}

/** `station`: show only that station's lines (the board filtered by station), else every line. */
export function buildCard(order: OrderSummary, now: number, handlers: CardHandlers, station: string | null = null): HTMLElement {
  const when = timing(order, now);
  const mark = order.changedAfterSeen === 'cancelled' || order.cancelled ? 'CANCELLED' : order.changedAfterSeen === 'updated' ? 'UPDATED' : null;
  const classes = [
    'order',
    'card',
    needsAttention(order) ? 'order-new' : '',
    order.waitingForAcceptance ? 'order-waiting' : '',
    order.cancelled ? 'order-cancelled' : '',
    mark ? `order-mark-${mark.toLowerCase()}` : '',
    `timing-${when}`,
    `order-print-${order.print.state}`,
  ];
  const open = (): void => handlers.open(order);
  const due = order.dueAt ? `due ${dueTime(order.dueAt, now)}` : '';
  const shown = linesFor(order, station);
  return h(
    'li',
    {
      class: classes.filter(Boolean).join(' '),
      tabindex: 0,
      'data-order-id': order.id,
      'aria-label': `Order ${order.shortId}${needsAttention(order) ? ', new' : ''}${mark ? `, ${mark}` : ''}`,
      onclick: open,
    },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'order-id' }, `#${order.shortId}`),
      h('span', { class: `age timing timing-${when}`, title: `${TIMING_TEXT[when]}${due ? `, ${due}` : ''}` }, age(startedAt(order), now)),
    ),
    h(
      'div',
      { class: 'card-meta' },
      order.queueNumber !== null ? h('span', { class: 'order-queue' }, `Q${order.queueNumber}`) : null,
      h('span', { class: 'provider' }, order.provider),
      h('span', { class: 'type' }, orderType(order)),
      due ? h('span', { class: 'due' }, due) : null,
      h('span', { class: 'brands' }, order.brands.join(' + ')),
    ),
    flags(order, mark, now),
    h(
      'ul',
      { class: 'card-lines' },
      ...shown.map(cardLine),
      order.lines.length > shown.length ? h('li', { class: 'other-stations' }, `+ ${order.lines.length - shown.length} more at other stations`) : null,
      order.orderComment ? h('li', { class: 'order-note' }, `Note: ${order.orderComment}`) : null,
    ),
    actionNote(order),
    h('div', { class: 'card-foot' }, printBadges(order.print, Boolean(order.printsAt)), h('span', { class: 'card-actions' }, ...actionButtons(order, handlers))),
  );
}
