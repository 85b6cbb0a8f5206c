import type { Health, PrinterHealth } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { clockTime } from './format.js';

// The always-visible health bar and the printer fault banner. The banner is derived from the
// current health only, so it stays exactly as long as the fault does.

const MODE_TEXT: Record<Health['connection']['mode'], string> = {
  starting: 'Starting…',
  relay: 'Live (relay)',
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

export const printerFaulty = (p: PrinterHealth): boolean => p.state !== 'online' && p.state !== 'unknown';

export function renderHealth(bar: HTMLElement, banner: HTMLElement, health: Health): void {
  const mode = health.connection.mode;
  const since = health.connection.since && mode !== 'relay' ? ` since ${clockTime(health.connection.since)}` : '';
  replaceChildren(
    bar,
    h('span', { class: `conn conn-${mode}`, title: health.connection.detail, 'data-mode': mode }, `${MODE_TEXT[mode]}${since}`),
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
  const offline = mode === 'offline';
  if (faults.length === 0 && !offline) {
    banner.hidden = true;
    replaceChildren(banner);
    return;
  }
  banner.hidden = false;
  replaceChildren(
    banner,
    ...faults.map((p) =>
      h('div', { class: 'fault', 'data-fault': p.id }, h('strong', {}, `${p.name}: ${PRINTER_TEXT[p.state]}`), ` ${p.detail}`, p.queueDepth > 0 ? ` · ${p.queueDepth} ticket(s) waiting` : ''),
    ),
    offline ? h('div', { class: 'fault', 'data-fault': 'connection' }, h('strong', {}, 'No connection'), ` ${health.connection.detail}`) : null,
  );
}
