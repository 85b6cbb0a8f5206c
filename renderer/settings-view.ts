import type { BridgeApi, RouteChoices } from '../common/bridge-api.js';
import {
  nextSteps,
  SECRET_NEEDS_URL_KEY,
  secretOrigin,
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
import type { MessageKey } from '../common/i18n/catalogue.js';
import { resolveLocale } from '../common/i18n/locales.js';
import { h, replaceChildren } from './dom.js';
import { choiceGroup, clearErrorsOnEdit, field, numberInput, textInput } from './form-fields.js';
import { printerSection, withPrinterErrors } from './printer-setup.js';
import { acceptanceSection, readAcceptance } from './acceptance-settings.js';
import { readScreens, screensSection } from './screens-settings.js';
import { fmt, t } from './i18n.js';
import { languageNameOf, languageSelect } from './language-select.js';

// Settings and first run. Every field is checked with the same schema the core uses before it is
// sent, and the core's own per-field answer is shown the same way, beside the field it names.
// The local check words each problem in the window's language (the schemas give catalogue keys,
// common/issue-text.ts); the core answers in English, for what only it can check.

// Examples of what to type, the same in every language. Addresses, keys and ids read left to right
// in every language (`dir="ltr"`), so an Arabic window shows them as they are typed.
const EXAMPLE_RELAY_URL = 'wss://relay.example.com/v1/bridge';
const EXAMPLE_BRANCH_IDS = '1234, 5678';

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
    language: get('language'),
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
      general.append(h('div', {}, t('settings.form.fieldError', { field: error.field, message: error.message })));
    }
  }
  form.querySelector<HTMLElement>('.field.invalid input, .field.invalid select')?.focus();
}

const secretPlaceholder = (isSet: boolean): string => (isSet ? t('settings.secret.replace') : t('settings.secret.notSet'));
const secretState = (isSet: boolean): string => (isSet ? t('settings.secret.set') : t('settings.secret.notSet'));

function secretField(name: SecretName, label: string, isSet: boolean): HTMLElement {
  const input = h('input', { type: 'password', name, autocomplete: 'off', placeholder: secretPlaceholder(isSet) });
  const status = h('span', { class: `secret-state ${isSet ? 'ok' : 'bad'}`, 'data-secret': name }, secretState(isSet));
  return field(label, name, h('span', { class: 'secret' }, input, status));
}

const readyWhenChoices = (): Array<{ value: KitchenSettings['readyWhen']; label: string }> => [
  { value: 'all-stations', label: t('settings.kitchen.readyWhen.allStations') },
  { value: 'expo', label: t('settings.kitchen.readyWhen.expo') },
];

/** The owner's choices about how the kitchen works with klikit (the config's `actions` and `staleOrderHours`). */
function kitchenSection(k: KitchenSettings, routeChoices: RouteChoices): HTMLElement {
  return h(
    'section',
    { class: 'kitchen-settings', id: 'kitchen-settings', 'aria-label': t('settings.kitchen.heading') },
    h('h2', {}, t('settings.kitchen.heading')),
    field(
      t('settings.kitchen.undoLabel'),
      'kitchen.undoSeconds',
      numberInput('undoSeconds', k.undoSeconds, t('settings.unit.seconds'), { min: 0, max: UNDO_SECONDS_MAX }),
      t('settings.kitchen.undoHint', { max: UNDO_SECONDS_MAX }),
    ),
    choiceGroup('readyWhen', t('settings.kitchen.readyWhenLabel'), readyWhenChoices(), k.readyWhen, 'kitchen.readyWhen', t('settings.kitchen.readyWhenHint')),
    field(
      t('settings.kitchen.staleLabel'),
      'kitchen.staleOrderHours',
      numberInput('staleOrderHours', k.staleOrderHours, t('settings.unit.hours'), { min: 1, max: STALE_ORDER_HOURS_MAX }),
      t('settings.kitchen.staleHint'),
    ),
    acceptanceSection(k.acceptance, routeChoices),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'allDayStrip', checked: k.allDayStrip }), t('settings.kitchen.allDayStrip')),
    field(
      t('settings.kitchen.statsLabel'),
      'kitchen.statsRetentionDays',
      numberInput('statsRetentionDays', k.statsRetentionDays, t('settings.unit.days'), { min: STATS_RETENTION_DAYS_MIN, max: DAY_NUMBERS_MAX_DAYS }),
      t('settings.kitchen.statsHint'),
    ),
  );
}

const SECRET_NAMES = { relayToken: 'settings.secret.relayTokenName', klikitSecretKey: 'settings.secret.klikitSecretKeyName' } satisfies Record<SecretName, MessageKey>;

