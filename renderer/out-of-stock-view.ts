import type { ActionOutcome, BridgeApi, BridgeResult, CardLine, OrderSummary } from '../common/bridge-api.js';
import type { ItemMatch, MarkOutOfStockArgs, StockDuration, StockItem } from '../common/stock.js';
import { h, replaceChildren } from './dom.js';
import { fmt, t } from './i18n.js';
import * as words from './stock-words.js';

// "86" on the board: the question a "Sold out" tap asks (how long), and the Out of stock view (every
// item marked, since and until when, what klikit said, one tap to bring it back, and a search of
// recent items to mark one without its order at hand).

export type StockContext = { bridge: BridgeApi; toast(message: string, ok: boolean): void; changed(): void };

export type StockView = {
  /** When the list was last fetched (ms since the epoch). */
  fetchedAt(): number;
  refresh(): Promise<void>;
  /** "Sold out" on an order: which line (when it has several, and none was given), then how long (or bring it back). */
  askForOrder(order: OrderSummary, line?: CardLine): void;
};

const DURATIONS: readonly StockDuration[] = ['tomorrow', 'hour', 'manual'];

function outcomeOf(result: BridgeResult<ActionOutcome>): ActionOutcome {
  return result.ok ? result.value : { ok: false, message: result.error };
}

