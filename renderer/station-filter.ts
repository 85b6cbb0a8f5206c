import type { OrderSummary, PrinterHealth } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { linesFor } from './order-card.js';

// The board's station selector: All, or one routed printer, whose cook then sees only the orders
// with lines for that station and only those lines. Hidden while no printer has routes.

const ALL_STATIONS = '';

/**
 * The orders a station has lines in (every order for All). `bumpedLeave`: a station screen's board,
 * where a bump sends the order off the screen as it does on a kitchen display (expo shows the rest).
 */
export const ordersForStation = (orders: readonly OrderSummary[], station: string | null, bumpedLeave = false): OrderSummary[] =>
  station === null ? [...orders] : orders.filter((o) => linesFor(o, station).length > 0 && !(bumpedLeave && o.stationsDone.includes(station)));

export function createStationFilter(select: HTMLSelectElement, changed: () => void) {
  let stations: ReadonlyArray<Pick<PrinterHealth, 'id' | 'name'>> = [];
  select.addEventListener('change', changed);

  return {
    /** The chosen station's printer id, or null for All (also once its printer lost its routes). */
    selected(): string | null {
      return select.value === ALL_STATIONS ? null : select.value;
    },
    update(printers: readonly PrinterHealth[]): void {
      const routed = printers.filter((p) => p.routed === true).map(({ id, name }) => ({ id, name }));
      if (JSON.stringify(routed) === JSON.stringify(stations)) return;
      const keep = select.value;
      stations = routed;
      replaceChildren(select, h('option', { value: ALL_STATIONS }, t('board.stationFilter.all')), ...routed.map((p) => h('option', { value: p.id }, p.name)));
      select.value = routed.some((p) => p.id === keep) ? keep : ALL_STATIONS;
      select.hidden = routed.length === 0;
      if (select.value !== keep) changed();
    },
  };
}
