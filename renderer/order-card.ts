import type { CardLine, OrderSummary, PrintSummary } from '../common/bridge-api.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import type { ActionView, OrderAction } from '../common/order-actions.js';
import { needsAck } from './attention.js';
import { ltr } from './bidi.js';
import { h } from './dom.js';
import { age, dueTime } from './format.js';
import { fmt, t } from './i18n.js';
import { actionLabel, orderType } from './order-words.js';
import { startedAt, timing, type Timing } from './order-timing.js';
import { cardFlag, lineFlag, soldOutCardText, soldOutText, soldOutCardLabel, soldOutLabel } from './stock-words.js';
import { acceptCountdown } from './acceptance-countdown.js';

// One order as the kitchen reads it from a step away: number, age against due time in colour, the
// notes that can hurt someone first, then every item (or exactly how many do not fit), and the one
// next action as a big button. A new, edited or cancelled card is acknowledged by a tap.

export type CardHandlers = {
  /** A tap on the card: acknowledges it when it asks for attention, else opens its detail. */
  tap(order: OrderSummary): void;
  open(order: OrderSummary): void;
  act(order: OrderSummary, action: OrderAction): void;
  /** "Sold out": mark an item out of stock ("86"), the line given (detail) or to be picked (card). */
  soldOut?(order: OrderSummary, line?: CardLine): void;
};

/** What the board knows beyond the order: the time, the station shown, station names, whether klikit takes actions. */
export type CardContext = {
  now: number;
  /** The station whose lines the board shows (and whose bump B and Ready make), or null for all. */
  station: string | null;
  stationName(id: string): string;
  /** No klikit credentials: acceptance happens on the aggregator's tablet, bumps stay on this counter. */
  relayOnly: boolean;
  /** A LAN station screen: `station` is fixed, and accepting or rejecting is the counter's, not the cook's. */
  stationScreen?: boolean;
};

const PRINT_TEXT = {
  none: 'board.print.none',
  queued: 'board.print.queued',
  printed: 'board.print.printed',
  held: 'board.print.notPrinted',
  failed: 'board.print.notPrinted',
  uncertain: 'board.print.uncertain',
  skipped: 'board.print.skipped',
} as const satisfies Record<PrintSummary['state'], MessageKey>;

const TIMING_TEXT = { 'on-time': 'board.timing.onTime', 'due-soon': 'board.timing.dueSoon', late: 'board.timing.late' } as const satisfies Record<Timing, MessageKey>;

// Words in a customer's or line note that mean someone could be hurt (allergies, diets, religion):
// they go to the top of the card with the order's note.
const SAFETY_NOTE = /allerg|alergi|peanut|kacang|\bnuts?\b|gluten|celiac|coeliac|dairy|lactose|susu|shellfish|seafood|udang|prawn|shrimp|sesame|soy|egg.?free|tanpa telur|halal|no pork|babi|vegan|vegetarian|sugar.?free|diabet/i;

const isSafetyNote = (comment: string): boolean => comment !== '' && SAFETY_NOTE.test(comment);

/** How long a note may run on a card before it says "… see ticket" (the summary carries more, the ticket all). */
const CARD_NOTE_CHARS = 140;

function cardNote(text: string): string {
  const clean = text.trim();
  return clean.length <= CARD_NOTE_CHARS ? clean : t('board.card.seeTicket', { note: clean.slice(0, CARD_NOTE_CHARS).trimEnd() });
}

/** `waitingTicket`: a scheduled order whose kitchen ticket is still to print, so what printed is its SCHEDULED slip. */
function printBadges(print: PrintSummary, waitingTicket = false): HTMLElement {
  const label = waitingTicket && print.state === 'printed' ? t('board.print.slipPrinted') : t(PRINT_TEXT[print.state]);
  return h(
    'span',
    { class: 'badges' },
    h('span', { class: `badge print-${print.state}`, title: print.reason || label }, label),
    print.possibleDuplicate && print.state !== 'uncertain' ? h('span', { class: 'badge badge-dup', title: t('board.print.duplicateTitle') }, t('board.print.uncertain')) : null,
    print.warning ? h('span', { class: 'badge badge-incomplete', title: print.warning }, t('board.print.incomplete')) : null,
  );
}

// Expo (expo-view.ts) shows an order's type as the card does.
export { orderType } from './order-words.js';

/** Seconds until an ISO time, as staff read a countdown: "12 s", "2 min". */
export function countdown(iso: string, now: number): string {
  const seconds = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  return seconds < 90 ? t('board.time.seconds', { count: seconds }) : fmt().minutes(Math.round(seconds / 60));
}

/** A sentence from the core, joined after our own words without a doubled full stop. */
const clause = (sentence: string): string => sentence.trim().replace(/[.\s]+$/, '');

