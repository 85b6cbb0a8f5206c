import type { Health, PrinterHealth } from '../common/bridge-api.js';
import { connectionNotice } from '../common/connection-notice.js';
import { h, replaceChildren } from './dom.js';
import { clockTime } from './format.js';

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

export const printerFaulty = (p: PrinterHealth): boolean => p.state !== 'online' && p.state !== 'unknown';

export function renderHealth(bar: HTMLElement, banner: HTMLElement, health: Health): void {
  const mode = health.connection.mode;
  const notice = connectionNotice(health.connection);
  const since = health.connection.since && mode !== 'relay' ? ` since ${clockTime(health.connection.since)}` : '';
  replaceChildren(
    bar,
    h('span', { class: `conn conn-${mode} level-${notice.level}`, title: health.connection.detail, 'data-mode': mode }, `${MODE_TEXT[mode]}${since}`),
    ...health.printers.map((p) =>
      h(
        'span',
        { class: `printer printer-${p.state}`, title: [p.detail || p.state, p.delivery && `last ticket: ${p.delivery}`].filter(Boolean).join(' · '), 'data-printer': p.id },
        `${p.name}: ${PRINTER_TEXT[p.state]}${p.queueDepth > 0 ? ` (${p.queueDepth} waiting)` : ''}`,
      ),
    ),
    h('span', { class: 'last-order' }, `Last order ${clockTime(health.lastOrderAt)}`),
  );

  const faults = health.printers.filter(printerFaulty);
  const showConnection = notice.level !== 'ok' && mode !== 'unconfigured';
  if (faults.length === 0 && !showConnection) {
    banner.hidden = true;
    replaceChildren(banner);
    return;
  }
  banner.hidden = false;
  banner.className = `banner level-${faults.length > 0 || notice.level === 'bad' ? 'bad' : 'warn'}`;
  replaceChildren(
    banner,
    ...faults.map((p) =>
      h(
        'div',
        { class: 'fault', 'data-fault': p.id },
        h('strong', {}, `${p.name}: ${PRINTER_TEXT[p.state]}`),
        ` ${PRINTER_ADVICE[p.state] || p.detail}`,
        p.queueDepth > 0 ? ` · ${p.queueDepth} ticket(s) waiting` : '',
      ),
    ),
    showConnection
      ? h('div', { class: `fault level-${notice.level}`, 'data-fault': 'connection', 'data-level': notice.level, title: notice.detail }, h('strong', {}, notice.title), h('span', { class: 'advice' }, ` ${notice.advice}`), notice.detail ? h('span', { class: 'notice-detail' }, `(${notice.detail})`) : null)
      : null,
  );
}
