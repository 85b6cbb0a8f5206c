// Order → ticket document: the content a cook needs, in the order a cook reads it. Pure: the clock,
// the time zone and the language come in through the options.

import { DEFAULT_STATUS_TABLE, statusEntry } from '../klikit/enums.js';
import type { Order } from '../klikit/schemas.js';
import { diffCart, type CartDiff } from './cart-diff.js';
import type { TicketBlock, TicketDocument, TicketKind, TicketOptions } from './document.js';
import { localName } from './name-translations.js';
import { groupByBrand, itemCount, ticketLines, type TicketLine, type TicketModifierGroup } from './order-lines.js';
import { stationView, type StationView } from './station-view.js';
import { printedLines } from './layout.js';
import { capField, keepTogether, PAPER_CAPS, SCREEN_CAPS, type TicketCaps } from './ticket-caps.js';
import { orderTypeWord, providerWord, statusWord, ticketWords, type TicketWords } from './ticket-words.js';
import { columns } from './wrap.js';

export type TicketInput = {
  kind: TicketKind;
  order: Order | null;
  previous?: Order | undefined;
  /** A scheduled order's short slip on arrival; its kitchen ticket prints at `printsAt`. */
  slip?: { printsAt: string } | undefined;
  /** A scheduled kitchen ticket printed after its time (the bridge was off). */
  late?: { dueAt: string } | undefined;
};

/** What every part of one ticket is built with: its options, its caps and its language. */
type Context = { options: TicketOptions; caps: TicketCaps; w: TicketWords };

/** Deeper modifiers keep this indentation: past it the nesting is shown by order, never by dropping. */
const MAX_MODIFIER_DEPTH = 4;
const LABEL_WIDTH = 9;

const centered = (text: string, size: 'normal' | 'tall' | 'big' = 'normal', bold = true): TicketBlock => ({
  type: 'text',
  text,
  style: { bold, size, align: 'center' },
});
// Padded by printed columns: a Thai label's vowel marks take none, a Chinese character takes two.
const labelled = (label: string, value: string, bold = false): TicketBlock => ({
  type: 'text',
  text: `${label}${' '.repeat(Math.max(1, LABEL_WIDTH - columns(label)))}${value}`,
  hang: Math.max(LABEL_WIDTH, columns(label) + 1),
  style: { bold },
});
const rule: TicketBlock = { type: 'rule', char: '-' };

/**
 * What staff call out, printed biggest: an aggregator's `#short_id` (the driver says it), for klikit's
 * own orders (provider 1, whose ids are long) the queue number, else the short id; `#id` as a last resort.
 */
export function ticketTitle(order: Order, w: TicketWords = ticketWords(undefined, undefined)): string {
  if (order.provider_id === 1 && order.order_queue != null) return w.t('ticket.queue', { queue: String(order.order_queue) });
  return order.short_id === '' ? `#${order.id}` : `#${order.short_id}`;
}

const quantityPrefix = (quantity: number): string => `${quantity} x `;

/**
 * A modifier's quantity is per unit of what it modifies (klikit's docket): with 2 portions, "2 x Keju"
 * means 4 cheeses. When that multiplies, the ticket says both, so nobody has to guess.
 */
function modifierName(quantity: number, name: string, units: number, w: TicketWords): string {
  if (quantity <= 1) return name;
  if (units <= 1) return quantityPrefix(quantity) + name;
  return w.t('ticket.modifierEach', { quantity, name, total: quantity * units });
}

/** A line's, modifier's or group's name in the ticket's language when klikit sent it so, capped. */
const nameOf = (ctx: Context, field: 'name' | 'label', thing: { name: string; translations: TicketLine['translations'] }): string =>
  capField(ctx.caps, field, localName(thing.name, thing.translations, ctx.w.locale));

function modifierBlocks(groups: TicketModifierGroup[], depth: number, units: number, ctx: Context): TicketBlock[] {
  const indent = 4 + 2 * Math.min(depth, MAX_MODIFIER_DEPTH);
  return groups.flatMap((group) =>
    group.modifiers.flatMap((m) => {
      const name = modifierName(m.quantity, nameOf(ctx, 'name', m), units, ctx.w);
      const text = group.name ? `${nameOf(ctx, 'label', group)}: ${name}` : name;
      return [{ type: 'text', text, indent, hang: 2 } as TicketBlock, ...modifierBlocks(m.groups, depth + 1, units * Math.max(1, m.quantity), ctx)];
    }),
  );
}

