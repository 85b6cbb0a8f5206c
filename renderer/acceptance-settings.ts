import type { AcceptanceSettings } from '../common/acceptance.js';
import type { RouteChoices } from '../common/bridge-api.js';
import { h } from './dom.js';
import { field, textInput } from './form-fields.js';
import { t } from './i18n.js';

// Settings → Kitchen → Accepting orders: how long each platform waits before it cancels an order
// nobody accepted, when the alarm escalates, and auto-accept. Each field's error slot is the path
// the settings schema names (`kitchen.acceptance.takeoverMinutes`).

const PATH = 'kitchen.acceptance';
const PROVIDER_PREFIX = 'acceptProvider:';

function decimalInput(name: string, value: number | undefined, unit: string, bounds: { min: number; max: number; step: number }): HTMLElement {
  return h(
    'span',
    { class: 'unit-input' },
    textInput(name, value === undefined ? '' : String(value), { type: 'number', min: String(bounds.min), max: String(bounds.max), step: String(bounds.step), inputmode: 'decimal' }),
    h('span', { class: 'unit' }, unit),
  );
}

/** The platforms to offer: those in recent orders and those already configured. */
function providersOf(a: AcceptanceSettings, choices: RouteChoices): Array<{ id: string; name: string }> {
  const offered = choices.providers.map((p) => ({ id: String(p.id), name: p.name }));
  const configured = Object.keys(a.deadlineMinutes).filter((id) => !offered.some((p) => p.id === id)).map((id) => ({ id, name: t('settings.routes.providerId', { id }) }));
  return [...offered, ...configured];
}

export function acceptanceSection(a: AcceptanceSettings, choices: RouteChoices): HTMLElement {
  return h(
    'fieldset',
    { class: 'acceptance-settings', id: 'acceptance-settings' },
    h('legend', {}, t('settings.acceptance.heading')),
    field(t('settings.acceptance.otherLabel'), `${PATH}.otherProvidersMinutes`, decimalInput('otherProvidersMinutes', a.otherProvidersMinutes, t('settings.unit.minutes'), { min: 1, max: 120, step: 0.5 }), t('settings.acceptance.otherHint')),
    ...providersOf(a, choices).map((p) =>
      field(t('settings.acceptance.providerLabel', { name: p.name }), `${PATH}.deadlineMinutes.${p.id}`, decimalInput(`${PROVIDER_PREFIX}${p.id}`, a.deadlineMinutes[p.id], t('settings.unit.minutes'), { min: 1, max: 120, step: 0.5 }), t('settings.acceptance.providerHint')),
    ),
    field(t('settings.acceptance.warnLabel'), `${PATH}.warnAtShare`, decimalInput('warnAtPercent', Math.round(a.warnAtShare * 100), '%', { min: 10, max: 90, step: 5 }), t('settings.acceptance.warnHint')),
    field(t('settings.acceptance.takeoverLabel'), `${PATH}.takeoverMinutes`, decimalInput('takeoverMinutes', a.takeoverMinutes, t('settings.unit.minutes'), { min: 0.5, max: 10, step: 0.5 }), t('settings.acceptance.takeoverHint')),
    field(t('settings.acceptance.autoLabel'), `${PATH}.autoAcceptBelowOpenOrders`, decimalInput('autoAcceptBelowOpenOrders', a.autoAcceptBelowOpenOrders, t('settings.unit.openOrders'), { min: 0, max: 50, step: 1 }), t('settings.acceptance.autoHint')),
  );
}

/** The section's values as the settings schema takes them; an emptied box is "no number" (refused), a platform's empty box "use the published figure". */
export function readAcceptance(form: HTMLFormElement): AcceptanceSettings {
  const value = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
  const number = (name: string): number => (value(name) === '' ? Number.NaN : Number(value(name)));
  const deadlineMinutes: Record<string, number> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>(`input[name^="${PROVIDER_PREFIX}"]`)) {
    if (input.value.trim() !== '') deadlineMinutes[input.name.slice(PROVIDER_PREFIX.length)] = Number(input.value);
  }
  return {
    deadlineMinutes,
    otherProvidersMinutes: number('otherProvidersMinutes'),
    warnAtShare: number('warnAtPercent') / 100,
    takeoverMinutes: number('takeoverMinutes'),
    autoAcceptBelowOpenOrders: number('autoAcceptBelowOpenOrders'),
  };
}
