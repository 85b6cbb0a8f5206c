// The one place klikit's integer codes are named. klikit's docs contradict themselves on status 5
// (the table says DELIVERED, the events page comments READY), so the status table is data that a
// config file can override, and every lookup falls back to "status N" instead of throwing.

export type StatusKind = 'open' | 'cancelled' | 'done' | 'scheduled';
export type StatusEntry = { label: string; kind: StatusKind };
export type StatusTable = Readonly<Record<number, StatusEntry>>;

export const DEFAULT_STATUS_TABLE: StatusTable = {
  1: { label: 'PLACED', kind: 'open' },
  2: { label: 'ACCEPTED', kind: 'open' },
  3: { label: 'CANCELLED', kind: 'cancelled' },
  4: { label: 'READY', kind: 'open' },
  5: { label: 'DELIVERED', kind: 'done' },
  6: { label: 'SCHEDULED', kind: 'scheduled' },
  7: { label: 'DRIVER ASSIGNED', kind: 'open' },
  8: { label: 'DRIVER ARRIVED', kind: 'open' },
  9: { label: 'PICKED UP', kind: 'done' },
};

export function statusEntry(code: number, table: StatusTable = DEFAULT_STATUS_TABLE): StatusEntry {
  return table[code] ?? { label: `status ${code}`, kind: 'open' };
}

export function isCancelled(code: number, table: StatusTable = DEFAULT_STATUS_TABLE): boolean {
  return statusEntry(code, table).kind === 'cancelled';
}

const ORDER_TYPES: Record<number, string> = { 1: 'PICKUP', 2: 'DELIVERY', 3: 'DINE-IN' };
export function orderTypeLabel(type: number | null | undefined, pickupType?: number | null): string {
  if (type === 1 && pickupType === 2) return 'DRIVE-THRU';
  if (type == null) return 'ORDER';
  return ORDER_TYPES[type] ?? `type ${type}`;
}

const PROVIDERS: Record<number, string> = {
  1: 'klikit',
  2: 'Uber Eats',
  3: 'Deliveroo',
  5: 'DoorDash',
  6: 'GrabFood',
  7: 'foodpanda',
  9: 'GoFood',
  11: 'Shopee',
  13: 'Pickaroo',
  14: 'Wolt',
  15: 'Square',
};
/** The platform's own name (never translated), or null for an id we do not know. */
export const providerName = (id: number | null | undefined): string | null => (id == null ? null : (PROVIDERS[id] ?? null));

export function providerLabel(id: number | null | undefined): string {
  if (id == null) return 'unknown provider';
  return PROVIDERS[id] ?? `provider ${id}`;
}

const PAYMENT_STATUSES: Record<number, string> = { 1: 'paid', 2: 'failed', 3: 'pending', 4: 'refunded' };
export function paymentStatusLabel(code: number | null | undefined): string {
  if (code == null) return 'unknown';
  return PAYMENT_STATUSES[code] ?? `payment ${code}`;
}
