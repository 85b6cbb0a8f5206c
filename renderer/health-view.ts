import type { Health, PrinterHealth } from '../common/bridge-api.js';
import { connectionNotice } from '../common/connection-notice.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { ltr } from './bidi.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { clockTime } from './format.js';
import { alarmTitleWords, alarmWords, backupInUseWords, notPrintingWords } from '../common/backup-words.js';
import { fmt } from './i18n.js';

// The always-visible health bar and the fault banner. The banner is derived from the current health
// only, so it stays exactly as long as the fault does, and every line of it says what to do.

const MODE_TEXT = {
  starting: 'board.connection.starting',
  relay: 'board.connection.relay',
  reconnecting: 'board.connection.reconnecting',
  polling: 'board.connection.polling',
  offline: 'board.connection.offline',
  unconfigured: 'board.connection.unconfigured',
} as const satisfies Record<Health['connection']['mode'], MessageKey>;

const PRINTER_KEYS = {
  online: 'board.printer.ready',
  'paper-out': 'board.printer.paperOut',
  'cover-open': 'board.printer.coverOpen',
  offline: 'board.printer.offline',
  unreachable: 'board.printer.unreachable',
  unknown: 'board.printer.noStatus',
} as const satisfies Record<PrinterHealth['state'], MessageKey>;

const ADVICE_KEYS = {
  online: null,
  'paper-out': 'board.printer.paperOutAdvice',
  'cover-open': 'board.printer.coverOpenAdvice',
  offline: 'board.printer.offlineAdvice',
  unreachable: 'board.printer.unreachableAdvice',
  unknown: null,
} as const satisfies Record<PrinterHealth['state'], MessageKey | null>;

const printerText = (state: PrinterHealth['state']): string => t(PRINTER_KEYS[state]);

const printerAdvice = (state: PrinterHealth['state']): string => {
  const key = ADVICE_KEYS[state];
  return key ? t(key) : '';
};

export const printerFaulty = (p: PrinterHealth): boolean => (p.state !== 'online' && p.state !== 'unknown') || p.alarm !== undefined || p.backupTo !== undefined;

/** The header's word on order actions: only when they are not reaching klikit (nothing while all is well). */
function klikitPill(k: Health['klikit']): HTMLElement | null {
  const count = k.waitingActions;
  if (k.state === 'unreachable') return h('span', { class: 'klikit klikit-unreachable', 'data-klikit': k.state }, t('board.klikit.unreachable', { count }));
  if (k.state === 'rejected') return h('span', { class: 'klikit klikit-rejected', 'data-klikit': k.state }, t('board.klikit.rejected', { count }));
  if (k.state === 'none') return h('span', { class: 'klikit klikit-none', 'data-klikit': k.state, title: t('board.klikit.relayOnlyTitle') }, t('board.klikit.relayOnly'));
  return null;
}

// The lines someone tapped open stay open when health changes redraw the banner.
const expanded = new Set<string>();

/** One line of the banner: what is wrong, then what to do; tapping it shows the longer explanation. */
function bannerLine(attrs: Record<string, string>, title: string, advice: string, more = ''): HTMLElement {
  const key = attrs['data-fault'] ?? '';
  const line = h(
    'div',
    { class: 'fault', ...attrs },
    h('strong', {}, title),
    advice ? h('span', { class: 'advice' }, ` — ${advice}`) : null,
    more ? h('span', { class: 'more' }, ` ${more}`) : null,
  );
  if (more) {
    line.classList.toggle('expanded', expanded.has(key));
    line.addEventListener('click', () => {
      if (expanded.has(key)) expanded.delete(key);
      else expanded.add(key);
      line.classList.toggle('expanded', expanded.has(key));
    });
  }
  return line;
}

