// Order → ticket document: the content a cook needs, in the order a cook reads it. Pure: the clock
// and the time zone come in through the options.

import { DEFAULT_STATUS_TABLE, orderTypeLabel, providerLabel, statusEntry } from '../klikit/enums.js';
import type { Order } from '../klikit/schemas.js';
import { diffCart, type CartDiff } from './cart-diff.js';
import type { TicketBlock, TicketDocument, TicketKind, TicketOptions } from './document.js';
import { formatTicketTime } from './format-time.js';
import { groupByBrand, itemCount, ticketLines, type TicketLine, type TicketModifierGroup } from './order-lines.js';
import { stationView, type StationView } from './station-view.js';
import { printedLines } from './layout.js';
import { capField, PAPER_CAPS, SCREEN_CAPS, type TicketCaps } from './ticket-caps.js';

export type TicketInput = {
  kind: TicketKind;
  order: Order | null;
  previous?: Order | undefined;
  /** A scheduled order's short slip on arrival; its kitchen ticket prints at `printsAt`. */
  slip?: { printsAt: string } | undefined;
  /** A scheduled kitchen ticket printed after its time (the bridge was off). */
  late?: { dueAt: string } | undefined;
};

/** Deeper modifiers keep this indentation: past it the nesting is shown by order, never by dropping. */
const MAX_MODIFIER_DEPTH = 4;
const LABEL_WIDTH = 9;

const centered = (text: string, size: 'normal' | 'tall' | 'big' = 'normal', bold = true): TicketBlock => ({
  type: 'text',
  text,
  style: { bold, size, align: 'center' },
});
const labelled = (label: string, value: string, bold = false): TicketBlock => ({
  type: 'text',
  text: `${label.padEnd(LABEL_WIDTH - 1)} ${value}`,
  hang: Math.max(LABEL_WIDTH, label.length + 1),
  style: { bold },
});
const rule: TicketBlock = { type: 'rule', char: '-' };

/**
 * What staff call out, printed biggest: an aggregator's `#short_id` (the driver says it), for klikit's
 * own orders (provider 1, whose ids are long) the queue number, else the short id; `#id` as a last resort.
 */
export function ticketTitle(order: Order): string {
  if (order.provider_id === 1 && order.order_queue != null) return `QUEUE ${order.order_queue}`;
  return order.short_id === '' ? `#${order.id}` : `#${order.short_id}`;
}

const quantityPrefix = (quantity: number): string => `${quantity} x `;

/**
 * A modifier's quantity is per unit of what it modifies (klikit's docket): with 2 portions, "2 x Keju"
 * means 4 cheeses. When that multiplies, the ticket says both, so nobody has to guess.
 */
function modifierName(quantity: number, name: string, units: number): string {
  if (quantity <= 1) return name;
  if (units <= 1) return quantityPrefix(quantity) + name;
  return `${quantityPrefix(quantity)}${name} each (${quantity * units} total)`;
}

function modifierBlocks(groups: TicketModifierGroup[], depth: number, units: number, caps: TicketCaps): TicketBlock[] {
  const indent = 4 + 2 * Math.min(depth, MAX_MODIFIER_DEPTH);
  return groups.flatMap((group) =>
    group.modifiers.flatMap((m) => {
      const name = modifierName(m.quantity, capField(caps, 'name', m.name), units);
      const text = group.name ? `${capField(caps, 'label', group.name)}: ${name}` : name;
      return [{ type: 'text', text, indent, hang: 2 } as TicketBlock, ...modifierBlocks(m.groups, depth + 1, units * Math.max(1, m.quantity), caps)];
    }),
  );
}

const CHANGE_TAGS = { new: '(NEW) ', changed: '(CHANGED) ', same: '' } as const;
const UNROUTED_TAG = '(UNROUTED) ';
const OUT_OF_STOCK_TAG = '(OUT OF STOCK) ';