/**
 * An action not (yet) at klikit, in words: what, why, and when it is tried again. `retrying` marks a
 * send that failed and waits for its next try (shown as a warning, unlike a first send). Null when there
 * is nothing to say.
 */
export function actionText(a: ActionView | null, now: number): { text: string; nextTry: string | null; retrying: boolean } | null {
  if (!a) return null;
  const action = actionLabel(a.action);
  switch (a.state) {
    case 'sent':
    case 'local':
      return null;
    case 'held': {
      const text = a.undoUntil ? t('board.action.heldIn', { action, left: countdown(a.undoUntil, now) }) : t('board.action.heldShortly', { action });
      return { text, nextTry: a.undoUntil, retrying: false };
    }
    case 'sending':
      if (a.nextAttemptAt === null) return { text: t('board.action.sending', { action }), nextTry: null, retrying: false };
      return { text: t('board.action.notSentYet', { action, reason: clause(a.message) }), nextTry: a.nextAttemptAt, retrying: true };
    case 'failed':
    case 'refused':
      // The core's reason says what happened in the window's language (h-corewords); ours only when it has none.
      return { text: clause(a.message) ? `${clause(a.message)}.` : t('board.action.notApplied', { action }), nextTry: null, retrying: false };
  }
}

/** When a failed send is tried again, after the sentence it follows. */
const nextTryText = (at: string, now: number): string =>
  ` ${Date.parse(at) <= now ? t('board.action.tryingNow') : t('board.action.nextTry', { left: countdown(at, now) })}`;

function actionNote(order: OrderSummary, now: number): HTMLElement | null {
  const note = actionText(order.lastAction, now);
  if (!note) return null;
  return h(
    'div',
    { class: `action-note action-${order.lastAction!.state}${note.retrying ? ' action-retrying' : ''}`, role: 'status' },
    note.text,
    note.retrying && note.nextTry ? h('span', { class: 'next-try', 'data-at': note.nextTry }, nextTryText(note.nextTry, now)) : null,
  );
}

/** A scheduled order whose kitchen ticket is still waiting for its time: when it prints. */
export const printsAtText = (order: OrderSummary, now: number): string | null => (order.printsAt ? t('board.card.printsAt', { time: ltr(dueTime(order.printsAt, now)) }) : null);

const RIDER_TEXT = { assigned: 'board.card.riderAssigned', arrived: 'board.card.riderArrived' } as const satisfies Record<NonNullable<OrderSummary['rider']>, MessageKey>;

/** The routed stations this order's lines go to, each done or not (empty without routes). */
function stationProgress(order: OrderSummary, ctx: CardContext): HTMLElement | null {
  const stations = [...new Set(order.lines.flatMap((l) => l.stations ?? []))];
  if (stations.length < 2 && order.stationsDone.length === 0) return null;
  return h(
    'span',
    { class: 'stations' },
    ...stations.map((id) => {
      const done = order.stationsDone.includes(id);
      return h('span', { class: `station ${done ? 'station-done' : 'station-open'}`, 'data-station': id }, t(done ? 'board.card.stationDone' : 'board.card.stationCooking', { station: ctx.stationName(id) }));
    }),
  );
}

const MARK_TEXT = { VOID: 'board.card.void', CANCELLED: 'board.card.cancelled', UPDATED: 'board.card.updated' } as const satisfies Record<string, MessageKey>;

/** What sets the order apart before its items: VOID, changed, rider, scheduled, unrouted, station progress. */
function flags(order: OrderSummary, ctx: CardContext): HTMLElement | null {
  const printsAt = printsAtText(order, ctx.now);
  // A new card is already yellow: only the marks that change what the cook does get words.
  const mark: keyof typeof MARK_TEXT | null = order.attention === 'void' ? 'VOID' : order.cancelled ? 'CANCELLED' : order.attention === 'updated' ? 'UPDATED' : null;
  const progress = stationProgress(order, ctx);
  if (!mark && !printsAt && !order.unrouted && !order.rider && !progress && !order.outOfStock) return null;
  return h(
    'div',
    { class: 'card-flags' },
    order.outOfStock ? h('span', { class: 'mark mark-oos', role: 'alert' }, cardFlag(order.outOfStock)) : null,
    mark ? h('span', { class: `mark mark-${mark.toLowerCase()}` }, t(MARK_TEXT[mark])) : null,
    order.rider ? h('span', { class: `mark mark-rider-${order.rider}` }, t(RIDER_TEXT[order.rider])) : null,
    printsAt ? h('span', { class: 'mark mark-scheduled', title: t('board.card.scheduledTitle') }, printsAt) : null,
    order.unrouted ? h('span', { class: 'mark mark-unrouted', title: t('board.card.unroutedTitle') }, t('board.card.unrouted')) : null,
    progress,
  );
}

