import type { BridgeApi, RouteChoices } from '../common/bridge-api.js';
import {
  STALE_ORDER_HOURS_MAX,
  STATS_RETENTION_DAYS_MIN,
  UNDO_SECONDS_MAX,
  validateSettings,
  type FieldError,
  type KitchenSettings,
  type PrinterSettings,
  type SecretName,
  type Settings,
  type SettingsView,
} from '../common/settings.js';
import { DAY_NUMBERS_MAX_DAYS } from '../common/day-numbers.js';
import { h, replaceChildren } from './dom.js';
import { choiceGroup, clearErrorsOnEdit, field, numberInput, textInput } from './form-fields.js';
import { printerSection, withPrinterErrors } from './printer-setup.js';
import { acceptanceSection, readAcceptance } from './acceptance-settings.js';
import { readScreens, screensSection } from './screens-settings.js';

// Settings and first run. Every field is checked with the same schema the core uses before it is
// sent, and the core's own per-field answer is shown the same way, beside the field it names.

export type SettingsContext = {
  bridge: BridgeApi;
  toast(message: string, ok: boolean): void;
  saved(view: SettingsView): void;
  /** Brands, categories and providers of recent orders, offered for printers' routes. */
  routeChoices: RouteChoices;
};

function readForm(form: HTMLFormElement, printers: PrinterSettings[]): Record<string, unknown> {
  const get = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
  const checked = (name: string): boolean => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
  const branches = get('branchIds');
  // An emptied number box is "no number", not 0: it must be refused, not read as "send at once".
  const number = (name: string): number => (get(name) === '' ? Number.NaN : Number(get(name)));
  const kitchen: KitchenSettings = {
    undoSeconds: number('undoSeconds'),
    readyWhen: ((form.elements.namedItem('readyWhen') as RadioNodeList | null)?.value ?? '') as KitchenSettings['readyWhen'],
    staleOrderHours: number('staleOrderHours'),
    acceptance: readAcceptance(form),
    allDayStrip: checked('allDayStrip'),
    statsRetentionDays: number('statsRetentionDays'),
  };
  return {
    relayUrl: get('relayUrl'),
    klikitBaseUrl: get('klikitBaseUrl'),
    klikitPartnerKey: get('klikitPartnerKey'),
    branchIds: branches === '' ? [] : branches.split(/[\s,]+/).filter(Boolean).map(Number),
    printers,
    kitchen,
    sound: checked('sound'),
    startAtLogin: checked('startAtLogin'),
    screens: readScreens(form),
  };
}

function showErrors(form: HTMLFormElement, errors: readonly FieldError[]): void {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('.field.invalid')) el.classList.remove('invalid');
  const general = form.querySelector<HTMLElement>('.form-errors')!;
  general.textContent = '';
  for (const error of errors) {
    // `branchIds.2` belongs to the branch field; `printers.0.name` to that printer's name.
    const parts = error.field.split('.');
    let target: Element | null = null;
    for (let n = parts.length; n > 0 && !target; n--) target = form.querySelector(`[data-error-for="${parts.slice(0, n).join('.')}"]`);
    if (target) {
      if (target.textContent !== '') continue;
      target.textContent = error.message;
      target.closest('.field')?.classList.add('invalid');
    } else {
      general.append(h('div', {}, `${error.field}: ${error.message}`));
    }
  }
  form.querySelector<HTMLElement>('.field.invalid input, .field.invalid select')?.focus();
}

function secretField(name: SecretName, label: string, isSet: boolean): HTMLElement {
  const input = h('input', { type: 'password', name, autocomplete: 'off', placeholder: isSet ? 'set (type to replace)' : 'not set' });
  const status = h('span', { class: `secret-state ${isSet ? 'ok' : 'bad'}`, 'data-secret': name }, isSet ? 'set' : 'not set');
  return field(label, name, h('span', { class: 'secret' }, input, status));
}

const READY_WHEN = [
  { value: 'all-stations', label: 'When every station is done' },
  { value: 'expo', label: 'When expo bumps the order' },
];

/** The owner's choices about how the kitchen works with klikit (the config's `actions` and `staleOrderHours`). */
function kitchenSection(k: KitchenSettings, routeChoices: RouteChoices): HTMLElement {
  return h(
    'section',
    { class: 'kitchen-settings', id: 'kitchen-settings', 'aria-label': 'Kitchen' },
    h('h2', {}, 'Kitchen'),
    field(
      'Undo time for Ready',
      'kitchen.undoSeconds',
      numberInput('undoSeconds', k.undoSeconds, 'seconds', { min: 0, max: UNDO_SECONDS_MAX }),
      `After Ready is tapped, klikit is told (and a rider sent) only after this many seconds, so a wrong tap can be undone. 0 tells klikit at once; at most ${UNDO_SECONDS_MAX}.`,
    ),
    choiceGroup(
      'readyWhen',
      'Tell klikit an order is ready',
      READY_WHEN,
      k.readyWhen,
      'kitchen.readyWhen',
      'Only matters with station printers (printers that print some lines). With expo, a station\'s Ready marks its own lines done, and klikit hears Ready when the whole order is bumped (the board showing all stations).',
    ),
    field(
      'Do not print orders older than',
      'kitchen.staleOrderHours',
      numberInput('staleOrderHours', k.staleOrderHours, 'hours', { min: 1, max: STALE_ORDER_HOURS_MAX }),
      'An order that reaches this computer longer than this after it was placed (after the bridge was off, or sent again by mistake) is not printed: it is listed under Problems to check.',
    ),
    acceptanceSection(k.acceptance, routeChoices),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'allDayStrip', checked: k.allDayStrip }), 'Show what is still to cook (all-day counts) in a strip above the orders'),
    field(
      'Keep the day in numbers for',
      'kitchen.statsRetentionDays',
      numberInput('statsRetentionDays', k.statsRetentionDays, 'days', { min: STATS_RETENTION_DAYS_MIN, max: DAY_NUMBERS_MAX_DAYS }),
      'Ticket times, late orders and printer holds of older days are deleted. They are kept apart from the orders, so they outlast them.',
    ),
  );
}

