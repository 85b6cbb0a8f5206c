import { backupJobWords } from '../../common/backup-words.js';
import { readStoredWords } from '../../common/i18n/stored-words.js';
import type { Translator } from '../../common/i18n/translator.js';
import type { MessageKey } from '../../common/i18n/catalogue.js';
import { ENGLISH } from '../core/core-language.js';
import type { UpdateState } from '../../common/update-state.js';
import type {
  ActionOutcome,
  ArgsOf,
  ExportOutcome,
  BridgeMethod,
  Health,
  HistoryEntry,
  OrderDetail,
  OrderSummary,
  PrinterCandidate,
  PrinterCandidateTest,
  PrinterHealth,
  PrinterHealthState,
  Problem,
  ResultOf,
  RouteChoices,
} from '../../common/bridge-api.js';
import type { AcceptanceSettings } from '../../common/acceptance.js';
import { missedCount } from '../acceptance/missed-count.js';
import { printerDeviceKey } from '../../common/printer-choice.js';
import { nextSteps, SECRET_NEEDS_URL, secretNameSchema, secretOrigin, usableSecret, validateSettings, type FieldError, type SaveSettingsResult, type SecretName, type Settings, type SettingsView } from '../../common/settings.js';
import { isoAt, type Clock } from '../../ground/clock.js';
import { statusEntry, type StatusTable } from '../klikit/enums.js';
import type { PrinterStatus } from '../printing/types.js';
import { fallbackPrinter, routingActive } from '../routing/route-order.js';
import { printsWholeOrders, type StationPrinter } from '../routing/routes.js';
import type { Db } from '../store/connection.js';
import { acknowledgeOrder } from '../store/orders.js';
import { actionsOf, latestActionsOf, stationsDoneOf, unsentActions, type ActionRow } from '../actions/action-store.js';
import type { ActionControl, ConnectionSource, ScreenAdmin, PrinterAddressCheck, PrinterControl, SecretStore, SettingsStore, StockControl, TicketPreviewer } from './deps.js';
import type { ItemMatch, StockItem } from '../../common/stock.js';
import { nameOfSku, searchItems } from '../availability/item-search.js';
import { openSkus } from '../availability/stock-store.js';
import { withStockFlags } from './stock-flags.js';
import { changedAfterSeen, orderNumberOfRow, summariseOrder, type JobRow, type OrderRow } from './order-summary.js';
import { pickupBoardOf } from './pickup-board.js';
import { createWindowQueries } from './queries.js';
import { routeChoicesOf } from './route-choices.js';
import { DESKTOP_GRANT, type ScreenGrant } from '../../common/screen-grant.js';
import type { PickupBoard } from '../../common/pickup-board.js';
import type { AllDayCounts, DayInNumbers } from '../../common/day-numbers.js';
import { countAllDay } from '../stats/all-day-counts.js';
import { ALL_DAY_NAMES } from '../stats/words.js';
import { allDayOrderOf } from './all-day-input.js';

export type WindowApiDeps = {
  db: Db;
  clock: Clock;
  printers: PrinterControl;
  connection: ConnectionSource;
  settings: SettingsStore;
  secrets: SecretStore;
  /** Refuses printer addresses that are not printers (a file:// regular file): main/printing/transports/device-file.ts. */
  checkPrinterAddress: PrinterAddressCheck;
  preview: TicketPreviewer;
  /** Printers this computer can reach (main/printing/discovery.ts), for the settings screen. */
  discoverPrinters: () => Promise<PrinterCandidate[]>;
  /** A test print at an address not saved yet, straight through its transport (main/printing/candidate-test.ts). */
  testCandidate: (candidate: PrinterCandidateTest) => Promise<ActionOutcome>;
  /** Absent while the bridge is not running; in 'local' mode without klikit API credentials. */
  actions?: ActionControl;
  statusTable?: StatusTable;
  /** The printers with their routes, to flag orders with lines no station takes. */
  stations?: () => readonly StationPrinter[];
  /** The app's version and update state, and the support archive (core-host.ts). */
  app: { status(): UpdateState; exportDiagnostics(): Promise<ExportOutcome> };
  /** "86": absent while the bridge is not running. */
  stock?: StockControl;
  /** The platforms' acceptance deadlines (the config's `acceptance`): waiting orders count down to them. */
  acceptance?: () => AcceptanceSettings;
  /** The kitchen's time zone (the config's `ticket.timeZone`): missed orders are counted per local day. */
  timeZone?: string | undefined;
  /** LAN screens' pairing and list (main/screens), where this process serves screens. */
  screens?: ScreenAdmin;
  /** The day in numbers of this database (main/stats/day-stats-service.ts), its CSV written beside it. */
  dayStats: { figures(days: number): Promise<DayInNumbers>; exportCsv(days: number): Promise<ExportOutcome> };
  /** The language the window speaks now (main/core/core-language.ts, switched when settings are saved); English when absent. */
  words?: () => Translator;
};

