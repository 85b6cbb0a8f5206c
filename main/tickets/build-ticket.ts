// Order → ticket document: the content a cook needs, in the order a cook reads it. Pure: the clock
// and the time zone come in through the options.

import { DEFAULT_STATUS_TABLE, orderTypeLabel, providerLabel, statusEntry } from '../klikit/enums.js';
import type { Order } from '../klikit/schemas.js';
import { diffCart, type CartDiff } from './cart-diff.js';
import type { TicketBlock, TicketDocument, TicketKind, TicketOptions } from './document.js';
import { formatTicketTime } from './format-time.js';
import { groupByBrand, itemCount, ticketLines, type TicketLine, type TicketModifierGroup } from './order-lines.js';

export type TicketInput = { kind: TicketKind; order: Order | null; previous?: Order };

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

/** klikit calls its own orders by `#id` and aggregator orders by `#short_id`. */
export function ticketTitle(order: Order): string {
  return order.provider_id === 1 || order.short_id === '' ? `#${order.id}` : `#${order.short_id}`;
}

const quantityPrefix = (quantity: number): string => `${quantity} x `;

function modifierBlocks(groups: TicketModifierGroup[], depth: number): TicketBlock[] {
  const indent = 4 + 2 * Math.min(depth, MAX_MODIFIER_DEPTH);
  return groups.flatMap((group) =>
    group.modifiers.flatMap((m) => {
      const name = m.quantity > 1 ? quantityPrefix(m.quantity) + m.name : m.name;
      const text = group.name ? `${group.name}: ${name}` : name;
      return [{ type: 'text', text, indent, hang: 2 } as TicketBlock, ...modifierBlocks(m.groups, depth + 1)];
    }),
  );
}

const CHANGE_TAGS = { new: '(NEW) ', changed: '(CHANGED) ', same: '' } as const;

function lineBlocks(line: TicketLine, diff: CartDiff | null): TicketBlock[] {
  const tag = CHANGE_TAGS[diff?.changes.get(line.key) ?? 'same'];
  const head = tag + quantityPrefix(line.quantity);
  const blocks: TicketBlock[] = [
    { type: 'text', text: head + line.name, hang: head.length, style: { bold: true, size: 'tall' } },
    ...modifierBlocks(line.groups, 0),
  ];
  if (line.comment.trim()) blocks.push({ type: 'text', text: `>> ${line.comment.trim()}`, indent: 4, hang: 3, style: { bold: true } });
  return blocks;
}

function removedBlock(line: TicketLine): TicketBlock {
  const head = `REMOVED: ${quantityPrefix(line.quantity)}`;
  return { type: 'text', text: head + line.name, hang: head.length, style: { bold: true, struck: true } };
}

/** Removed lines stay in their brand's group, after what is still to be cooked. */
function cartBlocks(lines: TicketLine[], diff: CartDiff | null): TicketBlock[] {
  const removed = new Set(diff?.removed ?? []);
  const blocks: TicketBlock[] = [];
  for (const group of groupByBrand([...lines, ...removed])) {
    blocks.push(group.brandTitle ? { type: 'rule', char: '-', title: group.brandTitle } : rule);
    for (const line of group.lines) blocks.push(...(removed.has(line) ? [removedBlock(line)] : lineBlocks(line, diff)));
  }
  if (lines.length === 0 && removed.size === 0) blocks.push(rule, centered('(no items)', 'normal', false));
  return blocks;
}

