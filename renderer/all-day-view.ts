import type { AllDayCounts, AllDayStation } from '../common/day-numbers.js';
import { h, replaceChildren } from './dom.js';
import { fmt, t } from './i18n.js';

// What is still to cook across the open orders, one column per station: the count first (big, read
// from a step away), the dish, then how many of them carry each modifier.

function stationColumn(station: AllDayStation): HTMLElement {
  return h(
    'section',
    { class: 'allday-station', 'data-station': station.id ?? '' },
    h('h2', {}, station.name, h('span', { class: 'allday-total' }, t('views.allDay.stationTotal', { count: fmt().number(station.total) }))),
    station.items.length === 0
      ? h('p', { class: 'empty' }, t('views.allDay.stationNone'))
      : h(
          'ol',
          { class: 'allday-items' },
          ...station.items.map((item) =>
            h(
              'li',
              { class: 'allday-item' },
              h('span', { class: 'allday-count', dir: 'ltr' }, `${fmt().number(item.count)}×`),
              h('span', { class: 'allday-name' }, item.name),
              item.modifiers.length === 0
                ? null
                : h('ul', { class: 'allday-mods' }, ...item.modifiers.map((m) => h('li', {}, h('strong', {}, fmt().number(m.count)), ` ${m.name}`))),
            ),
          ),
        ),
  );
}

export function renderAllDay(container: HTMLElement, counts: AllDayCounts): void {
  const anything = counts.stations.some((s) => s.items.length > 0);
  replaceChildren(
    container,
    h('header', { class: 'allday-head' }, h('h1', {}, t('views.allDay.title')), h('span', { class: 'muted' }, t('views.allDay.ordersOpen', { count: counts.orders }))),
    anything ? h('div', { class: 'allday-grid' }, ...counts.stations.map(stationColumn)) : h('p', { class: 'empty' }, t('views.allDay.none')),
  );
}

/** The board's one-line strip: per station its dishes, most first ("Wok  7× Nasi Goreng  3× Sate"). */
export function renderAllDayStrip(container: HTMLElement, counts: AllDayCounts | null): void {
  const stations = counts?.stations.filter((s) => s.items.length > 0) ?? [];
  container.hidden = counts === null;
  if (counts === null) return;
  replaceChildren(
    container,
    h('span', { class: 'strip-label' }, t('views.allDay.title')),
    ...(stations.length === 0
      ? [h('span', { class: 'muted' }, t('views.allDay.none'))]
      : stations.map((s) =>
          h(
            'span',
            { class: 'strip-station' },
            counts.stations.length > 1 ? h('b', {}, s.name) : null,
            ...s.items.map((i) => h('span', { class: 'strip-item' }, h('strong', { dir: 'ltr' }, `${fmt().number(i.count)}×`), ` ${i.name}`)),
          ),
        )),
  );
}