const SECRET_LABELS: Record<SecretName, string> = { relayToken: 'device token', klikitSecretKey: 'klikit secret key' };

/** Saves each secret typed into the form (main encrypts it with safeStorage); returns what went wrong, if anything. */
async function saveTypedSecrets(form: HTMLFormElement, bridge: BridgeApi): Promise<{ saved: string[]; failed: string[] }> {
  const saved: string[] = [];
  const failed: string[] = [];
  for (const name of ['relayToken', 'klikitSecretKey'] as const) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    if (!input || input.value === '') continue;
    const r = await bridge.setSecret({ name, value: input.value });
    const outcome = r.ok ? r.value : { ok: false, message: r.error };
    if (outcome.ok) {
      input.value = '';
      saved.push(SECRET_LABELS[name]);
    } else {
      failed.push(`${SECRET_LABELS[name]}: ${outcome.message}`);
    }
  }
  return { saved, failed };
}

/** What a save changed, shown in place: the form keeps what staff see and type. */
function showSaved(steps: HTMLElement, form: HTMLFormElement, view: SettingsView): void {
  steps.hidden = view.nextSteps.length === 0;
  replaceChildren(steps, h('h2', {}, 'To start receiving orders'), h('ol', {}, ...view.nextSteps.map((step) => h('li', {}, step))));
  for (const name of ['relayToken', 'klikitSecretKey'] as const) {
    const isSet = view.secrets[name];
    const state = form.querySelector(`[data-secret="${name}"]`);
    if (state) {
      state.textContent = isSet ? 'set' : 'not set';
      state.className = `secret-state ${isSet ? 'ok' : 'bad'}`;
    }
    form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.setAttribute('placeholder', isSet ? 'set (type to replace)' : 'not set');
  }
}

export function renderSettings(container: HTMLElement, view: SettingsView, ctx: SettingsContext): void {
  const s = view.settings;
  const printers = printerSection(s.printers, ctx);
  const form = h('form', { class: 'settings', novalidate: true });

  const steps = h('div', { class: 'next-steps', id: 'next-steps' });
  replaceChildren(container, steps, form);
  showSaved(steps, form, view);
  form.append(
    h('h2', {}, 'Connection'),
    field('Relay URL', 'relayUrl', textInput('relayUrl', s.relayUrl, { placeholder: 'wss://relay.example.com/v1/bridge' })),
    secretField('relayToken', 'Relay device token', view.secrets.relayToken),
    field('klikit API base URL', 'klikitBaseUrl', textInput('klikitBaseUrl', s.klikitBaseUrl)),
    field('klikit partner key', 'klikitPartnerKey', textInput('klikitPartnerKey', s.klikitPartnerKey)),
    secretField('klikitSecretKey', 'klikit secret key', view.secrets.klikitSecretKey),
    field('Branch ids', 'branchIds', textInput('branchIds', s.branchIds.join(', '), { placeholder: '1234, 5678' }), 'comma separated'),
    printers.element,
    kitchenSection(s.kitchen, ctx.routeChoices),
    h('h2', {}, 'Alerts and start-up'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sound', checked: s.sound }), 'Ring for new orders until acknowledged (also in the header)'),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'startAtLogin', checked: s.startAtLogin }), 'Start when the computer starts'),
    screensSection(s.screens, ctx.bridge, s.printers, ctx.toast),
    h('div', { class: 'form-errors', role: 'alert' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save settings')),
  );

  clearErrorsOnEdit(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const printed = printers.read();
    const patch = readForm(form, printed.printers);
    const local = validateSettings(s satisfies Settings, patch);
    if (!local.ok || printed.errors.length > 0) {
      showErrors(form, withPrinterErrors(printed.errors, local.ok ? [] : local.errors));
      return;
    }
    const r = await ctx.bridge.saveSettings(patch);
    if (!r.ok) {
      showErrors(form, [{ field: '(settings)', message: r.error }]);
      return;
    }
    if (!r.value.ok) {
      showErrors(form, r.value.errors);
      return;
    }
    const secrets = await saveTypedSecrets(form, ctx.bridge);
    const fresh = secrets.saved.length > 0 ? await ctx.bridge.getSettings() : null;
    const view = fresh?.ok ? fresh.value : r.value.view;
    showSaved(steps, form, view);
    printers.adoptSaved(view.settings.printers);
    if (secrets.failed.length > 0) {
      showErrors(form, [{ field: '(settings)', message: `Settings saved, but not the ${secrets.failed.join('; ')}` }]);
      ctx.toast('Settings saved, secrets NOT saved: see the form', false);
    } else {
      showErrors(form, []);
      ctx.toast(secrets.saved.length > 0 ? `Settings and ${secrets.saved.join(' and ')} saved` : 'Settings saved', true);
    }
    ctx.saved(view);
  });
}
