import * as z from 'zod';
import { pickupBoardSchema } from './pickup-board.js';
import { acceptanceClockSchema, missedCountSchema } from './acceptance.js';
import { screenGrantSchema } from './screen-grant.js';
import { pairedScreenSchema, pairingCodeSchema, pairKindSchema } from './screens.js';
import { BRIDGE_METHOD_NAMES, type BridgeMethodName } from './channels.js';
import { actionViewSchema, orderActionArgsSchema, orderActionSchema, printerIdSchema, recallArgsSchema } from './order-actions.js';
import { printerSettingsSchema, settingsPatchSchema, settingsViewSchema, saveSettingsResultSchema, secretNameSchema } from './settings.js';
import { updateStateSchema } from './update-state.js';
import { itemMatchSchema, itemSearchArgsSchema, markOutOfStockArgsSchema, skuSchema, stockItemSchema } from './stock.js';
import { allDayCountsSchema, dayInNumbersSchema, dayRangeSchema } from './day-numbers.js';

// The one contract between the window and the core. Every transport (Electron IPC, the test
// WebSocket) carries `{ method, args }` in and a `BridgeResult` out, and both ends validate with
// the schemas below, so a renderer bug or a hostile page cannot hand the core a malformed request.

export const orderIdSchema = z.number().int().positive();
export { printerIdSchema };

export const printStateSchema = z.enum(['none', 'queued', 'printed', 'held', 'failed', 'uncertain', 'skipped']);
export type PrintState = z.infer<typeof printStateSchema>;

export const printSummarySchema = z.object({
  state: printStateSchema,
  /** Why a job is held or failed, in words staff can act on; empty when there is nothing to say. */
  reason: z.string(),
  possibleDuplicate: z.boolean(),
  /** Per printer, the characters its latest ticket printed as boxes or stand-ins; absent when none. */
  warning: z.string().optional(),
});
export type PrintSummary = z.infer<typeof printSummarySchema>;

export const cardLineSchema = z.object({
  quantity: z.number().int(),
  name: z.string(),
  /** Each modifier with its group as the kitchen reads it, nested ones flattened ("Sugar: 50%", "Ice: Normal"). */
  modifiers: z.array(z.string()),
  comment: z.string(),
  /** Ids of the routed printers (stations) that print this line; absent when no printer has routes. */
  stations: z.array(printerIdSchema).optional(),
  /** No printer's routes take it: it printed at the fallback printer, marked UNROUTED. */
  unrouted: z.boolean().optional(),
  /** Since staff last acknowledged the order: a line added, or its quantity or content changed. */
  change: z.enum(['added', 'changed']).optional(),
  /** The quantity staff saw before a change, when it differs. */
  previousQuantity: z.number().int().optional(),
  /** Its place on the order (what markOutOfStock names), whatever lines a station filter hides. */
  line: z.number().int().nonnegative().optional(),
  /** klikit's menu code (`klikit_sku_id`); null: klikit sent none, so it cannot be marked out of stock. */
  sku: z.string().nullable().optional(),
  /** Its item was marked out of stock when the order arrived: the cashier acts before the kitchen starts. */
  outOfStock: z.boolean().optional(),
});
export type CardLine = z.infer<typeof cardLineSchema>;