export function createStockView(root: HTMLElement, tab: HTMLElement, ctx: StockContext): StockView {
  let items: StockItem[] = [];
  let fetchedAt = 0;
  const dialog = h('dialog', { id: 'stock-dialog', class: 'stock-dialog', 'aria-labelledby': 'stock-dialog-title' });
  document.body.append(dialog);
  const search = h('input', { id: 'stock-search', class: 'stock-search', type: 'search', autocomplete: 'off' });
  const matches = h('ul', { id: 'stock-matches', class: 'stock-matches' });
  const list = h('ul', { id: 'stock-list', class: 'stock-list' });
  const title = h('h2', { class: 'stock-title' });
  replaceChildren(root, search, matches, title, list);

  /** The view is made before the window knows its language (app.ts): its fixed words are set when it first shows anything. */
  function label(): void {
    search.placeholder = t('views.stock.searchPlaceholder');
    search.setAttribute('aria-label', t('views.stock.searchLabel'));
    matches.setAttribute('aria-label', t('views.stock.found'));
    list.setAttribute('aria-label', t('views.stock.listTitle'));
    title.textContent = t('views.stock.listTitle');
  }

  /** A refusal is shown in the dialog that asked, not as a toast as well. */
  async function mark(args: MarkOutOfStockArgs): Promise<ActionOutcome> {
    const outcome = outcomeOf(await ctx.bridge.markOutOfStock(args));
    if (outcome.ok) ctx.toast(outcome.message, true);
    await Promise.all([refresh(), runSearch()]);
    ctx.changed();
    return outcome;
  }

  async function restore(sku: string): Promise<void> {
    const outcome = outcomeOf(await ctx.bridge.restoreItem({ sku }));
    ctx.toast(outcome.message, outcome.ok);
    await Promise.all([refresh(), runSearch()]);
    ctx.changed();
  }

  /** The dialog: the item's name, then how long (or, when it is out already, bring it back; or why it cannot be marked). */
  function ask(name: string, sku: string | null | undefined, target: (duration: StockDuration) => MarkOutOfStockArgs): void {
    // What is marked now decides the question: re-read it first (a timer may have brought it back).
    void refresh().then(() => askNow(name, sku, target));
  }

  function askNow(name: string, sku: string | null | undefined, target: (duration: StockDuration) => MarkOutOfStockArgs): void {
    const marked = sku ? items.find((i) => i.sku === sku && !i.restored) : undefined;
    const close = h('button', { type: 'button', class: 'stock-cancel', onclick: () => dialog.close() }, sku === null ? t('common.close') : t('views.stock.keepSelling'));
    const reason = h('p', { class: 'stock-reason', id: 'stock-dialog-reason', role: 'alert', hidden: true });
    const showReason = (message: string): void => {
      replaceChildren(reason, message);
      reason.hidden = false;
    };
    if (sku === null) {
      // A line klikit sent no SKU for: the core says why it cannot be marked (it marks nothing).
      replaceChildren(dialog, h('h2', { id: 'stock-dialog-title' }, t('views.stock.noSkuTitle', { name })), reason, h('div', { class: 'stock-choices' }, close));
      dialog.showModal();
      void ctx.bridge.markOutOfStock(target('manual')).then((result) => showReason(outcomeOf(result).message));
      return;
    }
    const choices = marked
      ? [h('button', { type: 'button', class: 'stock-choice stock-back', 'data-restore': marked.sku, onclick: () => (dialog.close(), void restore(marked.sku)) }, t('views.stock.back'))]
      : DURATIONS.map((d) =>
          h('button', {
            type: 'button',
            class: 'stock-choice',
            'data-duration': d,
            onclick: async () => {
              const outcome = await mark(target(d));
              if (outcome.ok) dialog.close();
              else showReason(outcome.message);
            },
          }, words.durationButton(d)),
        );
    replaceChildren(
      dialog,
      h('h2', { id: 'stock-dialog-title' }, marked ? t('views.stock.backTitle', { name }) : t('views.stock.askTitle', { name })),
      marked ? h('p', { class: 'stock-when' }, words.whenText(marked, Date.now())) : h('p', { class: 'hint' }, t('views.stock.askHint')),
      reason,
      h('div', { class: 'stock-choices' }, ...choices, close),
    );
    dialog.showModal();
  }

  function row(item: StockItem): HTMLElement {
    return h(
      'li',
      { class: `stock-item stock-${item.klikit}${item.restored ? ' stock-restored' : ''}`, 'data-sku': item.sku },
      h('span', { class: 'stock-name' }, item.name),
      h('span', { class: 'stock-when' }, words.whenText(item, Date.now())),
      h('span', { class: `stock-klikit klikit-${item.klikit}` }, words.klikitText(item)),
      item.klikit === 'confirmed' || item.words === '' ? null : h('span', { class: 'stock-words' }, item.words),
      item.restored ? null : h('button', { type: 'button', class: 'stock-back', 'data-restore': item.sku, onclick: () => void restore(item.sku) }, t('views.stock.back')),
    );
  }

  function matchRow(m: ItemMatch): HTMLElement {
    const sku = m.sku;
    return h(
      'li',
      { class: 'stock-match', 'data-sku': sku ?? '' },
      h('span', { class: 'stock-name' }, m.name),
      m.brand ? h('span', { class: 'stock-brand' }, m.brand) : null,
      sku === null
        ? h('span', { class: 'stock-words' }, m.reason ?? '')
        : h('button', { type: 'button', class: 'stock-mark', onclick: () => ask(m.name, sku, (duration) => ({ sku, duration })) }, m.outOfStock ? t('views.stock.back') : words.soldOutText()),
    );
  }

  async function runSearch(): Promise<void> {
    const query = search.value.trim();
    if (query.length < 2) {
      replaceChildren(matches);
      return;
    }
    const result = await ctx.bridge.searchItems({ query });
    if (!result.ok) return ctx.toast(result.error, false);
    if (search.value.trim() !== query) return;
    replaceChildren(matches, ...(result.value.length === 0 ? [h('li', { class: 'empty' }, t('views.stock.noMatch'))] : result.value.map(matchRow)));
  }
  search.addEventListener('input', () => void runSearch());

  async function refresh(): Promise<void> {
    const result = await ctx.bridge.listOutOfStock();
    if (!result.ok) return;
    items = result.value;
    fetchedAt = Date.now();
    label();
    const out = items.filter((i) => !i.restored).length;
    if (tab.textContent !== words.tabCount(out)) tab.textContent = words.tabCount(out);
    replaceChildren(list, ...(items.length === 0 ? [h('li', { class: 'empty' }, t('views.stock.nothingOut'))] : items.map(row)));
  }

  return {
    fetchedAt: () => fetchedAt,
    refresh,
    askForOrder(order, line) {
      const forLine = (l: CardLine): void => ask(l.name, l.sku, (duration) => ({ orderId: order.id, line: l.line ?? 0, duration }));
      const lines = order.lines.filter((l) => l.line !== undefined);
      if (line) return forLine(line);
      if (lines.length === 1) return forLine(lines[0]!);
      const close = h('button', { type: 'button', class: 'stock-cancel', onclick: () => dialog.close() }, t('common.close'));
      const picks = lines.map((l) => h('button', { type: 'button', class: 'stock-pick', 'data-line': l.line, onclick: () => forLine(l) }, h('bdi', { dir: 'ltr' }, `${fmt().number(l.quantity)}×`), ` ${l.name}`));
      replaceChildren(dialog, h('h2', { id: 'stock-dialog-title' }, t('views.stock.pickTitle')), h('div', { class: 'stock-choices' }, ...picks, close));
      dialog.showModal();
    },
  };
}