function lineBlocks(line: TicketLine, diff: CartDiff | null, view: StationView | null, caps: TicketCaps, outOfStock: ReadonlySet<string>): TicketBlock[] {
  const tag = (outOfStock.has(line.name) ? OUT_OF_STOCK_TAG : '') + (view?.unroutedKeys.has(line.key) ? UNROUTED_TAG : '') + CHANGE_TAGS[diff?.changes.get(line.key) ?? 'same'];
  const head = tag + quantityPrefix(line.quantity);
  const blocks: TicketBlock[] = [
    { type: 'text', text: head + capField(caps, 'name', line.name), hang: head.length, style: { bold: true, size: 'tall' } },
    ...modifierBlocks(line.groups, 0, Math.max(1, line.quantity), caps),
  ];
  if (line.comment.trim()) {
    blocks.push({ type: 'text', text: `>> ${capField(caps, 'note', line.comment)}`, indent: 4, hang: 3, style: { bold: true } });
  }
  return blocks;
}

function removedBlock(line: TicketLine, caps: TicketCaps): TicketBlock {
  const head = `REMOVED: ${quantityPrefix(line.quantity)}`;
  return { type: 'text', text: head + capField(caps, 'name', line.name), hang: head.length, style: { bold: true, struck: true } };
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
function fitCart(rows: Iterable<CartRow>, counted: TicketLine[], budget: number, width: number, caps: TicketCaps): TicketBlock[] {
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
      const what = notShown.length > 0 ? `${itemCount(notShown)} more items ` : '';
      return [...blocks, rule, centered(`${what}${caps.cut}`, 'tall')];
    }
    if (row.first) shown.add(row.line);
    blocks.push(...row.blocks);
  }
  return blocks;
}

/** Removed lines stay in their brand's group, after what is still to be cooked. */
function cartBlocks(lines: TicketLine[], diff: CartDiff | null, view: StationView | null, caps: TicketCaps, fit: { budget: number; width: number }, outOfStock: ReadonlySet<string>): TicketBlock[] {
  if (lines.length === 0 && (diff?.removed.length ?? 0) === 0) return [rule, centered(view ? '(no items for this station)' : '(no items)', 'normal', false)];
  const removed = new Set(diff?.removed ?? []);
  function* rows(): Generator<CartRow> {
    for (const group of groupByBrand([...lines, ...removed])) {
      const brandRule: TicketBlock = group.brandTitle ? { type: 'rule', char: '-', title: capField(caps, 'label', group.brandTitle) } : rule;
      for (const [i, line] of group.lines.entries()) {
        yield* rowsOf(line, removed.has(line) ? [removedBlock(line, caps)] : lineBlocks(line, diff, view, caps, outOfStock), i === 0 ? brandRule : null);
      }
    }
  }
  return fitCart(rows(), lines, fit.budget, fit.width, caps);
}

/** Only the first name, and only where staff hand the food over to the customer: never phone or address. */
function customerName(order: Order, caps: TicketCaps): string {
  if (order.type !== 1 && order.type !== 3) return '';
  // The first word of what the cap can keep, and enough past it to know when the word goes on.
  const start = order.user_first_name.trimStart().slice(0, 2 * caps.person.chars + 2);
  return capField(caps, 'person', /^\S*/.exec(start)![0]);
}