function contextBlocks(order: Order): TicketBlock[] {
  const blocks: TicketBlock[] = [centered(orderTypeLabel(order.type, order.pickup_type), 'tall'), centered(providerLabel(order.provider_id), 'normal', false)];
  if (order.type === 3 && order.table_no) blocks.push(centered(`TABLE ${order.table_no}`, 'tall'));
  const vehicle = Object.values(order.additional_info?.vehicle_info ?? {})
    .filter((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .join(', ');
  if (vehicle) blocks.push(centered(`VEHICLE: ${vehicle}`));
  return blocks;
}

function headerBlocks(order: Order): TicketBlock[] {
  const blocks: TicketBlock[] = [centered(ticketTitle(order), 'big')];
  if (order.order_queue != null) blocks.push(centered(`QUEUE ${order.order_queue}`, 'tall'));
  return blocks;
}

function dueTime(order: Order, scheduled: boolean): string | null | undefined {
  return scheduled ? (order.scheduled_time ?? order.estimated_pickup_at) : (order.estimated_pickup_at ?? order.scheduled_time);
}

/** What matches a slip to the order on the aggregator's tablet: short ids are 4 digits and collide. */
function identityBlocks(order: Order): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  if (order.external_id && `#${order.external_id}` !== ticketTitle(order)) blocks.push(labelled('Ref', order.external_id));
  if (ticketTitle(order) !== `#${order.id}`) blocks.push(labelled('Order', String(order.id)));
  return blocks;
}

function detailBlocks(order: Order, options: TicketOptions, scheduled: boolean): TicketBlock[] {
  const blocks: TicketBlock[] = [];
  const placed = order.created_at ?? order.placed_at;
  if (placed) blocks.push(labelled('Placed', formatTicketTime(placed, options.timeZone)));
  const due = dueTime(order, scheduled);
  if (due) blocks.push(labelled('Due', formatTicketTime(due, options.timeZone), true));
  blocks.push(...identityBlocks(order));
  // A kitchen only needs the status when it is unusual: finished already, or a code nobody knows.
  const known = (options.statusTable ?? DEFAULT_STATUS_TABLE)[order.status] != null;
  const status = statusEntry(order.status, options.statusTable);
  if (!known || status.kind === 'done') blocks.push(labelled('Status', status.label));
  return blocks;
}

function noteBlocks(order: Order): TicketBlock[] {
  const notes: Array<[string, string]> = [
    ['NOTE: ', order.order_comment],
    ['KLIKIT NOTE: ', order.klikit_comment],
  ];
  return notes
    .filter(([, text]) => text.trim() !== '')
    .map(([label, text]) => ({ type: 'text', text: label + text.trim(), hang: label.length, style: { bold: true } }) as TicketBlock);
}

function leadBanners(kind: TicketKind, order: Order | null, options: TicketOptions): TicketBlock[] {
  const blocks: TicketBlock[] = [];
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

function fullTicket(input: TicketInput & { order: Order }, options: TicketOptions): TicketBlock[] {
  const { order } = input;
  const scheduled = statusEntry(order.status, options.statusTable).kind === 'scheduled';
  const lines = ticketLines(order);
  const diff = input.kind === 'update' && input.previous ? diffCart(ticketLines(input.previous), lines) : null;
  const blocks = [...leadBanners(input.kind, order, options)];
  if (scheduled) {
    blocks.push({ type: 'banner', text: 'SCHEDULED', size: 'tall' });
    const due = dueTime(order, true);
    if (due) blocks.push(centered(`FOR ${formatTicketTime(due, options.timeZone)}`, 'tall'));
  }
  blocks.push(...headerBlocks(order), ...contextBlocks(order), rule, ...detailBlocks(order, options, scheduled));
  blocks.push(...cartBlocks(lines, diff), rule, { type: 'text', text: `ITEMS: ${itemCount(lines)}`, style: { bold: true } });
  const notes = noteBlocks(order);
  if (notes.length > 0) blocks.push(rule, ...notes);
  return blocks;
}

function voidSlip(order: Order, options: TicketOptions): TicketBlock[] {
  const lines = ticketLines(order);
  const blocks: TicketBlock[] = [{ type: 'banner', text: 'VOID', size: 'big' }, ...leadBanners('cancel', order, options)];
  blocks.push(...headerBlocks(order), ...contextBlocks(order), rule, centered('ORDER CANCELLED - DO NOT COOK'));
  const at = order.updated_at ?? order.created_at ?? order.placed_at;
  if (at) blocks.push(labelled('Cancelled', formatTicketTime(at, options.timeZone)));
  blocks.push(...identityBlocks(order), rule);
  for (const line of lines) {
    const head = quantityPrefix(line.quantity);
    blocks.push({ type: 'text', text: head + line.name, hang: head.length });
  }
  blocks.push(rule, { type: 'text', text: `ITEMS: ${itemCount(lines)}`, style: { bold: true } });
  return blocks;
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
    order == null ? testPage(input.kind, options) : input.kind === 'cancel' ? voidSlip(order, options) : fullTicket({ ...input, order }, options);
  return {
    kind: input.kind,
    orderId: order?.id ?? null,
    title: order ? ticketTitle(order) : 'TEST',
    width: options.width,
    copies: Math.max(1, Math.floor(options.copies ?? 1)),
    blocks: [...body, { type: 'cut' }],
  };
}