/** A faulty printer's banner line: what is wrong, what to do, and where its tickets print meanwhile (or that nothing does). */
function printerFaultLine(p: PrinterHealth): HTMLElement {
  const waiting = p.queueDepth > 0 ? ` ${t('board.printer.ticketsWaiting', { count: p.queueDepth })}` : '';
  const title = t('board.printer.state', { printer: p.name, state: printerText(p.state) });
  if (p.alarm) {
    const state = p.state === 'online' || p.state === 'unknown' ? notPrintingWords(fmt()) : printerText(p.state);
    return bannerLine({ 'data-fault': p.id, 'data-alarm': 'true' }, alarmTitleWords(fmt(), p.name, state), `${alarmWords(fmt(), p.name)}${waiting}`, printerAdvice(p.state));
  }
  // Where the tickets are is what the kitchen needs first; how to fix the printer is a tap away.
  if (p.backupTo) return bannerLine({ 'data-fault': p.id, 'data-backup': p.backupTo.id }, title, `${backupInUseWords(fmt(), p.name, p.backupTo.name)}${waiting}`, printerAdvice(p.state));
  return bannerLine({ 'data-fault': p.id }, title, `${printerAdvice(p.state)}${waiting}`);
}

export function renderHealth(bar: HTMLElement, banner: HTMLElement, health: Health): void {
  const mode = health.connection.mode;
  const notice = connectionNotice(health.connection, fmt());
  const since = health.connection.since && mode !== 'relay' ? ` ${t('board.connection.since', { time: ltr(clockTime(health.connection.since)) })}` : '';
  replaceChildren(
    bar,
    h('span', { class: `conn conn-${mode} level-${notice.level}`, title: notice.title, 'data-mode': mode }, t(MODE_TEXT[mode]), since ? h('span', { class: 'since' }, since) : null),
    klikitPill(health.klikit),
    ...health.printers.map((p) =>
      h(
        'span',
        { class: `printer printer-${p.state}`, title: [printerAdvice(p.state), p.delivery && t('board.printer.lastTicket', { delivery: p.delivery })].filter(Boolean).join(' · '), 'data-printer': p.id },
        // A ready printer is a tick beside its name: the header's room goes to what needs someone. A long
        // name is what gets cut, never the state or the tickets waiting.
        h('span', { class: 'printer-name' }, p.name),
        h('span', { class: 'printer-state' }, `${p.state === 'online' ? ' ✓' : `: ${printerText(p.state)}`}${p.queueDepth > 0 ? ` · ${t('board.printer.toPrint', { count: p.queueDepth })}` : ''}`),
      ),
    ),
    h('span', { class: 'last-order' }, t('board.lastOrder', { time: ltr(clockTime(health.lastOrderAt)) })),
  );

  const faults = health.printers.filter(printerFaulty);
  const showConnection = notice.level !== 'ok' && mode !== 'unconfigured';
  const klikitDown = health.klikit.state === 'unreachable' || health.klikit.state === 'rejected';
  if (faults.length === 0 && !showConnection && !klikitDown) {
    banner.hidden = true;
    replaceChildren(banner);
    return;
  }
  banner.hidden = false;
  banner.setAttribute('class', `banner level-${faults.length > 0 || notice.level === 'bad' ? 'bad' : 'warn'}`);
  replaceChildren(
    banner,
    ...faults.map((p) => printerFaultLine(p)),
    showConnection ? bannerLine({ 'data-fault': 'connection', 'data-level': notice.level, class: `fault level-${notice.level}` }, notice.title, notice.advice, notice.more) : null,
    klikitDown
      ? bannerLine(
          { 'data-fault': 'klikit' },
          health.klikit.state === 'rejected' ? t('board.klikit.rejectedBanner') : t('board.klikit.unreachableBanner', { count: health.klikit.waitingActions }),
          health.klikit.state === 'rejected' ? t('board.klikit.rejectedAdvice') : t('board.klikit.unreachableAdvice'),
          health.klikit.state === 'rejected' ? t('board.klikit.rejectedMore') : t('board.klikit.unreachableMore'),
        )
      : null,
  );
}