const NO_SCREENS = 'LAN screens are not available in this window.';

/** The core side of the window contract: each method takes already-validated arguments. */
type Handler<M extends BridgeMethod> = ArgsOf<M> extends undefined
  ? () => ResultOf<M> | Promise<ResultOf<M>>
  : (args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

type WindowApiShape = { [M in BridgeMethod]: Handler<M> } & {
  /** Cheap token that changes whenever the queue or the problems change (drives push updates). */
  ordersFingerprint(): string;
};

/** The contract's operations, with the exact (sync or async) type of each implementation. */
export type WindowApi = ReturnType<typeof createWindowApi>;

function printerHealthState(status: PrinterStatus, { t }: Translator): { state: PrinterHealthState; detail: string } {
  switch (status.state) {
    case 'ready':
      return { state: 'online', detail: status.paperNearEnd ? t('core.printer.paperLow') : '' };
    case 'paper-out':
      return { state: 'paper-out', detail: t('core.printer.paperOut') };
    case 'cover-open':
      return { state: 'cover-open', detail: t('core.printer.coverOpen') };
    case 'offline':
      return { state: 'offline', detail: status.reason };
    case 'unreachable':
      return { state: 'unreachable', detail: status.reason };
    case 'unknown':
      return { state: 'unknown', detail: t('core.printer.noAnswer') };
  }
}

const ACTION_OUTCOME = {
  held: 'core.history.outcome.held',
  pending: 'core.history.outcome.pending',
  sent: 'core.history.outcome.sent',
  refused: 'core.history.outcome.refused',
  failed: 'core.history.outcome.failed',
  recalled: 'core.history.outcome.recalled',
  local: 'core.history.outcome.local',
} as const satisfies Record<ActionRow['state'], MessageKey>;

/** An action with its stored reason in the window's language (old rows keep their English text). */
const inWords = (a: ActionRow, words: Translator): ActionRow => (a.last_error ? { ...a, last_error: readStoredWords(a.last_error, words) } : a);

// An order's history entry lists separate facts, each worded alone, joined by " · " as the board shows them.
const facts = (parts: readonly string[]): string => parts.filter(Boolean).join(' · ');

/** The order's history keeps what the board leaves out: the codes and request ids (`detail`). `a` has its reason worded already. */
function describeAction(a: ActionRow, { t }: Translator): HistoryEntry {
  const parts = [
    a.station ? t('core.history.station', { station: a.station }) : '',
    t(ACTION_OUTCOME[a.state]),
    a.reason_code ? t('core.history.reasonCode', { code: a.reason_code }) : '',
    a.attempts > 1 ? t('core.history.attempts', { count: a.attempts }) : '',
    a.state === 'sent' || a.state === 'recalled' ? '' : a.last_error,
    a.detail,
  ];
  return { at: a.updated_at, kind: 'action', title: t('core.history.staffPressed', { action: a.action }), detail: facts(parts) };
}

// klikit's event names in words for the history's titles; the raw name stays in the entry's detail.
const EVENT_TITLES: Record<string, MessageKey> = {
  'klikit.order.created.v2': 'core.history.event.created',
  'klikit.order.status.updated': 'core.history.event.status',
  'klikit.order.cart.updated': 'core.history.event.cart',
};
const eventTitle = (type: string, { t }: Translator): string => t(EVENT_TITLES[type] ?? (/poll/i.test(type) ? 'core.history.event.polled' : 'core.history.event.changed'));

function describeJob(job: JobRow, printerName: (id: string) => string, words: Translator): HistoryEntry {
  const { t } = words;
  const parts = [
    job.backup_printer_id
      ? backupJobWords(words, job.state, printerName(job.backup_printer_id), printerName(job.printer_id))
      : t('core.history.jobOn', { state: job.state, printer: printerName(job.printer_id) }),
    job.attempts > 1 ? t('core.history.attempts', { count: job.attempts }) : '',
    job.last_error,
    job.possible_duplicate ? t('core.history.possibleDuplicate') : '',
    job.warning,
  ];
  return { at: job.updated_at, kind: 'print', title: t('core.history.ticket', { kind: job.kind }), detail: facts(parts) };
}

/** The problem an order with lines no station takes makes: which lines, and where they printed instead. */
function unroutedProblem(order: OrderSummary, fallbackName: string, { t }: Translator): Problem {
  // "2× name" lists what was ordered, as on the ticket: quantities and dish names are not words to translate.
  const names = order.lines.filter((l) => l.unrouted === true).map((l) => `${l.quantity}× ${l.name}`);
  return {
    kind: 'unrouted',
    id: order.id,
    at: order.firstSeenAt,
    title: t('core.problem.unrouted', { printer: fallbackName }),
    reason: t('core.problem.unroutedReason', { lines: names.join(', ') }),
    orderId: order.id,
    orderNumber: order.shortId,
  };
}

/** How many recent orders offer their brands and categories as route choices: a few days of a busy kitchen. */
const ROUTE_CHOICE_ORDERS = 1000;

/** How many recent orders the item search reads: a few days of a busy kitchen's menu. */
const ITEM_SEARCH_ORDERS = 500;

/** How many recent orders the pickup board looks through: far more than a shift's ready orders. */
const PICKUP_WINDOW = 300;
const stillCooking = (status: { kind: string; label: string }): boolean => status.kind !== 'done' && status.kind !== 'cancelled' && status.label !== 'READY';

/** How many recent orders the all-day counts look through for open ones: more than a rush keeps open. */
const ALL_DAY_WINDOW = 500;

/** How many recent orders Problems checks for unrouted lines: the kitchen's shift, not its history. */
const UNROUTED_WINDOW = 200;

export function createWindowApi(deps: WindowApiDeps) {
  const words = deps.words ?? ENGLISH;
  const queries = createWindowQueries(deps.db);
  const printerName = (id: string): string => deps.printers.states().find((p) => p.id === id)?.name ?? id;

  function summaries(rows: ReturnType<typeof queries.listOrders>): OrderSummary[] {
    const jobsByOrder = new Map<number, JobRow[]>();
    for (const job of queries.jobsOf(rows.map((r) => r.id))) {
      const list = jobsByOrder.get(job.order_id!) ?? [];
      list.push(job);
      jobsByOrder.set(job.order_id!, list);
    }
    const stations = deps.stations?.() ?? [];
    const ids = rows.map((r) => r.id);
    const translator = words();
    const actions = new Map(latestActionsOf(deps.db, ids).map((a) => [a.order_id, inWords(a, translator)]));
    const stationsDone = stationsDoneOf(deps.db, ids);
    const localBumps = deps.actions?.mode === 'local';
    const acceptance = deps.acceptance?.();
    return rows.map((row) => {
      const jobs = jobsByOrder.get(row.id) ?? [];
      const summary = summariseOrder(row, jobs, printerName, {
        lastAction: actions.get(row.id),
        statusTable: deps.statusTable,
        stations,
        stationsDone: stationsDone.get(row.id) ?? [],
        localBumps,
        seenVersion: seenVersion(row, jobs),
        now: deps.clock.now(),
        acceptance,
      });
      return withStockFlags(deps.db, summary, row.body);
    });
  }

  /** The version staff acknowledged before an edit: the previous version of the first update ticket since. */
  function seenVersion(row: OrderRow, jobs: readonly JobRow[]): string | null {
    if (changedAfterSeen(row, jobs) !== 'updated') return null;
    const firstUpdate = jobs.find((j) => j.kind === 'update' && j.created_at > row.acknowledged_at! && j.previous_version_id != null);
    return firstUpdate ? queries.versionBody(firstUpdate.previous_version_id!) : null;
  }

  const numberOf = (orderId: number | null): string | null => {
    const row = orderId === null ? undefined : queries.order(orderId);
    return row ? orderNumberOfRow(row) : null;
  };

  const usable = (settings: Settings, name: SecretName): boolean => usableSecret(settings, name, deps.secrets.get(name)) !== undefined;

  function settingsView(): SettingsView {
    const settings = deps.settings.read();
    const secrets = { relayToken: usable(settings, 'relayToken'), klikitSecretKey: usable(settings, 'klikitSecretKey') };
    return { settings, secrets, nextSteps: nextSteps(settings, secrets) };
  }

  const printerAddressErrors = (settings: Settings): FieldError[] =>
    settings.printers.flatMap((p, i) => {
      const problem = deps.checkPrinterAddress(p.interface);
      return problem ? [{ field: `printers.${i}.interface`, message: problem }] : [];
    });

  return {
    listOrders: ({ limit, before }: ArgsOf<'listOrders'>): OrderSummary[] => summaries(queries.listOrders(limit, before)),

    getOrder(id: number): OrderDetail | null {
      const row = queries.order(id);
      if (!row) return null;
      const jobs = queries.jobsOf([id]);
      const translator = words();
      const events: HistoryEntry[] = queries.changesOf(id).map((c) => {
        const status = statusEntry(c.status, deps.statusTable).label;
        return {
          at: c.at,
          kind: 'event',
          title: eventTitle(c.event_type, translator),
          detail: facts([c.applied ? status : translator.t('core.history.notApplied', { status }), c.note, c.event_type]),
        };
      });
      const history = [
        ...events,
        ...jobs.map((j) => describeJob(j, printerName, translator)),
        ...actionsOf(deps.db, id).map((a) => describeAction(inWords(a, translator), translator)),
      ].sort((a, b) => a.at.localeCompare(b.at));
      return {
        summary: summaries([row])[0]!,
        ticket: deps.preview(id),
        history,
        jobs: jobs.map((j) => ({
          id: j.id,
          printerId: j.printer_id,
          kind: j.kind,
          state: j.state,
          attempts: j.attempts,
          lastError: j.last_error,
          possibleDuplicate: j.possible_duplicate === 1,
          createdAt: j.created_at,
          updatedAt: j.updated_at,
        })),
      };
    },

    acknowledgeOrder(id: number): ActionOutcome {
      const row = queries.order(id);
      if (!row) return { ok: false, message: words().t('core.order.unknown', { id: String(id) }) };
      if (changedAfterSeen(row, queries.jobsOf([id]))) queries.reacknowledge(id, isoAt(deps.clock));
      else acknowledgeOrder(deps.db, id, isoAt(deps.clock));
      return { ok: true, message: words().t('core.order.acknowledged') };
    },

    orderAction({ orderId, action, reasonCode, station }: ArgsOf<'orderAction'>): ActionOutcome {
      if (!deps.actions) return { ok: false, message: words().t('core.notRunning') };
      return deps.actions.submit(orderId, action, reasonCode, station);
    },

    recallAction({ orderId, station, undoUntil }: ArgsOf<'recallAction'>): ActionOutcome {
      if (!deps.actions) return { ok: false, message: words().t('core.notRunning') };
      return deps.actions.recall(orderId, station, undoUntil);
    },

    reprint({ orderId, printerId }: ArgsOf<'reprint'>): ActionOutcome | Promise<ActionOutcome> {
      if (!queries.order(orderId)) return { ok: false, message: words().t('core.order.unknown', { id: String(orderId) }) };
      if (!deps.printers.states().some((p) => p.id === printerId)) return { ok: false, message: words().t('core.printer.unknown', { id: printerId }) };
      return deps.printers.reprint(orderId, printerId);
    },

    getHealth(): Health {
      const translator = words();
      const open = queries.openJobs();
      const routed = new Set((deps.stations?.() ?? []).filter((s) => !printsWholeOrders(s)).map((s) => s.id));
      const printers: PrinterHealth[] = deps.printers.states().map((p) => ({
        id: p.id,
        name: p.name,
        ...printerHealthState(p.status, translator),
        queueDepth: open.filter((j) => (j.backup_printer_id ?? j.printer_id) === p.id).length,
        ...(p.delivery ? { delivery: p.delivery } : {}),
        ...(routed.has(p.id) ? { routed: true } : {}),
        ...(p.heldSince ? { heldSince: p.heldSince } : {}),
        ...(p.backupTo ? { backupTo: { id: p.backupTo, name: printerName(p.backupTo) } } : {}),
        ...(p.alarm ? { alarm: p.alarm } : {}),
      }));
      const connection = deps.connection.current();
      return {
        connection: { ...connection, lastEventAt: queries.lastEventAt() },
        printers,
        queueDepth: open.length,
        lastOrderAt: queries.lastOrderAt(),
        klikit: deps.actions?.health() ?? { state: 'none', waitingActions: 0, detail: translator.t('core.notRunning') },
        missed: missedCount(deps.db, deps.clock.now(), deps.timeZone),
      };
    },

    listProblems(): Problem[] {
      const translator = words();
      const { t } = translator;
      const quarantined: Problem[] = queries.quarantine().map((q) => ({
        kind: 'quarantine',
        id: q.id,
        at: q.received_at,
        // The event's type and id are for support: after the reason, never in the title staff read first.
        title: t('core.problem.quarantine', { source: q.source === 'poll' ? 'poll' : 'relay' }),
        reason: [q.reason, q.event_type, q.event_id].filter(Boolean).join(' · '),
        orderId: null,
        orderNumber: null,
      }));
      const jobs: Problem[] = queries.problemJobs().map((j) => ({
        kind: 'job',
        id: j.id,
        at: j.updated_at,
        title: t('core.problem.job', { kind: j.kind, state: j.state, printer: printerName(j.printer_id) }),
        reason: j.last_error || j.state,
        orderId: j.order_id,
        orderNumber: numberOf(j.order_id),
      }));
      const duplicates: Problem[] = queries.duplicateJobs().map((j) => ({
        kind: 'duplicate',
        id: j.id,
        at: j.updated_at,
        title: t('core.problem.duplicate', { kind: j.kind, printer: printerName(j.printer_id) }),
        reason: t('core.problem.duplicateReason'),
        orderId: j.order_id,
        orderNumber: numberOf(j.order_id),
      }));
      const incomplete: Problem[] = queries.incompleteJobs().map((j) => ({
        kind: 'characters',
        id: j.id,
        at: j.updated_at,
        title: t('core.problem.incomplete', { kind: j.kind, printer: printerName(j.printer_id) }),
        reason: j.warning,
        orderId: j.order_id,
        orderNumber: numberOf(j.order_id),
      }));
      const actions: Problem[] = unsentActions(deps.db, 100).map((a) => ({
        kind: 'action',
        id: a.id,
        at: a.updated_at,
        title: a.state === 'failed' ? t('core.problem.actionFailed', { action: a.action }) : t('core.problem.actionRefused', { action: a.action }),
        reason: readStoredWords(a.last_error, translator),
        orderId: a.order_id,
        orderNumber: numberOf(a.order_id),
      }));
      const stations = deps.stations?.() ?? [];
      // Without routes no line can be unrouted: skip summarising the shift's orders on every refresh.
      const fallbackName = fallbackPrinter(stations)?.name ?? t('core.problem.firstPrinter');
      const unrouted: Problem[] = routingActive(stations)
        ? summaries(queries.listOrders(UNROUTED_WINDOW))
            .filter((o) => o.active && o.unrouted === true)
            .map((o) => unroutedProblem(o, fallbackName, translator))
        : [];
      return [...quarantined, ...jobs, ...duplicates, ...incomplete, ...actions, ...unrouted].sort((a, b) => b.at.localeCompare(a.at));
    },

    getSettings: (): SettingsView => settingsView(),

    saveSettings(patch: Record<string, unknown>): SaveSettingsResult {
      const result = validateSettings(deps.settings.read(), patch);
      if (!result.ok) return result;
      const errors = printerAddressErrors(result.settings);
      if (errors.length > 0) return { ok: false, errors };
      deps.settings.write(result.settings);
      // A secret entered for another host is dropped: it must be typed again for the new one.
      for (const name of secretNameSchema.options) if (!usable(result.settings, name)) deps.secrets.drop(name);
      return { ok: true, view: settingsView() };
    },

    testPrint: (printerId: string): Promise<ActionOutcome> => deps.printers.testPrint(printerId),

    discoverPrinters: (): Promise<PrinterCandidate[]> => deps.discoverPrinters(),

    testPrintCandidate(candidate: PrinterCandidateTest): Promise<ActionOutcome> {
      // A printer the bridge already drives is tested through its queue: a second writer on the same
      // device would interleave its bytes with a ticket's (and a serial port is held open by its queue).
      const device = printerDeviceKey(candidate.interface);
      const running = new Set(deps.printers.states().map((p) => p.id));
      const saved = deps.settings.read().printers.find((p) => running.has(p.id) && printerDeviceKey(p.interface) === device);
      return saved ? deps.printers.testPrint(saved.id) : deps.testCandidate(candidate);
    },

    setSecret({ name, value }: ArgsOf<'setSecret'>): ActionOutcome {
      const origin = secretOrigin(deps.settings.read(), name);
      if (origin === null) return { ok: false, message: SECRET_NEEDS_URL[name] };
      deps.secrets.set(name, { value, origin });
      return { ok: true, message: `${name} saved` };
    },

    getAppStatus: (): UpdateState => deps.app.status(),

    exportDiagnostics: (): Promise<ExportOutcome> => deps.app.exportDiagnostics(),

    routeChoices: (): RouteChoices => routeChoicesOf(queries.recentBodies(ROUTE_CHOICE_ORDERS)),
    // The core answers for its own window; the LAN screen server answers for each screen from its credential.
    screenGrant: (): ScreenGrant => DESKTOP_GRANT,

    markOutOfStock(args: ArgsOf<'markOutOfStock'>): ActionOutcome {
      if (!deps.stock) return { ok: false, message: words().t('core.notRunning') };
      return deps.stock.mark(args, 'sku' in args ? nameOfSku(queries.recentBodies(ITEM_SEARCH_ORDERS), args.sku) : undefined);
    },

    restoreItem({ sku }: ArgsOf<'restoreItem'>): ActionOutcome {
      if (!deps.stock) return { ok: false, message: words().t('core.notRunning') };
      return deps.stock.restore(sku);
    },

    listOutOfStock: (): StockItem[] => deps.stock?.list() ?? [],

    searchItems: ({ query }: ArgsOf<'searchItems'>): ItemMatch[] => searchItems(queries.recentBodies(ITEM_SEARCH_ORDERS), query, new Set(openSkus(deps.db)), words()),

    pickupBoard: (): PickupBoard => pickupBoardOf(summaries(queries.listOrders(PICKUP_WINDOW)), deps.clock.now()),

    pairScreen: (kind: ArgsOf<'pairScreen'>): ResultOf<'pairScreen'> => deps.screens?.pair(kind) ?? { ok: false, message: NO_SCREENS },
    listScreens: (): ResultOf<'listScreens'> => deps.screens?.list() ?? [],
    revokeScreen: (id: number): ActionOutcome => deps.screens?.revoke(id) ?? { ok: false, message: NO_SCREENS },

    allDayCounts(): AllDayCounts {
      // Open: in the kitchen's hands with its ticket out (a scheduled order still waiting is not cooked
      // yet). Orders klikit already calls done are left out before the costlier summary.
      const rows = queries.listOrders(ALL_DAY_WINDOW).filter((r) => r.prints_at === null && stillCooking(statusEntry(r.status, deps.statusTable)));
      const bodies = new Map(rows.map((r) => [r.id, r.body]));
      const stations = deps.stations?.() ?? [];
      // The card's lines when it carries them all; an absurd order's lines are read again, uncapped.
      const orders = summaries(rows)
        .filter((o) => o.active && !o.cancelled)
        .map((o) =>
          o.moreLines === 0
            ? { lines: o.lines.map((l) => ({ name: l.name, quantity: l.quantity, modifiers: l.modifiers, stations: l.stations ?? [] })), stationsDone: o.stationsDone }
            : allDayOrderOf(bodies.get(o.id)!, stations, o.stationsDone),
        );
      const routed = stations.filter((s) => !printsWholeOrders(s)).map(({ id, name }) => ({ id, name }));
      return countAllDay(orders, routed, ALL_DAY_NAMES);
    },

    dayInNumbers: ({ days }: ArgsOf<'dayInNumbers'>): Promise<DayInNumbers> => deps.dayStats.figures(days),

    exportDayInNumbers: ({ days }: ArgsOf<'exportDayInNumbers'>): Promise<ExportOutcome> => deps.dayStats.exportCsv(days),

    ordersFingerprint: (): string => queries.fingerprint(),
  } satisfies WindowApiShape;
}