/** The notes that can hurt someone if missed: the order's note, and line notes about allergies or diets. */
function notes(order: OrderSummary): HTMLElement | null {
  const safety = order.lines.filter((l) => isSafetyNote(l.comment));
  if (!order.orderComment && safety.length === 0) return null;
  return h(
    'div',
    { class: 'card-notes' },
    order.orderComment ? h('div', { class: `order-note${SAFETY_NOTE.test(order.orderComment) ? ' safety' : ''}` }, t('board.card.note', { note: cardNote(order.orderComment) })) : null,
    ...safety.map((l) => h('div', { class: 'order-note safety line-safety' }, `${l.quantity}× ${l.name}: ${cardNote(l.comment)}`)),
  );
}

/** The lines a station prints (all of them on the unfiltered board). */
export const linesFor = (order: OrderSummary, station: string | null): CardLine[] =>
  station === null ? order.lines : order.lines.filter((l) => l.stations?.includes(station) === true);

function changeMark(l: CardLine): HTMLElement | null {
  if (l.change === 'added') return h('span', { class: 'line-change change-added' }, t('board.card.lineNew'));
  if (l.change === 'changed') return h('span', { class: 'line-change change-changed' }, l.previousQuantity !== undefined ? t('board.card.lineWas', { count: l.previousQuantity }) : t('board.card.lineChanged'));
  return null;
}

/**
 * "Sold out" for one line (`l`: the detail lists every line with its own) or for the order (a card's
 * foot: which line is asked next), so the card's lines keep their full width for the food.
 */
export function soldOutButton(order: OrderSummary, l: CardLine | null, handlers: CardHandlers): HTMLElement | null {
  if (!handlers.soldOut || (l !== null && l.line === undefined) || order.lines.length === 0) return null;
  return h('button', {
    type: 'button',
    class: l ? 'sold-out' : 'sold-out sold-out-card',
    ...(l ? { 'data-line': l.line, 'aria-label': soldOutLabel(l.name) } : { 'aria-label': soldOutCardLabel() }),
    onclick: ((e: Event) => {
      e.stopPropagation();
      handlers.soldOut?.(order, l ?? undefined);
    }) as EventListener,
  }, l ? soldOutText() : soldOutCardText());
}

function cardLine(l: CardLine): HTMLElement {
  // A note that can hurt someone is written out at the top of the card: the line points to it instead
  // of taking a second row to repeat it.
  const safety = isSafetyNote(l.comment);
  return h(
    'li',
    { class: ['line', l.unrouted ? 'line-unrouted' : '', l.change ? `line-${l.change}` : '', l.outOfStock ? 'line-oos' : ''].filter(Boolean).join(' ') },
    h('span', { class: 'qty' }, `${l.quantity}×`),
    h(
      'span',
      { class: 'item' },
      changeMark(l),
      l.unrouted ? h('span', { class: 'line-flag' }, t('board.card.unrouted')) : null,
      l.name,
      // After the name, so the name starts where every other line's does and the mark wraps whole.
      l.outOfStock ? h('span', { class: 'line-flag line-flag-oos' }, lineFlag()) : null,
      safety ? h('span', { class: 'see-note', title: l.comment }, t('board.card.seeNote')) : null,
    ),
    l.modifiers.length > 0 ? h('span', { class: 'mods' }, l.modifiers.join(' · ')) : null,
    l.comment && !safety ? h('span', { class: 'line-note' }, `“${l.comment}”`) : null,
  );
}

function removedLine(l: OrderSummary['removedLines'][number]): HTMLElement {
  return h('li', { class: 'line line-removed' }, h('span', { class: 'qty' }, `${l.quantity}×`), h('span', { class: 'item' }, h('span', { class: 'line-change change-removed' }, t('board.card.lineRemoved')), l.name));
}

/** The buttons staff may press: no Accept/Reject on a relay-only counter; Ready is the station's own when one is chosen. */
export function shownActions(order: OrderSummary, ctx: Pick<CardContext, 'relayOnly' | 'station' | 'stationScreen'>): OrderAction[] {
  return order.actions.filter((a) => {
    if ((ctx.relayOnly || ctx.stationScreen === true) && (a === 'accepted' || a === 'rejected')) return false;
    if (a === 'ready' && ctx.station !== null && order.stationsDone.includes(ctx.station)) return false;
    return true;
  });
}

/** `only`: the actions this place offers (the acceptance strip: Accept and Reject). */
export function actionButtons(order: OrderSummary, handlers: CardHandlers, ctx: Pick<CardContext, 'relayOnly' | 'station' | 'stationName' | 'stationScreen'>, only?: readonly OrderAction[]): HTMLElement[] {
  return shownActions(order, ctx).filter((a) => !only || only.includes(a)).map((action) =>
    h('button', {
      type: 'button',
      class: `act act-${action}`,
      'data-action': action,
      onclick: ((e: Event) => {
        e.stopPropagation();
        handlers.act(order, action);
      }) as EventListener,
    }, action === 'ready' && ctx.station !== null ? t('board.action.readyStation', { station: ctx.stationName(ctx.station) }) : actionLabel(action)),
  );
}

