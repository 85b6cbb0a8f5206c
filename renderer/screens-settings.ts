import type { BridgeApi } from '../common/bridge-api.js';
import type { PrinterSettings } from '../common/settings.js';
import type { PairedScreen, PairKind, ScreensSettings } from '../common/screens.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { h, replaceChildren } from './dom.js';
import { fmt, t } from './i18n.js';
import { field, textInput } from './form-fields.js';

// Settings → Screens: whether the board is served to browsers on the LAN (part of the settings form),
// and, beside it, pairing a screen with a one-use code and the list of paired screens with Revoke.

// The kinds of screen a pairing code can be made for: in the list with what each shows, and on a paired screen's row by name.
const KIND_CHOICES = {
  counter: 'settings.screens.kind.counter',
  expo: 'settings.screens.kind.expo',
  pickup: 'settings.screens.kind.pickup',
} satisfies Record<Exclude<PairKind['kind'], 'station'>, MessageKey>;
const KIND_NAMES = {
  counter: 'settings.screens.name.counter',
  expo: 'settings.screens.name.expo',
  pickup: 'settings.screens.name.pickup',
} satisfies Record<Exclude<PairKind['kind'], 'station'>, MessageKey>;

// An example of what to type, the same in every language; addresses read left to right in every language.
const EXAMPLE_HOST_NAME = 'kitchen.local';

export function screensFields(s: ScreensSettings): HTMLElement {
  return h(
    'div',
    { class: 'screens-fields' },
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'screens.enabled', checked: s.enabled }), t('settings.screens.enabled')),
    field(t('settings.screens.port'), 'screens.port', textInput('screens.port', String(s.port), { type: 'number', min: '1', max: '65535', inputmode: 'numeric', dir: 'ltr' }), t('settings.screens.portHint')),
    field(t('settings.screens.bind'), 'screens.bind', textInput('screens.bind', s.bind, { dir: 'ltr' }), t('settings.screens.bindHint')),
    field(t('settings.screens.hostNames'), 'screens.hostNames', textInput('screens.hostNames', s.hostNames.join(', '), { placeholder: EXAMPLE_HOST_NAME, dir: 'ltr' }), t('settings.screens.hostNamesHint')),
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
  if (screen.kind === 'station') return t('settings.screens.station', { name: printers.find((p) => p.id === screen.station)?.name ?? screen.station ?? '' });
  return t(KIND_NAMES[screen.kind]);
}

const offlineText = (iso: string | null): string => (iso ? t('settings.screens.offlineSince', { when: fmt().dateTime(new Date(iso)) }) : t('settings.screens.offlineNever'));

/** Pairing and the screen list; refreshes itself every few seconds while it is on the page. */
export function screensPanel(bridge: BridgeApi, printers: readonly PrinterSettings[], toast: (message: string, ok: boolean) => void): HTMLElement {
  const kind = h(
    'select',
    { name: 'pair-kind', id: 'pair-kind', 'aria-label': t('settings.screens.pairKind') },
    ...Object.entries(KIND_CHOICES).map(([value, key]) => h('option', { value }, t(key))),
    ...printers.map((p) => h('option', { value: `station:${p.id}` }, t('settings.screens.station', { name: p.name }))),
  );
  const result = h('div', { class: 'pair-result', id: 'pair-result', 'aria-live': 'polite' });
  const list = h('ul', { class: 'screen-list', id: 'screen-list', 'aria-label': t('settings.screens.listHeading') });

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
      h('p', {}, t('settings.screens.openAt'), ' ', ...made.urls.flatMap((url, i) => [i > 0 ? ' · ' : '', h('bdi', {}, h('strong', { dir: 'ltr' }, url))])),
    );
  }

  async function refresh(): Promise<void> {
    const r = await bridge.listScreens();
    if (!r.ok) return;
    if (r.value.length === 0) {
      replaceChildren(list, h('li', { class: 'screen-none' }, t('settings.screens.none')));
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
          h('bdi', { class: 'screen-address', dir: 'ltr' }, screen.address),
          h('span', { class: 'screen-state' }, screen.online ? t('settings.screens.online') : offlineText(screen.lastSeenAt)),
          h(
            'button',
            {
              type: 'button',
              class: 'screen-revoke',
              onclick: async () => {
                if (!confirm(t('settings.screens.revokeConfirm', { name }))) return;
                const done = await bridge.revokeScreen(screen.id);
                const outcome = done.ok ? done.value : { ok: false, message: done.error };
                toast(outcome.message, outcome.ok);
                await refresh();
              },
            },
            t('settings.screens.revoke'),
          ),
        );
      }),
    );
  }

  const panel = h(
    'section',
    { class: 'screens-panel', id: 'screens-panel', 'aria-label': t('settings.screens.pairHeading') },
    h('h3', {}, t('settings.screens.pairHeading')),
    h('div', { class: 'pair-row' }, kind, h('button', { type: 'button', id: 'make-pair-code', class: 'primary', onclick: () => void makeCode() }, t('settings.screens.makeCode'))),
    result,
    h('h3', {}, t('settings.screens.listHeading')),
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
  return h(
    'section',
    { class: 'screens-settings', id: 'screens-settings', 'aria-label': t('settings.screens.heading') },
    h('h2', {}, t('settings.screens.heading')),
    h('p', { class: 'field-hint' }, t('settings.screens.intro')),
    screensFields(s),
    screensPanel(bridge, printers, toast),
  );
}
