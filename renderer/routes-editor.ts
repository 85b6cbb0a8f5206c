import type { RouteChoices } from '../common/bridge-api.js';
import { ROUTE_ORDER_TYPES, routesGiven, type RouteSettings } from '../common/settings.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { h } from './dom.js';
import { t } from './i18n.js';

// A printer's station routes as ticks: the brands, categories and providers seen in recent orders
// (plus whatever the printer already has), and the order types. Nothing ticked: whole orders (expo).

type Key = keyof RouteSettings;
type Choice = { value: string; label: string };

const KEY_LABELS = { brands: 'settings.routes.brands', categories: 'settings.routes.categories', orderTypes: 'settings.routes.orderTypes', providers: 'settings.routes.providers' } satisfies Record<Key, MessageKey>;

// klikit's order types as staff read them; the value stays the config's.
const ORDER_TYPE_LABELS = {
  pickup: 'settings.routes.orderType.pickup',
  delivery: 'settings.routes.orderType.delivery',
  'dine-in': 'settings.routes.orderType.dineIn',
} satisfies Record<(typeof ROUTE_ORDER_TYPES)[number], MessageKey>;

function choicesFor(key: Key, routes: RouteSettings | undefined, offered: RouteChoices): Choice[] {
  const fromOrders: Choice[] =
    key === 'brands' ? offered.brands.map((b) => ({ value: String(b.id), label: `${b.name} (${b.id})` }))
    : key === 'providers' ? offered.providers.map((p) => ({ value: String(p.id), label: p.name }))
    : key === 'categories' ? offered.categories.map((c) => ({ value: c, label: c }))
    : ROUTE_ORDER_TYPES.map((type) => ({ value: type, label: t(ORDER_TYPE_LABELS[type]) }));
  // A value the printer routes by but no recent order carried stays visible, so a save never drops it.
  const current = (routes?.[key] ?? []).map(String).filter((v) => !fromOrders.some((c) => c.value.toLowerCase() === v.toLowerCase()));
  return [...fromOrders, ...current.map((value) => ({ value, label: key === 'brands' ? t('settings.routes.brandId', { id: value }) : key === 'providers' ? t('settings.routes.providerId', { id: value }) : value }))];
}

export function routesEditor(index: number, routes: RouteSettings | undefined, offered: RouteChoices): HTMLElement {
  const ticked = (key: Key, value: string): boolean => (routes?.[key] ?? []).some((v) => String(v).toLowerCase() === value.toLowerCase());
  const group = (key: Key): HTMLElement => {
    const choices = choicesFor(key, routes, offered);
    return h(
      'fieldset',
      { class: 'route-key', 'data-route-key': key },
      h('legend', {}, t(KEY_LABELS[key])),
      choices.length === 0
        ? h('span', { class: 'field-hint' }, t('settings.routes.noneSeen'))
        : h('span', { class: 'route-choices' }, ...choices.map((c) => h('label', { class: 'check route-choice' }, h('input', { type: 'checkbox', name: `route-${key}`, value: c.value, checked: ticked(key, c.value) }), c.label))),
    );
  };
  return h(
    'div',
    { class: 'routes-editor', 'data-field': `printers.${index}.routes` },
    h('span', { class: 'field-label' }, t('settings.routes.label')),
    h('span', { class: 'field-hint' }, t('settings.routes.hint')),
    h('div', { class: 'route-keys' }, group('brands'), group('categories'), group('orderTypes'), group('providers')),
    h('span', { class: 'field-error', 'data-error-for': `printers.${index}.routes`, role: 'alert' }),
  );
}

/** The routes ticked in one printer's row, or undefined when nothing is ticked (whole orders). */
export function readRoutes(row: Element): RouteSettings | undefined {
  const ticked = (key: Key): string[] => [...row.querySelectorAll<HTMLInputElement>(`input[name="route-${key}"]:checked`)].map((i) => i.value);
  const routes: RouteSettings = {
    brands: ticked('brands').map(Number),
    categories: ticked('categories'),
    orderTypes: ticked('orderTypes') as RouteSettings['orderTypes'],
    providers: ticked('providers').map(Number),
  };
  return routesGiven(routes) ? routes : undefined;
}