/** Saves each secret typed into the form (main encrypts it with safeStorage); returns what went wrong, if anything. */
async function saveTypedSecrets(form: HTMLFormElement, bridge: BridgeApi, settings: Settings): Promise<{ saved: string[]; failed: FieldError[] }> {
  const saved: string[] = [];
  const failed: FieldError[] = [];
  for (const name of ['relayToken', 'klikitSecretKey'] as const) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    if (!input || input.value === '') continue;
    // The core refuses a secret whose URL is not saved yet, in English: the window checks the same rule first, in its language.
    const r = secretOrigin(settings, name) === null ? null : await bridge.setSecret({ name, value: input.value });
    const outcome = r === null ? { ok: false, message: t(SECRET_NEEDS_URL_KEY[name]) } : r.ok ? r.value : { ok: false, message: r.error };
    if (outcome.ok) {
      input.value = '';
      saved.push(t(SECRET_NAMES[name]));
    } else {
      failed.push({ field: name, message: t('settings.saved.secretRefused', { secret: t(SECRET_NAMES[name]), reason: outcome.message }) });
    }
  }
  return { saved, failed };
}

/** What a save changed, shown in place: the form keeps what staff see and type. */
function showSaved(steps: HTMLElement, form: HTMLFormElement, view: SettingsView): void {
  // The core's steps are English: the window words the same steps in its own language.
  const todo = nextSteps(view.settings, view.secrets, t);
  steps.hidden = todo.length === 0;
  replaceChildren(steps, h('h2', {}, t('settings.nextSteps.heading')), h('ol', {}, ...todo.map((step) => h('li', {}, step))));
  for (const name of ['relayToken', 'klikitSecretKey'] as const) {
    const isSet = view.secrets[name];
    const state = form.querySelector(`[data-secret="${name}"]`);
    if (state) {
      state.textContent = secretState(isSet);
      state.className = `secret-state ${isSet ? 'ok' : 'bad'}`;
    }
    form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.setAttribute('placeholder', secretPlaceholder(isSet));
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
    field(t('common.language'), 'language', languageSelect('language', s.language, { value: '', label: t('common.languageAuto', { language: languageNameOf(resolveLocale(navigator.language)) }) }), t('settings.language.hint')),
    h('h2', {}, t('settings.connection.heading')),
    field(t('settings.connection.relayUrl'), 'relayUrl', textInput('relayUrl', s.relayUrl, { placeholder: EXAMPLE_RELAY_URL, dir: 'ltr' })),
    secretField('relayToken', t('settings.connection.relayToken'), view.secrets.relayToken),
    field(t('settings.connection.klikitBaseUrl'), 'klikitBaseUrl', textInput('klikitBaseUrl', s.klikitBaseUrl, { dir: 'ltr' })),
    field(t('settings.connection.partnerKey'), 'klikitPartnerKey', textInput('klikitPartnerKey', s.klikitPartnerKey, { dir: 'ltr' })),
    secretField('klikitSecretKey', t('settings.connection.secretKey'), view.secrets.klikitSecretKey),
    field(t('settings.connection.branchIds'), 'branchIds', textInput('branchIds', s.branchIds.join(', '), { placeholder: EXAMPLE_BRANCH_IDS, dir: 'ltr' }), t('settings.connection.branchIdsHint')),
    printers.element,
    kitchenSection(s.kitchen, ctx.routeChoices),
    h('h2', {}, t('settings.alerts.heading')),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sound', checked: s.sound }), t('settings.alerts.sound')),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'startAtLogin', checked: s.startAtLogin }), t('settings.alerts.startAtLogin')),
    screensSection(s.screens, ctx.bridge, s.printers, ctx.toast),
    h('div', { class: 'form-errors', role: 'alert' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-settings' }, t('settings.save'))),
  );

  clearErrorsOnEdit(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const printed = printers.read();
    const patch = readForm(form, printed.printers);
    const local = validateSettings(s satisfies Settings, patch, t);
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
    const secrets = await saveTypedSecrets(form, ctx.bridge, r.value.view.settings);
    const fresh = secrets.saved.length > 0 ? await ctx.bridge.getSettings() : null;
    const view = fresh?.ok ? fresh.value : r.value.view;
    showSaved(steps, form, view);
    printers.adoptSaved(view.settings.printers);
    if (secrets.failed.length > 0) {
      showErrors(form, secrets.failed);
      ctx.toast(t('settings.saved.secretsNotSaved'), false);
    } else {
      showErrors(form, []);
      ctx.toast(secrets.saved.length > 0 ? t('settings.saved.withSecrets', { secrets: fmt().list(secrets.saved) }) : t('settings.saved'), true);
    }
    ctx.saved(view);
    // Every view is built in the window's language: a new one takes a fresh page.
    if (view.settings.language !== s.language) window.location.reload();
  });
}