/** The marks before a line's name, each a word of its own: out of stock, unrouted, new or changed. */
function lineTags(line: TicketLine, diff: CartDiff | null, view: StationView | null, ctx: Context, outOfStock: ReadonlySet<string>): string {
  const change = diff?.changes.get(line.key);
  const tags = [
    outOfStock.has(line.name) ? ctx.w.t('ticket.tag.outOfStock') : '',
    view?.unroutedKeys.has(line.key) ? ctx.w.t('ticket.tag.unrouted') : '',
    change === 'new' ? ctx.w.t('ticket.tag.new') : change === 'changed' ? ctx.w.t('ticket.tag.changed') : '',
  ];
  return tags.filter((tag) => tag !== '').map((tag) => `${tag} `).join('');
}

function lineBlocks(line: TicketLine, diff: CartDiff | null, view: StationView | null, ctx: Context, outOfStock: ReadonlySet<string>): TicketBlock[] {
  const head = lineTags(line, diff, view, ctx, outOfStock) + quantityPrefix(line.quantity);
  const blocks: TicketBlock[] = [
    { type: 'text', text: head + nameOf(ctx, 'name', line), hang: columns(head), style: { bold: true, size: 'tall' } },
    ...modifierBlocks(line.groups, 0, Math.max(1, line.quantity), ctx),
  ];
  if (line.comment.trim()) {
    blocks.push({ type: 'text', text: `>> ${capField(ctx.caps, 'note', line.comment)}`, indent: 4, hang: 3, style: { bold: true } });
  }
  return blocks;
}

function removedBlock(line: TicketLine, ctx: Context): TicketBlock {
  const head = `${ctx.w.t('ticket.removed')} ${quantityPrefix(line.quantity)}`;
  return { type: 'text', text: head + nameOf(ctx, 'name', line), hang: columns(head), style: { bold: true, struck: true } };
}

/**
 * One printed row of the cart: a line's name (with its brand's rule when it is the first of its
 * brand), one of its modifiers or its comment. The cart is cut between rows, so a line with a
 * thousand modifiers still shows its name and its first ones.
 */
type CartRow = { line: TicketLine; first: boolean; blocks: TicketBlock[] };

function* rowsOf(line: TicketLine, blocks: TicketBlock[], brandRule: TicketBlock | null): Generator<CartRow> {
  for (const [i, block] of blocks.entries()) yield { line, first: i === 0, blocks: i === 0 && brandRule ? [brandRule, block] : [block] };
}

const TRAILER_LINES = 3;

/**
 * The rows, in order, that fit in `budget` printed lines (keeping room for the trailer when not all
 * fit), then the trailer: how many of `counted` are not on the ticket, and where to see them. Rows
 * are made as they are needed: past the cut, a line costs nothing.
 */
function fitCart(rows: Iterable<CartRow>, counted: TicketLine[], budget: number, ctx: Context): TicketBlock[] {
  const { caps, w } = ctx;
  const width = ctx.options.width;
  const blocks: TicketBlock[] = [];
  const shown = new Set<TicketLine>();
  const pending = rows[Symbol.iterator]();
  let used = 0;
  for (let next = pending.next(); !next.done; ) {
    const row = next.value;
    next = pending.next();
    used += printedLines(row.blocks, width);
    if (used + (next.done ? 0 : TRAILER_LINES) > budget) {
      const notShown = counted.filter((line) => !shown.has(line));
      const trailer = notShown.length > 0 ? w.t('ticket.moreItems', { count: itemCount(notShown), cut: caps.cut }) : caps.cut;
      return [...blocks, rule, centered(trailer, 'tall')];
    }
    if (row.first) shown.add(row.line);
    blocks.push(...row.blocks);
  }
  return blocks;
}