function contextBlocks(order: Order, caps: TicketCaps): TicketBlock[] {
  const blocks: TicketBlock[] = [centered(orderTypeLabel(order.type, order.pickup_type), 'tall'), centered(providerLabel(order.provider_id), 'normal', false)];
  if (order.type === 3 && order.table_no) blocks.push(centered(`TABLE ${capField(caps, 'id', order.table_no)}`, 'tall'));
  const name = customerName(order, caps);
  if (name) blocks.push(centered(`NAME: ${name}`, 'tall'));
  const vehicle = Object.values(order.additional_info?.vehicle_info ?? {})
    .filter((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .join(', ');
  if (vehicle) blocks.push(centered(`VEHICLE: ${capField(caps, 'vehicle', vehicle)}`));
  return blocks;
}

function headerBlocks(order: Order, caps: TicketCaps): TicketBlock[] {
  const title = ticketTitle(order);
  const blocks: TicketBlock[] = [centered(capField(caps, 'title', title), 'big')];
  if (order.provider_id === 1) {
    if (order.short_id !== '' && `#${order.short_id}` !== title) blocks.push(centered(capField(caps, 'title', `#${order.short_id}`), 'tall'));
  } else if (order.order_queue != null) {
    blocks.push(centered(`QUEUE ${order.order_queue}`, 'tall'));
  }
  return blocks;
}

function dueTime(order: Order, scheduled: boolean): string | null | undefined {
  return scheduled ? (order.scheduled_time ?? order.estimated_pickup_at) : (order.estimated_pickup_at ?? order.scheduled_time);
}

/** What matches a slip to the order on the aggregator's tablet: short ids are 4 digits and collide. */
function identityBlocks(order: Order, caps: TicketCaps): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  if (order.external_id && `#${order.external_id}` !== ticketTitle(order)) blocks.push(labelled('Ref', capField(caps, 'id', order.external_id)));
  if (ticketTitle(order) !== `#${order.id}`) blocks.push(labelled('Order', String(order.id)));
  return blocks;
}

function detailBlocks(order: Order, options: TicketOptions, scheduled: boolean, caps: TicketCaps): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  const placed = order.created_at ?? order.placed_at;
  if (placed) blocks.push(labelled('Placed', formatTicketTime(placed, options.timeZone)));
  const due = dueTime(order, scheduled);
  if (due) blocks.push(labelled('Due', formatTicketTime(due, options.timeZone), true));
  blocks.push(...identityBlocks(order, caps));
  // A kitchen only needs the status when it is unusual: finished already, or a code nobody knows.
  const known = (options.statusTable ?? DEFAULT_STATUS_TABLE)[order.status] != null;
  const status = statusEntry(order.status, options.statusTable);
  if (!known || status.kind === 'done') blocks.push(labelled('Status', status.label));
  return blocks;
}

/** Line instructions a cook must see before starting, not discover under the third item. */
const ALLERGY_LIKE =
  /allerg|alergi|intoleran|gluten|celiac|coeliac|lactose|dairy|\bnuts?\b|peanut|kacang|shellfish|seafood|udang|sesame|wijen|\beggs?\b|telur|\bsoy|kedelai|halal|vegan|vegetarian|\bpork\b|babi/i;

/** Order and operator notes and allergy-like line instructions, boxed in before the items. */
function noteBlocks(order: Order, lines: TicketLine[], caps: TicketCaps): TicketBlock[] {
  const allergies = lines.filter((l) => ALLERGY_LIKE.test(capField(caps, 'note', l.comment)));
  const notes: Array<[string, string]> = [
    ['NOTE: ', order.order_comment],
    ['KLIKIT NOTE: ', order.klikit_comment],
    ...allergies.slice(0, caps.allergyNotes).map((l): [string, string] => [`! ${capField(caps, 'label', l.name)}: `, l.comment]),
  ];
  const blocks = notes
    .filter(([, text]) => text.trim() !== '')
    .map(([label, text]) => ({ type: 'text', text: label + capField(caps, 'note', text), hang: 2, style: { bold: true } }) as TicketBlock);
  const moreAllergies = allergies.length - caps.allergyNotes;
  if (moreAllergies > 0) blocks.push({ type: 'text', text: `! ${moreAllergies} more under the items ${caps.cut}`, hang: 2, style: { bold: true } });
  return blocks.length === 0 ? [] : [{ type: 'banner', text: 'NOTES' }, ...blocks, { type: 'rule', char: '=' }];
}

function stationBlocks(view: StationView | null): TicketBlock[] {
  if (!view) return [];
  const blocks: TicketBlock[] = [];
  if (view.unroutedKeys.size > 0) blocks.push({ type: 'banner', text: 'UNROUTED ITEMS: NO STATION TAKES THEM' });
  if (view.also.length > 0) {
    const also = view.also.map((s) => `${s.name} ${s.items} item${s.items === 1 ? '' : 's'}`).join(', ');
    blocks.push({ type: 'text', text: `also: ${also}`, hang: 6, style: { bold: true } });
  }
  return blocks;
}

