import type { BridgeApi } from '../common/bridge-api.js';
import type { PrinterSettings } from '../common/settings.js';
import type { PairedScreen, PairKind, ScreensSettings } from '../common/screens.js';
import { h, replaceChildren } from './dom.js';
import { field, textInput } from './form-fields.js';

// Settings → Screens: whether the board is served to browsers on the LAN (part of the settings form),
// and, beside it, pairing a screen with a one-use code and the list of paired screens with Revoke.

const WORDS = {
  heading: 'Screens',
  intro: 'Show the orders on tablets and TVs in the kitchen: station screens, an expo screen, a pickup board for riders, or a second counter. They work on this network without the internet.',
  enabled: 'Serve the board to screens on this network',
  port: 'Port',
  portHint: 'Screens open http://<this computer>:<port>/',
  bind: 'Listen on',
  bindHint: '0.0.0.0 for every network of this computer, or one of its addresses',
  hostNames: 'Other names',
  hostNamesHint: 'Names your router gives this computer (kitchen.local), comma separated. Its own addresses always work.',
  pairHeading: 'Pair a screen',
  pairKind: 'The screen shows',
  makeCode: 'Make a pairing code',
  openAt: 'On the screen, open',
  listHeading: 'Paired screens',
  none: 'No screens are paired yet.',
  online: 'online',
  offline: 'OFFLINE: it cannot see new orders',
  never: 'never',
  lastSeen: 'last seen',
  revoke: 'Revoke',
  revokeConfirm: (name: string) => `Revoke ${name}? It stops showing orders at once and must be paired again.`,
  kinds: { counter: 'Counter (the whole board)', expo: 'Expo (every order, hands them out)', pickup: 'Pickup board (ready numbers only)' },
  station: (name: string) => `Station: ${name}`,
} as const;

export function screensFields(s: ScreensSettings): HTMLElement {
  return h(
    'div',
    { class: 'screens-fields' },
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'screens.enabled', checked: s.enabled }), WORDS.enabled),
    field(WORDS.port, 'screens.port', textInput('screens.port', String(s.port), { type: 'number', min: '1', max: '65535', inputmode: 'numeric' }), WORDS.portHint),
    field(WORDS.bind, 'screens.bind', textInput('screens.bind', s.bind), WORDS.bindHint),
    field(WORDS.hostNames, 'screens.hostNames', textInput('screens.hostNames', s.hostNames.join(', '), { placeholder: 'kitchen.local' }), WORDS.hostNamesHint),
  );
}

export function readScreens(form: HTMLFormElement): ScreensSettings {
  const value = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
  const port = value('screens.port');
  return {
    enabled: (form.elements.namedItem('screens.enabled') as HTMLInputElement | null)?.checked ?? false,
    port: port === '' ? Number.NaN : Number(port),
    bind: value('screens.bind'),
    hostNames: value('screens.hostNames').split(/[\s,]+/).filter(Boolean),
  };
}

function kindOf(value: string): PairKind {
  if (value.startsWith('station:')) return { kind: 'station', station: value.slice('station:'.length) };
  return { kind: value as 'counter' | 'expo' | 'pickup' };
}

function screenName(screen: PairedScreen, printers: readonly PrinterSettings[]): string {
  if (screen.kind === 'station') return WORDS.station(printers.find((p) => p.id === screen.station)?.name ?? screen.station ?? '');
  return WORDS.kinds[screen.kind].split(' (')[0]!;
}

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) : WORDS.never);

/** Pairing and the screen list; refreshes itself every few seconds while it is on the page. */
export function screensPanel(bridge: BridgeApi, printers: readonly PrinterSettings[], toast: (message: string, ok: boolean) => void): HTMLElement {
  const kind = h(
    'select',
    { name: 'pair-kind', id: 'pair-kind', 'aria-label': WORDS.pairKind },
    ...Object.entries(WORDS.kinds).map(([value, label]) => h('option', { value }, label)),
    ...printers.map((p) => h('option', { value: `station:${p.id}` }, WORDS.station(p.name))),
  );
  const result = h('div', { class: 'pair-result', id: 'pair-result', 'aria-live': 'polite' });
  const list = h('ul', { class: 'screen-list', id: 'screen-list', 'aria-label': WORDS.listHeading });

  async function makeCode(): Promise<void> {
    const r = await bridge.pairScreen(kindOf(kind.value));
    const made = r.ok ? r.value : { ok: false as const, message: r.error };
    if (!made.ok) {
      replaceChildren(result, h('p', { class: 'pair-problem', role: 'alert' }, made.message));
      return;
    }
    replaceChildren(
      result,
      h('div', { class: 'pair-code', id: 'pair-code' }, made.code),
      h('p', {}, made.message),
      h('p', {}, `${WORDS.openAt} `, ...made.urls.flatMap((url, i) => [i > 0 ? ' · ' : '', h('strong', {}, url)])),
    );
  }

  async function refresh(): Promise<void> {
    const r = await bridge.listScreens();
    if (!r.ok) return;
    if (r.value.length === 0) {
      replaceChildren(list, h('li', { class: 'screen-none' }, WORDS.none));
      return;
    }
    replaceChildren(
      list,
      ...r.value.map((screen) => {
        const name = screenName(screen, printers);
        return h(
          'li',
          { class: `screen-row ${screen.online ? 'online' : 'offline'}`, 'data-screen': screen.id },
          h('span', { class: 'screen-name' }, name),
          h('span', { class: 'screen-address' }, screen.address),
          h('span', { class: 'screen-state' }, screen.online ? WORDS.online : `${WORDS.offline} · ${WORDS.lastSeen} ${when(screen.lastSeenAt)}`),
          h(
            'button',
            {
              type: 'button',
              class: 'screen-revoke',
              onclick: async () => {
                if (!confirm(WORDS.revokeConfirm(name))) return;
                const done = await bridge.revokeScreen(screen.id);
                const outcome = done.ok ? done.value : { ok: false, message: done.error };
                toast(outcome.message, outcome.ok);
                await refresh();
              },
            },
            WORDS.revoke,
          ),
        );
      }),
    );
  }

  const panel = h(
    'section',
    { class: 'screens-panel', id: 'screens-panel', 'aria-label': WORDS.pairHeading },
    h('h3', {}, WORDS.pairHeading),
    h('div', { class: 'pair-row' }, kind, h('button', { type: 'button', id: 'make-pair-code', class: 'primary', onclick: () => void makeCode() }, WORDS.makeCode)),
    result,
    h('h3', {}, WORDS.listHeading),
    list,
  );
  void refresh();
  const timer = setInterval(() => {
    if (!panel.isConnected) clearInterval(timer);
    else void refresh();
  }, 3000);
  return panel;
}

export function screensSection(s: ScreensSettings, bridge: BridgeApi, printers: readonly PrinterSettings[], toast: (message: string, ok: boolean) => void): HTMLElement {
  return h('section', { class: 'screens-settings', id: 'screens-settings', 'aria-label': WORDS.heading }, h('h2', {}, WORDS.heading), h('p', { class: 'field-hint' }, WORDS.intro), screensFields(s), screensPanel(bridge, printers, toast));
}
