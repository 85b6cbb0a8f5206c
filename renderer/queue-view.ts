import type { OrderSummary, PrintSummary } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { age } from './format.js';

// The live queue, newest first. Rows are keyed by order id and rebuilt only when what they show
// changes, so a push update on a 2,000-order list touches a handful of nodes.

export type QueueHandlers = { open(order: OrderSummary): void };

const PRINT_TEXT: Record<PrintSummary['state'], string> = {
  none: 'not printed',
  queued: 'queued',
  printed: 'printed',
  held: 'held',
  failed: 'failed',
  uncertain: 'possible duplicate',
  skipped: 'not printed (cancelled)',
};

function printBadges(print: PrintSummary): HTMLElement {
  const label = print.reason ? `${PRINT_TEXT[print.state]}: ${print.reason}` : PRINT_TEXT[print.state];
  return h(
    'span',
    { class: 'badges' },
    h('span', { class: `badge print-${print.state}`, title: label }, label),
    print.possibleDuplicate && print.state !== 'uncertain' ? h('span', { class: 'badge badge-dup', title: 'a ticket may have printed twice: check the kitchen' }, 'possible duplicate') : null,
  );
}

function orderType(order: OrderSummary): string {
  return order.tableNo && order.orderType === 'DINE-IN' ? `DINE-IN · table ${order.tableNo}` : order.orderType;
}

function rowKey(order: OrderSummary, now: number): string {
  return `${JSON.stringify(order)}|${age(order.firstSeenAt, now)}`;
}

function buildRow(order: OrderSummary, now: number, handlers: QueueHandlers): HTMLElement {
  const isNew = !order.acknowledged && !order.cancelled;
  const classes = ['order', isNew ? 'order-new' : '', order.cancelled ? 'order-cancelled' : '', `order-print-${order.print.state}`];
  const open = (): void => handlers.open(order);
  return h(
    'li',
    {
      class: classes.filter(Boolean).join(' '),
      tabindex: 0,
      role: 'button',
      'data-order-id': order.id,
      'aria-label': `Order ${order.shortId}${isNew ? ', new' : ''}`,
      onclick: open,
      onkeydown: ((e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      }) as EventListener,
    },
    h('div', { class: 'order-id' }, `#${order.shortId}`, order.queueNumber !== null ? h('span', { class: 'order-queue' }, `Q${order.queueNumber}`) : null),
    h(
      'div',
      { class: 'order-main' },
      h('div', { class: 'order-line1' }, h('span', { class: 'provider' }, order.provider), h('span', { class: 'brands' }, order.brands.join(' + ') || '—')),
      h(
        'div',
        { class: 'order-line2' },
        h('span', { class: 'type' }, orderType(order)),
        h('span', { class: 'items' }, `${order.itemCount} item${order.itemCount === 1 ? '' : 's'}`),
        h('span', { class: `status${order.cancelled ? ' status-cancelled' : ''}` }, order.statusLabel),
      ),
    ),
    h('div', { class: 'order-side' }, h('span', { class: 'age' }, age(order.firstSeenAt, now)), printBadges(order.print), isNew ? h('span', { class: 'badge badge-new' }, 'NEW') : null),
  );
}

export function createQueueView(list: HTMLElement, handlers: QueueHandlers) {
  const rows = new Map<number, { el: HTMLElement; key: string }>();

  return {
    render(orders: readonly OrderSummary[], now: number): void {
      if (orders.length === 0) {
        rows.clear();
        replaceChildren(list, h('li', { class: 'empty' }, 'No orders yet. New orders appear here as soon as they arrive.'));
        return;
      }
      list.querySelector(':scope > .empty')?.remove();
      const seen = new Set<number>();
      let previous: Element | null = null;
      for (const order of orders) {
        seen.add(order.id);
        const key = rowKey(order, now);
        let row = rows.get(order.id);
        if (!row || row.key !== key) {
          const el = buildRow(order, now, handlers);
          if (row) row.el.replaceWith(el);
          row = { el, key };
          rows.set(order.id, row);
        }
        const expected: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expected !== row.el) list.insertBefore(row.el, expected);
        previous = row.el;
      }
      for (const [id, row] of rows) {
        if (!seen.has(id)) {
          row.el.remove();
          rows.delete(id);
        }
      }
    },
  };
}