export const orderSummarySchema = z.object({
  id: orderIdSchema,
  shortId: z.string(),
  queueNumber: z.number().int().nullable(),
  provider: z.string(),
  brands: z.array(z.string()),
  orderType: z.string(),
  tableNo: z.string(),
  createdAt: z.string().nullable(),
  firstSeenAt: z.string(),
  itemCount: z.number().int().nonnegative(),
  status: z.number().int(),
  statusLabel: z.string(),
  cancelled: z.boolean(),
  acknowledged: z.boolean(),
  print: printSummarySchema,
  /** A scheduled order's kitchen ticket prints at this time (ISO-8601); absent or null once printed. */
  printsAt: z.string().nullable().optional(),
  /** Some of its lines match no printer's routes: they printed at the fallback printer, marked UNROUTED. */
  unrouted: z.boolean().optional(),
  /** Still in the kitchen's hands (not ready, picked up, delivered or cancelled). */
  active: z.boolean(),
  /** When klikit expects it ready (estimated pickup, else created + preparation time), or null. */
  dueAt: z.string().nullable(),
  lines: z.array(cardLineSchema),
  /** Lines too many to carry (an absurd order): the card and detail say "+N more", the ticket has them. */
  moreLines: z.number().int().nonnegative(),
  /** Lines removed since staff last acknowledged the order. */
  removedLines: z.array(z.object({ quantity: z.number().int(), name: z.string() })),
  orderComment: z.string(),
  /** The customer's first name, for pickup and dine-in orders only (never a phone or address); empty otherwise. */
  customerName: z.string(),
  /** The rider's state when klikit sends it (status 7/8 or `fulfillment_status_id`). */
  rider: z.enum(['assigned', 'arrived']).nullable(),
  /** PLACED, acceptable and not auto-accepted: klikit cancels it if nobody accepts. */
  waitingForAcceptance: z.boolean(),
  /** What staff may do now; empty while an action is still on its way to klikit. */
  actions: z.array(orderActionSchema),
  /** The latest action staff took on it and where it stands. */
  lastAction: actionViewSchema.nullable(),
  /** Changed (cart edit) or cancelled after staff had seen it, and not seen since. */
  changedAfterSeen: z.enum(['updated', 'cancelled']).nullable(),
  /**
   * What staff have not acknowledged yet, on the board: a new order, an edit, or a cancellation of an
   * order the kitchen had a ticket for (a VOID card until acknowledged). Null once acknowledged, and for
   * an order off the board (done elsewhere): nothing left to tap, so nothing to chime for.
   */
  attention: z.enum(['new', 'updated', 'void']).nullable(),
  /** Ids of the stations whose lines of this order are bumped (not recalled). */
  stationsDone: z.array(printerIdSchema),
  /** Names of its lines marked out of stock when it arrived ("OUT OF STOCK: …" on card and ticket); absent when none. */
  outOfStock: z.array(z.string()).optional(),
  /** Ready (klikit says so or staff bumped it) and not yet picked up, delivered or cancelled: expo hands it out. */
  awaitingPickup: z.boolean().optional(),
  /** While it waits for acceptance: when its platform cancels it and when the alarm escalates. */
  acceptBy: acceptanceClockSchema.nullable().optional(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['event', 'print', 'action']),
  title: z.string(),
  detail: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const printJobViewSchema = z.object({
  id: z.number().int(),
  printerId: z.string(),
  kind: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  lastError: z.string(),
  possibleDuplicate: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PrintJobView = z.infer<typeof printJobViewSchema>;

export const ticketPreviewSchema = z.object({
  text: z.string(),
  html: z.string(),
  /** A raster job's printed image as a `data:image/png;base64,` URL: what the paper shows. */
  image: z.string().startsWith('data:image/png;base64,').optional(),
  /** e.g. "some characters could not be printed: …" */
  warning: z.string().optional(),
});
export type TicketPreview = z.infer<typeof ticketPreviewSchema>;

export const orderDetailSchema = z.object({
  summary: orderSummarySchema,
  ticket: ticketPreviewSchema.nullable(),
  history: z.array(historyEntrySchema),
  jobs: z.array(printJobViewSchema),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const connectionModeSchema = z.enum(['starting', 'relay', 'reconnecting', 'polling', 'offline', 'unconfigured']);
/** The klikit polling fallback: not configured, waiting (relay live), polling, failing, or credentials refused. */
export const fallbackStateSchema = z.enum(['none', 'standby', 'polling', 'failing', 'rejected']);
export type FallbackState = z.infer<typeof fallbackStateSchema>;
export const printerHealthStateSchema = z.enum(['online', 'paper-out', 'cover-open', 'offline', 'unreachable', 'unknown']);
export type PrinterHealthState = z.infer<typeof printerHealthStateSchema>;

/** What is known of a printer's last ticket: confirmed by the printer or spooler, only sent, or nothing. */
export const deliverySchema = z.enum(['confirmed', 'sent', 'status unknown']);

export const printerHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: printerHealthStateSchema,
  detail: z.string(),
  queueDepth: z.number().int().nonnegative(),
  delivery: deliverySchema.optional(),
  /** It has routes: a station that prints only its lines (the board can filter by it). */
  routed: z.boolean().optional(),
  /** Since when it has been held (paper out, cover open, offline, not answering). */
  heldSince: z.string().optional(),
  /** Held past its grace: the printer its tickets print on now, stamped BACKUP FOR this one. */
  backupTo: z.object({ id: z.string(), name: z.string() }).optional(),
  /** Held past its grace and no backup can print its tickets: the window rings and the tray says so. */
  alarm: z.object({ since: z.string(), reason: z.string() }).optional(),
});
export type PrinterHealth = z.infer<typeof printerHealthSchema>;

/**
 * Order actions on their way to klikit. none: no klikit API keys (bumps stay local); unreachable: the
 * network is the cause; rejected: klikit refused the keys. `detail` is the sentence the header shows.
 */
export const klikitHealthSchema = z.object({
  state: z.enum(['none', 'ok', 'unreachable', 'rejected']),
  waitingActions: z.number().int().nonnegative(),
  detail: z.string(),
});
export type KlikitHealth = z.infer<typeof klikitHealthSchema>;

export const healthSchema = z.object({
  connection: z.object({
    mode: connectionModeSchema,
    since: z.string().nullable(),
    lastEventAt: z.string().nullable(),
    detail: z.string(),
    fallback: z.object({ state: fallbackStateSchema, detail: z.string() }),
    /** Staff must act whatever the mode: orders that may be missing from this screen. */
    warning: z.string().nullable().optional(),
  }),
  printers: z.array(printerHealthSchema),
  queueDepth: z.number().int().nonnegative(),
  lastOrderAt: z.string().nullable(),
  klikit: klikitHealthSchema,
  /** Orders the platforms cancelled while they waited for acceptance, per day and provider. */
  missed: missedCountSchema.optional(),
});
export type Health = z.infer<typeof healthSchema>;
export type ConnectionMode = z.infer<typeof connectionModeSchema>;

export const problemSchema = z.object({
  kind: z.enum(['quarantine', 'job', 'duplicate', 'action', 'characters', 'unrouted']),
  id: z.number().int(),
  at: z.string(),
  title: z.string(),
  reason: z.string(),
  orderId: z.number().int().nullable(),
  /** The number staff call the order by (#short id), when the problem concerns an order. */
  orderNumber: z.string().nullable(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A printer found on this computer (never by scanning a network), with the URI to configure. */
export const printerCandidateSchema = z.object({
  uri: z.string(),
  kind: z.enum(['cups', 'windows', 'serial', 'usb']),
  /** What a person calls it: "USB printer (lp0)", "CUPS: Kitchen_TM", "Serial port ttyUSB0". */
  label: z.string(),
  /** What tells two alike apart (the CUPS queue's device, the port's maker); may be empty. */
  detail: z.string(),
});
export type PrinterCandidate = z.infer<typeof printerCandidateSchema>;

/** A printer picked in Settings but not saved yet, to test-print: checked as a saved printer's fields are. */
/** `language`: the test page's, as the printer will print its tickets (absent: the window's). */
export const printerCandidateTestSchema = printerSettingsSchema.pick({ interface: true, type: true, width: true, language: true }).strict();
export type PrinterCandidateTest = z.infer<typeof printerCandidateTestSchema>;

export const actionOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/**
 * `orderAction`'s answer. `undoUntil`: the bump this very call made can be recalled (`recallAction`)
 * until then; absent when it cannot. The window offers Undo only for bumps it made itself, so it
 * learns this from its own call, not from the orders pushed to every screen.
 */
export const orderActionOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string(), undoUntil: z.string().optional() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type OrderActionOutcome = z.infer<typeof orderActionOutcomeSchema>;

/** A file written for the user (the diagnostics archive): where it is, or why not. */
export const exportOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string(), path: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ExportOutcome = z.infer<typeof exportOutcomeSchema>;

const namedIdSchema = z.object({ id: z.number().int(), name: z.string() });

/** What a printer's routes can be set to, from recent orders: their brands, categories and providers. */
export const routeChoicesSchema = z.object({
  brands: z.array(namedIdSchema),
  categories: z.array(z.string()),
  providers: z.array(namedIdSchema),
});
export type RouteChoices = z.infer<typeof routeChoicesSchema>;

const noArgs = z.undefined();

/** Every operation: its argument schema and its result schema. The method names are the IPC channels. */
export const bridgeMethods = {
  listOrders: {
    args: z.object({ limit: z.number().int().min(1).max(2000), before: orderIdSchema.optional() }),
    result: z.array(orderSummarySchema),
  },
  getOrder: { args: orderIdSchema, result: orderDetailSchema.nullable() },
  acknowledgeOrder: { args: orderIdSchema, result: actionOutcomeSchema },
  orderAction: { args: orderActionArgsSchema, result: orderActionOutcomeSchema },
  /** Undoes the order's latest bump (a station's: its own) while its undo time lasts (nothing is sent to klikit). */
  recallAction: { args: recallArgsSchema, result: actionOutcomeSchema },
  reprint: { args: z.object({ orderId: orderIdSchema, printerId: printerIdSchema }), result: actionOutcomeSchema },
  getHealth: { args: noArgs, result: healthSchema },
  listProblems: { args: noArgs, result: z.array(problemSchema) },
  getSettings: { args: noArgs, result: settingsViewSchema },
  saveSettings: { args: settingsPatchSchema, result: saveSettingsResultSchema },
  testPrint: { args: printerIdSchema, result: actionOutcomeSchema },
  discoverPrinters: { args: noArgs, result: z.array(printerCandidateSchema) },
  /** Prints the test page at an address before it is saved (a saved printer's address: through its queue). */
  testPrintCandidate: { args: printerCandidateTestSchema, result: actionOutcomeSchema },
  setSecret: { args: z.object({ name: secretNameSchema, value: z.string().min(1).max(4096) }), result: actionOutcomeSchema },
  /** The app's version and auto-update state (answered by the Electron main process). */
  getAppStatus: { args: noArgs, result: updateStateSchema },
  /** Writes the support archive; the window never names the path. */
  exportDiagnostics: { args: noArgs, result: exportOutcomeSchema },
  /** Brands, categories and providers seen in recent orders, offered when editing a printer's routes. */
  routeChoices: { args: noArgs, result: routeChoicesSchema },
  /** What this window may see and do (the desktop window: everything; a LAN screen: its paired kind). */
  screenGrant: { args: noArgs, result: screenGrantSchema },
  /** "86": marks an order's line (or a searched item) out of stock and tells klikit; turned back on by time or by restoreItem. */
  markOutOfStock: { args: markOutOfStockArgsSchema, result: actionOutcomeSchema },
  /** Turns an item marked out of stock back on (one tap in the Out of stock list). */
  restoreItem: { args: z.object({ sku: skuSchema }).strict(), result: actionOutcomeSchema },
  /** Every item marked out of stock: since, until, and whether klikit confirmed. */
  listOutOfStock: { args: noArgs, result: z.array(stockItemSchema) },
  /** Items of recent orders whose name holds the query, to mark one out of stock without its order at hand. */
  searchItems: { args: itemSearchArgsSchema, result: z.array(itemMatchSchema) },
  /** The pickup board: ready (and preparing) order numbers with their provider, nothing else (common/pickup-board.ts). */
  pickupBoard: { args: noArgs, result: pickupBoardSchema },
  /** A one-use pairing code (a few minutes) for a LAN screen of this kind (desktop only). */
  pairScreen: { args: pairKindSchema, result: pairingCodeSchema },
  /** The paired LAN screens, online or not (desktop only). */
  listScreens: { args: noArgs, result: z.array(pairedScreenSchema) },
  /** Refuses a screen's credential and closes its socket at once (desktop only). */
  revokeScreen: { args: z.number().int().positive(), result: actionOutcomeSchema },
  /** What is still to cook across the open orders, per station, modifiers grouped. */
  allDayCounts: { args: noArgs, result: allDayCountsSchema },
  /** Ticket times, late orders, missed acceptances, printer holds and backups for the last `days` days. */
  dayInNumbers: { args: dayRangeSchema, result: dayInNumbersSchema },
  /** Writes those figures as CSV beside the database; the window never names the path. */
  exportDayInNumbers: { args: dayRangeSchema, result: exportOutcomeSchema },
} as const;

export type BridgeMethod = keyof typeof bridgeMethods;
export const BRIDGE_METHODS: readonly BridgeMethod[] = BRIDGE_METHOD_NAMES;
type SameNames = [BridgeMethod] extends [BridgeMethodName] ? ([BridgeMethodName] extends [BridgeMethod] ? true : never) : never;
const _channelsMatchContract: SameNames = true;
export const isBridgeMethod = (name: unknown): name is BridgeMethod =>
  typeof name === 'string' && Object.hasOwn(bridgeMethods, name);

export type ArgsOf<M extends BridgeMethod> = z.input<(typeof bridgeMethods)[M]['args']>;
export type ResultOf<M extends BridgeMethod> = z.output<(typeof bridgeMethods)[M]['result']>;

/** What crosses every transport: a failed call is a value with a message, never a thrown error. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const bridgeUpdateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('orders') }),
  z.object({ type: z.literal('health') }),
  z.object({ type: z.literal('core-restarted'), at: z.string(), reason: z.string() }),
  z.object({ type: z.literal('app-status') }),
]);
export type BridgeUpdate = z.infer<typeof bridgeUpdateSchema>;

type Call<M extends BridgeMethod> = ArgsOf<M> extends undefined
  ? () => Promise<BridgeResult<ResultOf<M>>>
  : (args: ArgsOf<M>) => Promise<BridgeResult<ResultOf<M>>>;

/** `window.bridge`: one function per operation plus the push channel. */
export type BridgeApi = { [M in BridgeMethod]: Call<M> } & {
  /** Called within a second of a change in the core; returns the unsubscribe function. */
  onUpdate(listener: (update: BridgeUpdate) => void): () => void;
};

export { channelOf, UPDATE_CHANNEL } from './channels.js';