/** Removed lines stay in their brand's group, after what is still to be cooked. */
function cartBlocks(lines: TicketLine[], diff: CartDiff | null, view: StationView | null, ctx: Context, budget: number, outOfStock: ReadonlySet<string>): TicketBlock[] {
  const { caps, w } = ctx;
  if (lines.length === 0 && (diff?.removed.length ?? 0) === 0) return [rule, centered(view ? w.t('ticket.noItemsForStation') : w.t('ticket.noItems'), 'normal', false)];
  const removed = new Set(diff?.removed ?? []);
  function* rows(): Generator<CartRow> {
    for (const group of groupByBrand([...lines, ...removed])) {
      const brandRule: TicketBlock = group.brandTitle ? { type: 'rule', char: '-', title: capField(caps, 'label', group.brandTitle) } : rule;
      for (const [i, line] of group.lines.entries()) {
        yield* rowsOf(line, removed.has(line) ? [removedBlock(line, ctx)] : lineBlocks(line, diff, view, ctx, outOfStock), i === 0 ? brandRule : null);
      }
    }
  }
  return fitCart(rows(), lines, budget, ctx);
}

/** Only the first name, and only where staff hand the food over to the customer: never phone or address. */
function customerName(order: Order, caps: TicketCaps): string {
  if (order.type !== 1 && order.type !== 3) return '';
  // The first word of what the cap can keep, and enough past it to know when the word goes on.
  const start = order.user_first_name.trimStart().slice(0, 2 * caps.person.chars + 2);
  return capField(caps, 'person', /^\S*/.exec(start)![0]);
}