function leadBanners(kind: TicketKind, order: Order | null, options: TicketOptions, late?: TicketInput['late']): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  if (options.backupFor !== undefined) {
    // First on the paper: the cook at the backup must see at once that the ticket belongs elsewhere.
    blocks.push({ type: 'banner', text: `BACKUP FOR ${options.backupFor}`, size: 'tall' }, centered(`Take this ticket to ${options.backupFor}`, 'normal', false));
  }
  if (late) {
    blocks.push({ type: 'banner', text: 'LATE', size: 'big' }, centered(`was due ${formatTicketTime(late.dueAt, options.timeZone)}`, 'tall'));
  }
  if (options.possibleDuplicate) {
    blocks.push({ type: 'banner', text: 'POSSIBLE DUPLICATE' }, centered('May have printed already: check before cooking', 'normal', false));
  }
  if (kind === 'reprint') {
    blocks.push({ type: 'banner', text: 'REPRINT' });
    if (options.printedAt) blocks.push(centered(`Reprinted ${formatTicketTime(options.printedAt, options.timeZone)}`, 'normal', false));
  }
  if (kind === 'test') blocks.push({ type: 'banner', text: 'TEST', size: 'tall' });
  if (kind === 'update') blocks.push({ type: 'banner', text: 'UPDATED', size: 'tall' });
  if (order && kind !== 'cancel' && statusEntry(order.status, options.statusTable).kind === 'cancelled') {
    blocks.push({ type: 'banner', text: 'CANCELLED - DO NOT COOK', size: 'tall' });
  }
  return blocks;
}

/** The lines of this ticket marked out of stock, boxed before the items so the cashier acts before anyone cooks. */
function outOfStockBlocks(lines: TicketLine[], options: TicketOptions, caps: TicketCaps): TicketBlock[] {
  const marked = new Set(options.outOfStock ?? []);
  const names = [...new Set(lines.filter((l) => marked.has(l.name)).map((l) => l.name))];
  if (names.length === 0) return [];
  return [
    { type: 'banner', text: 'OUT OF STOCK', size: 'tall' },
    ...names.map((name): TicketBlock => ({ type: 'text', text: `OUT OF STOCK: ${capField(caps, 'name', name)}`, hang: 14, style: { bold: true } })),
    centered('Ask the cashier before cooking', 'normal', true),
    { type: 'rule', char: '=' },
  ];
}

/** The lines this ticket lists: the station's own when printers are routed, else the whole order's. */
const linesOnTicket = (order: Order, options: TicketOptions): TicketLine[] => stationView(order, options.station)?.lines ?? ticketLines(order);

/** Paper stops at about half a metre; the window's copy (`forScreen`) goes further, but not forever. */
const capsFor = (options: TicketOptions): TicketCaps => (options.forScreen ? SCREEN_CAPS : PAPER_CAPS);

/** Printed lines left for the cart once the rest of the ticket (`around` it) is laid out. */
const cartBudget = (around: TicketBlock[], caps: TicketCaps, width: number): number =>
  Math.max(caps.minCartLines, caps.ticketLines - printedLines(around, width));

const itemsLine = (lines: TicketLine[]): TicketBlock => ({ type: 'text', text: `ITEMS: ${itemCount(lines)}`, style: { bold: true } });

function fullTicket(input: TicketInput & { order: Order }, options: TicketOptions): TicketBlock[] {
  const { order } = input;
  const scheduled = statusEntry(order.status, options.statusTable).kind === 'scheduled';
  const view = stationView(order, options.station);
  const lines = view ? view.lines : ticketLines(order);
  const previousLines = input.previous ? linesOnTicket(input.previous, options) : null;
  const diff = input.kind === 'update' && previousLines ? diffCart(previousLines, lines) : null;
  const blocks = [...leadBanners(input.kind, order, options, input.late)];
  if (scheduled) {
    blocks.push({ type: 'banner', text: 'SCHEDULED', size: 'tall' });
    const due = dueTime(order, true);
    if (due) blocks.push(centered(`FOR ${formatTicketTime(due, options.timeZone)}`, 'tall'));
  }
  const caps = capsFor(options);
  blocks.push(...headerBlocks(order, caps), ...contextBlocks(order, caps), rule, ...detailBlocks(order, options, scheduled, caps));
  blocks.push(...outOfStockBlocks(lines, options, caps), ...noteBlocks(order, lines, caps), ...stationBlocks(view));
  const footer = [rule, itemsLine(lines)];
  const budget = cartBudget([...blocks, ...footer], caps, options.width);
  return [...blocks, ...cartBlocks(lines, diff, view, caps, { budget, width: options.width }, new Set(options.outOfStock ?? [])), ...footer];
}

