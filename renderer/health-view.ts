import type { Health, PrinterHealth } from '../common/bridge-api.js';
import { connectionNotice } from '../common/connection-notice.js';
import { h, replaceChildren } from './dom.js';
import { clockTime } from './format.js';
import { alarmTitleWords, alarmWords, backupInUseWords, notPrintingWords } from '../common/backup-words.js';
import { fmt } from './i18n.js';

// The always-visible health bar and the fault banner. The banner is derived from the current health
// only, so it stays exactly as long as the fault does, and every line of it says what to do.

const MODE_TEXT: Record<Health['connection']['mode'], string> = {
  starting: 'Starting…',
  relay: 'Live',
  reconnecting: 'Reconnecting…',
  polling: 'Polling klikit',
  offline: 'Offline',
  unconfigured: 'Not set up',
};

const PRINTER_TEXT: Record<PrinterHealth['state'], string> = {
  online: 'ready',
  'paper-out': 'PAPER OUT',
  'cover-open': 'COVER OPEN',
  offline: 'offline',
  unreachable: 'unreachable',
  unknown: 'no status',
};

const PRINTER_ADVICE: Record<PrinterHealth['state'], string> = {
  online: '',
  'paper-out': 'Load a new roll: the held tickets print by themselves.',
  'cover-open': 'Close the printer cover: the held tickets print by themselves.',
  offline: 'Check the printer is switched on and its cable is in.',
  unreachable: 'Check the printer is switched on and on the network.',
  unknown: '',
};

export const printerFaulty = (p: PrinterHealth): boolean => (p.state !== 'online' && p.state !== 'unknown') || p.alarm !== undefined || p.backupTo !== undefined;

/** The header's word on order actions: only when they are not reaching klikit (nothing while all is well). */
function klikitPill(k: Health['klikit']): HTMLElement | null {
  const waiting = k.waitingActions > 0 ? ` — ${k.waitingActions} action${k.waitingActions === 1 ? '' : 's'} waiting` : '';
  if (k.state === 'unreachable') return h('span', { class: 'klikit klikit-unreachable', 'data-klikit': k.state }, `klikit unreachable${waiting}`);
  if (k.state === 'rejected') return h('span', { class: 'klikit klikit-rejected', 'data-klikit': k.state }, `klikit refused the API keys${waiting}`);
  if (k.state === 'none') return h('span', { class: 'klikit klikit-none', 'data-klikit': k.state, title: 'No klikit API credentials: bumps stay on this counter; accept orders on the aggregator’s tablet' }, 'Relay only');
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
  const waiting = p.queueDepth > 0 ? ` ${p.queueDepth} ticket${p.queueDepth === 1 ? '' : 's'} waiting.` : '';
  if (p.alarm) {
    const state = p.state === 'online' || p.state === 'unknown' ? notPrintingWords(fmt()) : PRINTER_TEXT[p.state];
    return bannerLine({ 'data-fault': p.id, 'data-alarm': 'true' }, alarmTitleWords(fmt(), p.name, state), `${alarmWords(fmt(), p.name)}${waiting}`, PRINTER_ADVICE[p.state]);
  }
  // Where the tickets are is what the kitchen needs first; how to fix the printer is a tap away.
  if (p.backupTo) return bannerLine({ 'data-fault': p.id, 'data-backup': p.backupTo.id }, `${p.name}: ${PRINTER_TEXT[p.state]}`, `${backupInUseWords(fmt(), p.name, p.backupTo.name)}${waiting}`, PRINTER_ADVICE[p.state]);
  return bannerLine({ 'data-fault': p.id }, `${p.name}: ${PRINTER_TEXT[p.state]}`, `${PRINTER_ADVICE[p.state]}${waiting}`);
}

export function renderHealth(bar: HTMLElement, banner: HTMLElement, health: Health): void {
  const mode = health.connection.mode;
  const notice = connectionNotice(health.connection, fmt());
  const since = health.connection.since && mode !== 'relay' ? ` since ${clockTime(health.connection.since)}` : '';
  replaceChildren(
    bar,
    h('span', { class: `conn conn-${mode} level-${notice.level}`, title: notice.title, 'data-mode': mode }, MODE_TEXT[mode], since ? h('span', { class: 'since' }, since) : null),
    klikitPill(health.klikit),
    ...health.printers.map((p) =>
      h(
        'span',
        { class: `printer printer-${p.state}`, title: [PRINTER_ADVICE[p.state], p.delivery && `last ticket: ${p.delivery}`].filter(Boolean).join(' · '), 'data-printer': p.id },
        // A ready printer is a tick beside its name: the header's room goes to what needs someone. A long
        // name is what gets cut, never the state or the tickets waiting.
        h('span', { class: 'printer-name' }, p.name),
        h('span', { class: 'printer-state' }, `${p.state === 'online' ? ' ✓' : `: ${PRINTER_TEXT[p.state]}`}${p.queueDepth > 0 ? ` · ${p.queueDepth} to print` : ''}`),
      ),
    ),
    h('span', { class: 'last-order' }, `Last order ${clockTime(health.lastOrderAt)}`),
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
  banner.className = `banner level-${faults.length > 0 || notice.level === 'bad' ? 'bad' : 'warn'}`;
  replaceChildren(
    banner,
    ...faults.map((p) => printerFaultLine(p)),
    showConnection ? bannerLine({ 'data-fault': 'connection', 'data-level': notice.level, class: `fault level-${notice.level}` }, notice.title, notice.advice, notice.more) : null,
    klikitDown
      ? bannerLine(
          { 'data-fault': 'klikit' },
          health.klikit.state === 'rejected' ? 'klikit refused the API keys' : `klikit unreachable — ${health.klikit.waitingActions} action${health.klikit.waitingActions === 1 ? '' : 's'} waiting`,
          health.klikit.state === 'rejected' ? 're-enter the klikit keys in Settings' : 'accept urgent orders on the tablet',
          health.klikit.state === 'rejected'
            ? 'Accept, Reject and Ready wait until klikit takes the partner key and secret key again.'
            : 'Accept, Reject and Ready are kept and go out by themselves as soon as klikit answers.',
        )
      : null,
  );
}