function contextBlocks(order: Order, ctx: Context): TicketBlock[] {
  const { caps, w } = ctx;
  const blocks: TicketBlock[] = [centered(orderTypeWord(w, order.type, order.pickup_type), 'tall'), centered(providerWord(w, order.provider_id), 'normal', false)];
  if (order.type === 3 && order.table_no) blocks.push(centered(w.t('ticket.table', { table: capField(caps, 'id', order.table_no) }), 'tall'));
  const name = customerName(order, caps);
  if (name) blocks.push(centered(w.t('ticket.customer', { name }), 'tall'));
  const vehicle = Object.values(order.additional_info?.vehicle_info ?? {})
    .filter((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .join(', ');
  if (vehicle) blocks.push(centered(w.t('ticket.vehicle', { vehicle: capField(caps, 'vehicle', vehicle) })));
  return blocks;
}

function headerBlocks(order: Order, ctx: Context): TicketBlock[] {
  const { caps, w } = ctx;
  const title = ticketTitle(order, w);
  const blocks: TicketBlock[] = [centered(capField(caps, 'title', title), 'big')];
  if (order.provider_id === 1) {
    if (order.short_id !== '' && `#${order.short_id}` !== title) blocks.push(centered(capField(caps, 'title', `#${order.short_id}`), 'tall'));
  } else if (order.order_queue != null) {
    blocks.push(centered(w.t('ticket.queue', { queue: String(order.order_queue) }), 'tall'));
  }
  return blocks;
}

function dueTime(order: Order, scheduled: boolean): string | null | undefined {
  return scheduled ? (order.scheduled_time ?? order.estimated_pickup_at) : (order.estimated_pickup_at ?? order.scheduled_time);
}

/** What matches a slip to the order on the aggregator's tablet: short ids are 4 digits and collide. */
function identityBlocks(order: Order, ctx: Context): TicketBlock[] {
  const { caps, w } = ctx;
  const blocks: TicketBlock[] = [];
  const title = ticketTitle(order, w);
  if (order.external_id && `#${order.external_id}` !== title) blocks.push(labelled(w.t('ticket.label.ref'), capField(caps, 'id', order.external_id)));
  if (title !== `#${order.id}`) blocks.push(labelled(w.t('ticket.label.order'), String(order.id)));
  return blocks;
}

function detailBlocks(order: Order, scheduled: boolean, ctx: Context): TicketBlock[] {
  const { options, w } = ctx;
  const blocks: TicketBlock[] = [];
  const placed = order.created_at ?? order.placed_at;
  if (placed) blocks.push(labelled(w.t('ticket.label.placed'), w.when(placed)));
  const due = dueTime(order, scheduled);
  if (due) blocks.push(labelled(w.t('ticket.label.due'), w.when(due), true));
  blocks.push(...identityBlocks(order, ctx));
  // A kitchen only needs the status when it is unusual: finished already, or a code nobody knows.
  const known = (options.statusTable ?? DEFAULT_STATUS_TABLE)[order.status] != null;
  const status = statusEntry(order.status, options.statusTable);
  if (!known || status.kind === 'done') blocks.push(labelled(w.t('ticket.label.status'), statusWord(w, order.status, options.statusTable)));
  return blocks;
}

/** Line instructions a cook must see before starting, not discover under the third item. */
const ALLERGY_LIKE =
  /allerg|alergi|intoleran|gluten|celiac|coeliac|lactose|dairy|\bnuts?\b|peanut|kacang|shellfish|seafood|udang|sesame|wijen|\beggs?\b|telur|\bsoy|kedelai|halal|vegan|vegetarian|\bpork\b|babi/i;

/** Order and operator notes and allergy-like line instructions, boxed in before the items. */
function noteBlocks(order: Order, lines: TicketLine[], ctx: Context): TicketBlock[] {
  const { caps, w } = ctx;
  const allergies = lines.filter((l) => ALLERGY_LIKE.test(capField(caps, 'note', l.comment)));
  const note = (text: string, which: 'order' | 'klikit'): string =>
    which === 'order' ? w.t('ticket.note', { note: capField(caps, 'note', text) }) : w.t('ticket.klikitNote', { note: capField(caps, 'note', text) });
  const texts = [
    order.order_comment.trim() !== '' ? note(order.order_comment, 'order') : '',
    order.klikit_comment.trim() !== '' ? note(order.klikit_comment, 'klikit') : '',
    ...allergies.slice(0, caps.allergyNotes).map((l) => `! ${nameOf(ctx, 'label', l)}: ${capField(caps, 'note', l.comment)}`),
  ];
  const blocks = texts.filter((text) => text !== '').map((text) => ({ type: 'text', text, hang: 2, style: { bold: true } }) as TicketBlock);
  const moreAllergies = allergies.length - caps.allergyNotes;
  if (moreAllergies > 0) blocks.push({ type: 'text', text: w.t('ticket.moreAllergies', { count: moreAllergies, cut: caps.cut }), hang: 2, style: { bold: true } });
  return blocks.length === 0 ? [] : [{ type: 'banner', text: w.t('ticket.notes') }, ...blocks, { type: 'rule', char: '=' }];
}

function stationBlocks(view: StationView | null, w: TicketWords): TicketBlock[] {
  if (!view) return [];
  const blocks: TicketBlock[] = [];
  if (view.unroutedKeys.size > 0) blocks.push({ type: 'banner', text: w.t('ticket.unroutedBanner') });
  if (view.also.length > 0) {
    const stations = view.also.map((s) => w.t('ticket.alsoStation', { station: s.name, count: s.items })).join(', ');
    blocks.push({ type: 'text', text: w.t('ticket.also', { stations }), hang: 6, style: { bold: true } });
  }
  return blocks;
}

function leadBanners(kind: TicketKind, order: Order | null, ctx: Context, late?: TicketInput['late']): TicketBlock[] {
  const { options, w } = ctx;
  const blocks: TicketBlock[] = [];
  if (options.backupFor !== undefined) {
    // First on the paper: the cook at the backup must see at once that the ticket belongs elsewhere.
    const station = options.backupFor;
    blocks.push({ type: 'banner', text: w.t('ticket.backupFor', { station }), size: 'tall' }, centered(w.t('ticket.takeTo', { station }), 'normal', false));
  }
  if (late) {
    blocks.push({ type: 'banner', text: w.t('ticket.late'), size: 'big' }, centered(w.t('ticket.wasDue', { time: w.when(late.dueAt) }), 'tall'));
  }
  if (options.possibleDuplicate) {
    blocks.push({ type: 'banner', text: w.t('ticket.possibleDuplicate') }, centered(w.t('ticket.checkDuplicate'), 'normal', false));
  }
  if (kind === 'reprint') {
    blocks.push({ type: 'banner', text: w.t('ticket.reprint') });
    if (options.printedAt) blocks.push(centered(w.t('ticket.reprintedAt', { time: w.when(options.printedAt) }), 'normal', false));
  }
  if (kind === 'test') blocks.push({ type: 'banner', text: w.t('ticket.test'), size: 'tall' });
  if (kind === 'update') blocks.push({ type: 'banner', text: w.t('ticket.updated'), size: 'tall' });
  if (order && kind !== 'cancel' && statusEntry(order.status, options.statusTable).kind === 'cancelled') {
    blocks.push({ type: 'banner', text: w.t('ticket.cancelledDoNotCook'), size: 'tall' });
  }
  return blocks;
}

/** The lines of this ticket marked out of stock, boxed before the items so the cashier acts before anyone cooks. */
function outOfStockBlocks(lines: TicketLine[], ctx: Context): TicketBlock[] {
  const { options, w } = ctx;
  const marked = new Set(options.outOfStock ?? []);
  const names = [...new Set(lines.filter((l) => marked.has(l.name)).map((l) => nameOf(ctx, 'name', l)))];
  if (names.length === 0) return [];
  return [
    { type: 'banner', text: w.t('ticket.outOfStock'), size: 'tall' },
    ...names.map((name): TicketBlock => {
      const text = w.t('ticket.outOfStockLine', { name });
      return { type: 'text', text, hang: columns(text) - columns(name), style: { bold: true } };
    }),
    centered(w.t('ticket.askCashier'), 'normal', true),
    { type: 'rule', char: '=' },
  ];
}

/** The lines this ticket lists: the station's own when printers are routed, else the whole order's. */
const linesOnTicket = (order: Order, options: TicketOptions): TicketLine[] => stationView(order, options.station)?.lines ?? ticketLines(order);

/** Paper stops at about half a metre; the window's copy (`forScreen`) goes further, but not forever. */
const capsFor = (options: TicketOptions, w: TicketWords): TicketCaps =>
  options.forScreen ? { ...SCREEN_CAPS, cut: keepTogether(w.t('ticket.tooLongToShow')) } : { ...PAPER_CAPS, cut: keepTogether(w.t('ticket.seeScreen')) };

/** Printed lines left for the cart once the rest of the ticket (`around` it) is laid out. */
const cartBudget = (around: TicketBlock[], caps: TicketCaps, width: number): number =>
  Math.max(caps.minCartLines, caps.ticketLines - printedLines(around, width));

const itemsLine = (lines: TicketLine[], w: TicketWords): TicketBlock => ({ type: 'text', text: w.t('ticket.items', { count: itemCount(lines) }), style: { bold: true } });

function fullTicket(input: TicketInput & { order: Order }, ctx: Context): TicketBlock[] {
  const { order } = input;
  const { options, caps, w } = ctx;
  const scheduled = statusEntry(order.status, options.statusTable).kind === 'scheduled';
  const view = stationView(order, options.station);
  const lines = view ? view.lines : ticketLines(order);
  const previousLines = input.previous ? linesOnTicket(input.previous, options) : null;
  const diff = input.kind === 'update' && previousLines ? diffCart(previousLines, lines) : null;
  const blocks = [...leadBanners(input.kind, order, ctx, input.late)];
  if (scheduled) {
    blocks.push({ type: 'banner', text: w.t('ticket.scheduled'), size: 'tall' });
    const due = dueTime(order, true);
    if (due) blocks.push(centered(w.t('ticket.scheduledFor', { time: w.when(due) }), 'tall'));
  }
  blocks.push(...headerBlocks(order, ctx), ...contextBlocks(order, ctx), rule, ...detailBlocks(order, scheduled, ctx));
  blocks.push(...outOfStockBlocks(lines, ctx), ...noteBlocks(order, lines, ctx), ...stationBlocks(view, w));
  const footer = [rule, itemsLine(lines, w)];
  const budget = cartBudget([...blocks, ...footer], caps, options.width);
  return [...blocks, ...cartBlocks(lines, diff, view, ctx, budget, new Set(options.outOfStock ?? [])), ...footer];
}

/** Tells the kitchen an order is coming and when its ticket prints: nothing to cook yet. */
function scheduledSlip(order: Order, printsAt: string, ctx: Context): TicketBlock[] {
  const { options, w } = ctx;
  const lines = linesOnTicket(order, options);
  const due = dueTime(order, true);
  const blocks: TicketBlock[] = [{ type: 'banner', text: w.t('ticket.scheduled'), size: 'big' }, ...leadBanners('new', order, ctx)];
  blocks.push(...headerBlocks(order, ctx), ...contextBlocks(order, ctx), rule);
  if (due) blocks.push(labelled(w.t('ticket.label.for'), w.when(due), true));
  blocks.push(labelled(w.t('ticket.label.ticket'), w.t('ticket.printsAt', { time: w.when(printsAt) }), true), ...identityBlocks(order, ctx));
  blocks.push(rule, itemsLine(lines, w), centered(w.t('ticket.doNotCookYet'), 'tall'));
  return blocks;
}

function voidSlip(order: Order, ctx: Context): TicketBlock[] {
  const { options, caps, w } = ctx;
  const lines = linesOnTicket(order, options);
  const blocks: TicketBlock[] = [{ type: 'banner', text: w.t('ticket.void'), size: 'big' }, ...leadBanners('cancel', order, ctx)];
  blocks.push(...headerBlocks(order, ctx), ...contextBlocks(order, ctx), rule, centered(w.t('ticket.orderCancelled')));
  const at = order.updated_at ?? order.created_at ?? order.placed_at;
  if (at) blocks.push(labelled(w.t('ticket.label.cancelled'), w.when(at)));
  blocks.push(...identityBlocks(order, ctx), rule);
  function* rows(): Generator<CartRow> {
    for (const line of lines) {
      const head = quantityPrefix(line.quantity);
      yield* rowsOf(line, [{ type: 'text', text: head + nameOf(ctx, 'name', line), hang: head.length }], null);
    }
  }
  const footer = [rule, itemsLine(lines, w)];
  const budget = cartBudget([...blocks, ...footer], caps, options.width);
  return [...blocks, ...fitCart(rows(), lines, budget, ctx), ...footer];
}

// One line per script the kitchen may need, in every language alike (samples, not words): a line
// that comes out as ? shows the owner at once that this printer needs raster printing.
const SCRIPT_SAMPLES = ['Vietnamese: Phở bò tái, bánh mì', 'Arabic: شاورما دجاج', 'Thai: ผัดไทยกุ้งสด', 'Japanese: 親子丼 ラーメン', 'Chinese: 宫保鸡丁 扬州炒饭'];

function testPage(kind: TicketKind, ctx: Context): TicketBlock[] {
  const { options, w } = ctx;
  const blocks = leadBanners(kind === 'test' ? 'test' : kind, null, ctx);
  if (kind !== 'test') blocks.push({ type: 'banner', text: w.t('ticket.noOrderData') });
  blocks.push(centered(w.t('ticket.testPrint'), 'big'));
  if (options.printedAt) blocks.push(centered(w.t('ticket.printedAt', { time: w.when(options.printedAt) }), 'normal', false));
  blocks.push(
    rule,
    { type: 'text', text: w.t('ticket.sample.normal') },
    { type: 'text', text: w.t('ticket.sample.bold'), style: { bold: true } },
    { type: 'text', text: w.t('ticket.sample.tall'), style: { size: 'tall' } },
    { type: 'text', text: w.t('ticket.sample.big'), style: { size: 'big' } },
    { type: 'rule', char: '=' },
    ...SCRIPT_SAMPLES.map((text): TicketBlock => ({ type: 'text', text })),
    { type: 'rule', char: '=' },
    { type: 'text', text: w.t('ticket.testWorks') },
  );
  return blocks;
}

export function buildTicket(input: TicketInput, options: TicketOptions): TicketDocument {
  const { order } = input;
  const w = ticketWords(options.language, options.timeZone);
  const ctx: Context = { options, caps: capsFor(options, w), w };
  const body =
    order == null
      ? testPage(input.kind, ctx)
      : input.kind === 'cancel'
        ? voidSlip(order, ctx)
        : input.slip
          ? scheduledSlip(order, input.slip.printsAt, ctx)
          : fullTicket({ ...input, order }, ctx);
  const { caps } = ctx;
  return {
    kind: input.kind,
    orderId: order?.id ?? null,
    title: order ? capField(caps, 'title', ticketTitle(order, w)) : 'TEST',
    width: options.width,
    copies: Math.max(1, Math.floor(options.copies ?? 1)),
    blocks: [...body, { type: 'cut' }],
    capped: body.some((block) => ('text' in block && block.text.includes(caps.cut)) || ('title' in block && block.title?.includes(caps.cut))),
    ...(w.dir === 'rtl' ? { direction: 'rtl' as const } : {}),
  };
}
