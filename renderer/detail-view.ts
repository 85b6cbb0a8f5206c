import type { BridgeApi, OrderDetail, PrinterHealth } from '../common/bridge-api.js';
import { acceptCountdown } from './acceptance-countdown.js';
import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';
import { t } from './i18n.js';
import { orderType } from './order-words.js';
import { cardFlag } from './stock-words.js';
import { actionButtons, actionText, printsAtText, soldOutButton, type CardContext, type CardHandlers } from './order-card.js';

// Order detail: the ticket exactly as the core renders it for the printer, the order's history,
// and reprint (asking which printer when there are several).

export type DetailContext = { bridge: BridgeApi; printers(): readonly PrinterHealth[]; toast(message: string, ok: boolean): void; handlers: CardHandlers; card: CardContext };

function reprintControls(detail: OrderDetail, ctx: DetailContext): HTMLElement {
  const printers = ctx.printers();
  if (printers.length === 0) return h('p', { class: 'hint' }, t('board.detail.addPrinter'));
  const select = h(
    'select',
    { id: 'reprint-printer', 'aria-label': t('board.detail.reprintPrinter'), hidden: printers.length === 1 },
    ...printers.map((p) => h('option', { value: p.id }, p.name)),
  );
  const button = h('button', {
    id: 'reprint-button',
    class: 'primary',
    onclick: async () => {
      button.disabled = true;
      const result = await ctx.bridge.reprint({ orderId: detail.summary.id, printerId: select.value });
      button.disabled = false;
      if (!result.ok) ctx.toast(result.error, false);
      else ctx.toast(result.value.message, result.value.ok);
    },
  }, printers.length === 1 ? t('board.detail.reprintOn', { printer: printers[0]!.name }) : t('board.detail.reprint'));
  return h('div', { class: 'reprint' }, select, button);
}

export function renderDetail(container: HTMLElement, detail: OrderDetail, ctx: DetailContext): void {
  const s = detail.summary;
  const printsAt = printsAtText(s, Date.now());
  const action = actionText(s.lastAction, Date.now());
  const preview = h('div', { class: 'ticket-preview', id: 'ticket-preview' });
  if (detail.ticket?.image) {
    preview.append(h('img', { class: 'ticket-image', src: detail.ticket.image, alt: detail.ticket.text }));
  } else if (detail.ticket) {
    // The core's renderHtml escapes every text and uses classes only; the CSP forbids scripts.
    preview.innerHTML = detail.ticket.html;
  } else {
    preview.append(h('p', { class: 'hint' }, t('board.detail.noTicket')));
  }
  replaceChildren(
    container,
    h(
      'header',
      { class: 'detail-head' },
      h('h2', {}, `#${s.shortId}`),
      acceptCountdown(s, Date.now()),
      h('span', { class: 'detail-sub' }, `${s.provider} · ${s.brands.join(' + ')} · ${orderType(s)} · ${s.statusLabel}`),
      printsAt ? h('span', { class: 'mark mark-scheduled', id: 'detail-prints-at' }, printsAt) : null,
      s.unrouted ? h('span', { class: 'mark mark-unrouted', id: 'detail-unrouted', title: t('board.card.unroutedTitle') }, t('board.card.unrouted')) : null,
      h('span', { class: 'card-actions detail-actions' }, ...actionButtons(s, ctx.handlers, ctx.card)),
    ),
    action ? h('p', { class: `action-note action-${s.lastAction!.state}`, id: 'detail-action-note' }, action.text) : null,
    s.outOfStock ? h('p', { class: 'mark mark-oos', id: 'detail-oos' }, cardFlag(s.outOfStock)) : null,
    h('ul', { class: 'detail-items', 'aria-label': t('board.detail.items') }, ...s.lines.map((l) => h('li', { class: l.outOfStock ? 'line-oos' : '' }, soldOutButton(s, l, ctx.handlers), `${l.quantity}× ${l.name}`))),
    h(
      'div',
      { class: 'detail-body' },
      // Reprint above the preview: a long ticket must never push the button out of a small screen.
      h('section', { class: 'detail-ticket' }, h('h3', {}, t('board.detail.ticket')), ...(detail.ticket?.warning ? [h('p', { class: 'ticket-warning', role: 'alert' }, detail.ticket.warning)] : []), reprintControls(detail, ctx), preview),
      h(
        'section',
        { class: 'detail-history' },
        h('h3', {}, t('board.detail.history')),
        h(
          'ol',
          { class: 'history' },
          ...detail.history.map((e) => h('li', { class: `history-${e.kind}` }, h('time', {}, dateTime(e.at)), h('strong', {}, e.title), h('span', {}, e.detail))),
        ),
      ),
    ),
  );
}
