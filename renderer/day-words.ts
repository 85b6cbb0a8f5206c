// What the all-day counts and the day in numbers say, in one place (issue 22 translates this file).

export const ALL_DAY_WORDS = {
  title: 'Still to cook',
  none: 'Nothing to cook: every open order is done.',
  stationNone: 'Nothing left here.',
  ordersOpen: (n: number): string => `across ${n} open ${n === 1 ? 'order' : 'orders'}`,
  stationTotal: (n: number): string => `${n} to cook`,
  stripLabel: 'Still to cook',
} as const;

export const DAY_WORDS = {
  title: 'The day in numbers',
  periods: [
    { days: 1, label: 'Today' },
    { days: 7, label: '7 days' },
    { days: 30, label: '30 days' },
    { days: 90, label: '90 days' },
  ],
  export: 'Save as CSV',
  tiles: {
    orders: 'Orders',
    p50: 'Half ready within',
    p90: '9 in 10 ready within',
    late: 'Late',
    missed: 'Missed acceptances',
    holds: 'Printers held',
    backups: 'Backup prints',
  },
  charts: {
    ticketTimes: 'Ticket time per day',
    stations: 'Ticket time per station',
    providers: 'Ticket time per provider',
    late: 'Late orders per day',
    missed: 'Orders klikit cancelled because nobody accepted them',
    holds: 'Minutes a printer held its tickets, per day',
  },
  empty: {
    times: 'No finished orders in this period yet.',
    late: 'No late orders in this period.',
    missed: 'Every order was accepted in time.',
    holds: 'No printer held its tickets in this period.',
  },
  legend: { front: 'half of the orders within', behind: '9 in 10 within' },
  lateLabel: (of: number): string => (of === 0 ? 'Late' : `Late, of ${of} due`),
  kept: (days: number): string => `Figures are kept for ${days} days. An order counts on the day its ticket printed; its time runs from the ticket to Ready (a station: to its own bump).`,
} as const;

/** "7 min", "1 h 05 min", "45 s": a ticket time as a cook says it. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export const minutesText = (m: number): string => (m === 0 ? '0 min' : m < 1 ? '<1 min' : `${Math.round(m)} min`);