const CARD_ACTIONS: readonly OrderAction[] = ['accepted', 'ready', 'picked_up'];

function cardLabel(order: OrderSummary): string {
  const number = ltr(order.shortId);
  const who = order.customerName ? t('board.card.orderFor', { number, customer: order.customerName }) : t('board.card.order', { number });
  return t('board.card.label', { order: who, attention: order.attention ?? 'none' });
}

export function buildCard(order: OrderSummary, handlers: CardHandlers, ctx: CardContext): HTMLElement {
  const when = timing(order, ctx.now);
  const isVoid = order.attention === 'void';
  const classes = [
    'order',
    'card',
    needsAck(order) ? 'order-new' : '',
    order.waitingForAcceptance ? 'order-waiting' : '',
    order.cancelled ? 'order-cancelled' : '',
    isVoid ? 'order-void' : '',
    order.attention === 'updated' ? 'order-mark-updated' : '',
    `timing-${when}`,
    `order-print-${order.print.state}`,
  ];
  const due = order.dueAt ? t('board.card.due', { time: ltr(dueTime(order.dueAt, ctx.now)) }) : '';
  const shown = linesFor(order, ctx.station);
  const elsewhere = order.lines.length - shown.length;
  const more = h('button', {
    type: 'button',
    class: 'more-lines',
    'data-base': order.moreLines,
    hidden: order.moreLines === 0,
    onclick: ((e: Event) => {
      e.stopPropagation();
      handlers.open(order);
    }) as EventListener,
  }, t('board.card.moreLines', { count: order.moreLines }));
  return h(
    'li',
    {
      class: classes.filter(Boolean).join(' '),
      tabindex: 0,
      'data-order-id': order.id,
      'aria-label': cardLabel(order),
      onclick: () => handlers.tap(order),
    },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'order-id' }, `#${order.shortId}`),
      order.customerName ? h('span', { class: 'customer', title: order.customerName }, order.customerName) : null,
      // While it waits for acceptance, the time left before the platform cancels it matters more than its age.
      acceptCountdown(order, ctx.now) ?? h('span', { class: `age timing timing-${when}`, title: due ? t('board.timing.withDue', { timing: t(TIMING_TEXT[when]), due }) : t(TIMING_TEXT[when]) }, age(startedAt(order), ctx.now)),
    ),
    h(
      'div',
      { class: 'card-meta' },
      isVoid ? null : printBadges(order.print, Boolean(order.printsAt)),
      order.queueNumber !== null ? h('span', { class: 'order-queue' }, t('board.card.queue', { number: order.queueNumber })) : null,
      h('span', { class: 'provider' }, order.provider),
      h('span', { class: 'type', title: orderType(order) }, orderType(order)),
      due ? h('span', { class: 'due', title: due }, due) : null,
      h('span', { class: 'brands', title: order.brands.join(' + ') }, order.brands.join(' + ')),
    ),
    flags(order, ctx),
    notes(order),
    h(
      'ul',
      { class: 'card-lines' },
      ...shown.map(cardLine),
      ...order.removedLines.map(removedLine),
    ),
    elsewhere > 0 ? h('div', { class: 'other-stations' }, t('board.card.otherStations', { count: elsewhere })) : null,
    isVoid ? null : actionNote(order, ctx.now),
    h(
      'div',
      { class: 'card-foot' },
      more,
      isVoid ? h('span', { class: 'void-hint' }, t('board.card.voidHint')) : soldOutButton(order, null, handlers),
      order.waitingForAcceptance && ctx.relayOnly ? h('span', { class: 'waiting-hint' }, t('board.card.acceptOnTablet')) : null,
      // Reject (with its reasons) lives in the acceptance strip, always in view: the card keeps its room for food.
      h('span', { class: 'card-actions' }, ...(isVoid ? [] : actionButtons(order, handlers, ctx, CARD_ACTIONS))),
    ),
  );
}

/** Rewrites the parts of a card that move with the clock (its age, a retry countdown) without rebuilding it. */
export function tickCard(card: HTMLElement, order: OrderSummary, now: number): void {
  const ageEl = card.querySelector('.age');
  const ageText = age(startedAt(order), now);
  if (ageEl && ageEl.textContent !== ageText) ageEl.textContent = ageText;
  const next = card.querySelector<HTMLElement>('.next-try');
  if (next?.dataset.at) {
    const text = nextTryText(next.dataset.at, now);
    if (next.textContent !== text) next.textContent = text;
  }
}