/** Tells the kitchen an order is coming and when its ticket prints: nothing to cook yet. */
function scheduledSlip(order: Order, printsAt: string, options: TicketOptions): TicketBlock[] {
  const lines = linesOnTicket(order, options);
  const caps = capsFor(options);
  const due = dueTime(order, true);
  const blocks: TicketBlock[] = [{ type: 'banner', text: 'SCHEDULED', size: 'big' }, ...leadBanners('new', order, options)];
  blocks.push(...headerBlocks(order, caps), ...contextBlocks(order, caps), rule);
  if (due) blocks.push(labelled('For', formatTicketTime(due, options.timeZone), true));
  blocks.push(labelled('Ticket', `prints ${formatTicketTime(printsAt, options.timeZone)}`, true), ...identityBlocks(order, caps));
  blocks.push(rule, itemsLine(lines), centered('DO NOT COOK YET', 'tall'));
  return blocks;
}

function voidSlip(order: Order, options: TicketOptions): TicketBlock[] {
  const lines = linesOnTicket(order, options);
  const caps = capsFor(options);
  const blocks: TicketBlock[] = [{ type: 'banner', text: 'VOID', size: 'big' }, ...leadBanners('cancel', order, options)];
  blocks.push(...headerBlocks(order, caps), ...contextBlocks(order, caps), rule, centered('ORDER CANCELLED - DO NOT COOK'));
  const at = order.updated_at ?? order.created_at ?? order.placed_at;
  if (at) blocks.push(labelled('Cancelled', formatTicketTime(at, options.timeZone)));
  blocks.push(...identityBlocks(order, caps), rule);
  function* rows(): Generator<CartRow> {
    for (const line of lines) {
      const head = quantityPrefix(line.quantity);
      yield* rowsOf(line, [{ type: 'text', text: head + capField(caps, 'name', line.name), hang: head.length }], null);
    }
  }
  const footer = [rule, itemsLine(lines)];
  const budget = cartBudget([...blocks, ...footer], caps, options.width);
  return [...blocks, ...fitCart(rows(), lines, budget, options.width, caps), ...footer];
}

function testPage(kind: TicketKind, options: TicketOptions): TicketBlock[] {
  const blocks = leadBanners(kind === 'test' ? 'test' : kind, null, options);
  if (kind !== 'test') blocks.push({ type: 'banner', text: 'NO ORDER DATA' });
  blocks.push(centered('TEST PRINT', 'big'));
  if (options.printedAt) blocks.push(centered(`Printed ${formatTicketTime(options.printedAt, options.timeZone)}`, 'normal', false));
  blocks.push(
    rule,
    { type: 'text', text: 'Normal text' },
    { type: 'text', text: 'Bold text', style: { bold: true } },
    { type: 'text', text: 'Tall text', style: { size: 'tall' } },
    { type: 'text', text: 'Big', style: { size: 'big' } },
    { type: 'rule', char: '=' },
    // One line per script the kitchen may need: a line that comes out as ? shows the owner at once
    // that this printer needs raster printing.
    { type: 'text', text: 'Vietnamese: Phở bò tái, bánh mì' },
    { type: 'text', text: 'Arabic: شاورما دجاج' },
    { type: 'text', text: 'Thai: ผัดไทยกุ้งสด' },
    { type: 'text', text: 'Japanese: 親子丼 ラーメン' },
    { type: 'text', text: 'Chinese: 宫保鸡丁 扬州炒饭' },
    { type: 'rule', char: '=' },
    { type: 'text', text: 'If you can read this, the printer works and the paper is in.' },
  );
  return blocks;
}

export function buildTicket(input: TicketInput, options: TicketOptions): TicketDocument {
  const { order } = input;
  const body =
    order == null
      ? testPage(input.kind, options)
      : input.kind === 'cancel'
        ? voidSlip(order, options)
        : input.slip
          ? scheduledSlip(order, input.slip.printsAt, options)
          : fullTicket({ ...input, order }, options);
  const caps = capsFor(options);
  return {
    kind: input.kind,
    orderId: order?.id ?? null,
    title: order ? capField(caps, 'title', ticketTitle(order)) : 'TEST',
    width: options.width,
    copies: Math.max(1, Math.floor(options.copies ?? 1)),
    blocks: [...body, { type: 'cut' }],
    capped: body.some((block) => ('text' in block && block.text.includes(caps.cut)) || ('title' in block && block.title?.includes(caps.cut))),
  };
}
