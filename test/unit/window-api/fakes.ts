import type { ActionOutcome } from '../../../common/bridge-api.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings.js';
import type { PrinterStatus } from '../../../main/printing/types.js';
import type { StationPrinter } from '../../../main/routing/routes.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { printerAddressProblem } from '../../../main/printing/transports/device-file.js';
import type { ActionControl, PrinterFailover, SecretStore } from '../../../main/window-api/deps.js';
import { createWindowApi, type WindowApi } from '../../../main/window-api/window-api.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { upsertOrder } from '../../../main/store/orders.js';
import { enqueueReprint } from '../../../main/store/print-jobs.js';
import { createDayStats } from '../../../main/stats/day-stats-service.js';

export type Harness = {
  db: Db;
  api: WindowApi;
  now: { value: number };
  printerStatus: Map<string, PrinterStatus>;
  /** A held printer's hand-over to its backup or its alarm, per printer id. */
  printerFailover: Map<string, PrinterFailover>;
  settings: { current: Settings };
  secrets: SecretStore;
  testPrints: string[];
  /** The addresses test-printed before being saved (testPrintCandidate outside any queue). */
  candidateTests: string[];
};

export function orderBody(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    short_id: `S${id}`,
    order_queue: id % 100,
    provider_id: 6,
    type: 3,
    table_no: '12',
    status: 1,
    brands: [{ id: 1, title: 'Nasi Bakar' }],
    created_at: '2026-06-24T12:00:00.000Z',
    updated_at: '2026-06-24T12:00:00.000Z',
    cart_v2: [
      { name: 'Ayam Bakar', quantity: 2, comment: '', modifier_groups: [] },
      { name: 'Es Teh', quantity: 1, comment: 'less sugar', modifier_groups: [] },
    ],
    ...extra,
  };
}

export function seedOrder(db: Db, id: number, seenAt: string, extra: Record<string, unknown> = {}): void {
  const body = orderBody(id, extra);
  upsertOrder(db, {
    id,
    brandId: 1,
    branchId: 2,
    shortId: String(body.short_id),
    status: Number(body.status),
    updatedAt: String(body.updated_at),
    createdAt: String(body.created_at),
    cartHash: `hash-${id}`,
    body,
    seenAt,
  });
}

/** `withActions` gives the API an order-action outbox over the same database (`Db` → `ActionControl`). */
export function createHarness(
  options: { stations?: () => readonly StationPrinter[]; withActions?: (db: Db, clock: { now(): number }) => ActionControl; db?: Db } = {},
): Harness {
  const db = options.db ?? openDatabase(':memory:');
  const now = { value: Date.parse('2026-06-24T12:05:00.000Z') };
  const printerStatus = new Map<string, PrinterStatus>([
    ['kitchen', { state: 'ready' }],
    ['bar', { state: 'paper-out' }],
  ]);
  const names: Record<string, string> = { kitchen: 'Kitchen', bar: 'Bar' };
  const printerFailover = new Map<string, PrinterFailover>();
  const settings = { current: DEFAULT_SETTINGS };
  const secrets = memorySecretStore();
  const testPrints: string[] = [];
  const candidateTests: string[] = [];
  const api = createWindowApi({
    db,
    clock: { now: () => now.value },
    printers: {
      states: () => [...printerStatus].map(([id, status]) => ({ id, name: names[id] ?? id, status, ...(id === 'kitchen' ? { delivery: 'confirmed' as const } : {}), ...printerFailover.get(id) })),
      async testPrint(id): Promise<ActionOutcome> {
        testPrints.push(id);
        return { ok: true, message: 'test ticket queued' };
      },
      reprint(orderId, printerId): ActionOutcome {
        const job = enqueueReprint(db, orderId, printerId, new Date(now.value).toISOString());
        return job === null ? { ok: false, message: 'not queued' } : { ok: true, message: `reprint queued (job ${job})` };
      },
    },
    discoverPrinters: async () => [{ uri: 'cups://Kitchen', kind: 'cups', label: 'CUPS: Kitchen', detail: 'usb://EPSON/TM-T82' }],
    async testCandidate(candidate): Promise<ActionOutcome> {
      candidateTests.push(candidate.interface);
      return { ok: true, message: `test ticket sent to ${candidate.interface}` };
    },
    connection: { current: () => ({ mode: 'relay', since: '2026-06-24T11:00:00.000Z', detail: 'connected', fallback: { state: 'none', detail: '' } }) },
    settings: { read: () => settings.current, write: (s) => (settings.current = s) },
    secrets,
    checkPrinterAddress: printerAddressProblem,
    preview: (orderId) => ({ text: `ticket ${orderId}`, html: `<pre>ticket ${orderId}</pre>` }),
    ...(options.stations ? { stations: options.stations } : {}),
    app: {
      status: () => ({ phase: 'current', currentVersion: '0.1.0', version: null, percent: null, detail: '' }),
      exportDiagnostics: async () => ({ ok: false, message: 'no archive in this test' }),
    },
    dayStats: (() => {
      const stats = createDayStats({ db, clock: { now: () => now.value }, stations: options.stations ?? (() => []), timeZone: 'UTC', retentionDays: 90 });
      return { figures: (days: number) => stats.figures(days), exportCsv: async () => ({ ok: false as const, message: 'no file in this test' }) };
    })(),
    ...(options.withActions ? { actions: options.withActions(db, { now: () => now.value }) } : {}),
  });
  return { db, api, now, printerStatus, printerFailover, settings, secrets, testPrints, candidateTests };
}
