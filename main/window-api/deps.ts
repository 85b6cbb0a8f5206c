import type { ActionOutcome, ConnectionMode, OrderActionOutcome, FallbackState, KlikitHealth, TicketPreview } from '../../common/bridge-api.js';
import type { MarkOutOfStockArgs, StockItem } from '../../common/stock.js';
import type { OrderAction } from '../../common/order-actions.js';
import type { BoundSecret, SecretName, Settings } from '../../common/settings.js';
import type { PairedScreen, PairingCodeResult, PairKind } from '../../common/screens.js';
import type { Delivery, PrinterStatus } from '../printing/types.js';

// What the window API needs from the rest of the core, as narrow interfaces: the wiring in
// `bridge-deps.ts` adapts the real store, printer manager and connection state to them, and
// tests pass small fakes.

/** A held printer's hand-over to its backup, or its alarm (main/printing/queue.ts QueueState). */
export type PrinterFailover = { heldSince?: string; backupTo?: string; alarm?: { since: string; reason: string } };

export type PrinterControl = {
  states(): ReadonlyArray<{ id: string; name: string; status: PrinterStatus; delivery?: Delivery } & PrinterFailover>;
  testPrint(printerId: string): Promise<ActionOutcome>;
  /** Queues a deliberate reprint (REPRINT banner) of the order's ticket on one printer. */
  reprint(orderId: number, printerId: string): ActionOutcome | Promise<ActionOutcome>;
};

export type ConnectionSnapshot = { mode: ConnectionMode; since: string | null; detail: string; fallback: { state: FallbackState; detail: string }; warning?: string | null };
export type ConnectionSource = { current(): ConnectionSnapshot };

export type SettingsStore = { read(): Settings; write(settings: Settings): void };

/** The window's secrets, each bound to the origin it was entered for (common/settings.ts `usableSecret`). */
export type SecretStore = { get(name: SecretName): BoundSecret | undefined; set(name: SecretName, secret: BoundSecret): void; drop(name: SecretName): void };

/** Why a printer address the window saves cannot be printed to (a file:// that is no device), or null. */
export type PrinterAddressCheck = (uri: string) => string | null;

/** The ticket of an order exactly as it was (or would be) printed, or null when there is none. */
export type TicketPreviewer = (orderId: number) => TicketPreview | null;

/** Staff's actions on orders, through the durable outbox (main/actions). */
export type ActionControl = {
  /** 'local' without klikit API credentials: bumps mark orders done on this screen, nothing is sent. */
  readonly mode: 'klikit' | 'local';
  submit(orderId: number, action: OrderAction, reasonCode?: string, station?: string): OrderActionOutcome;
  recall(orderId: number, station?: string, undoUntil?: string): ActionOutcome;
  health(): KlikitHealth;
};

/** "86": items marked out of stock and their writes to klikit (main/availability). */
export type StockControl = {
  /** `name`: what a searched SKU is called in recent orders. */
  mark(args: MarkOutOfStockArgs, name?: string): ActionOutcome;
  restore(sku: string): ActionOutcome;
  list(): StockItem[];
  markedSkus(): Set<string>;
};

/** LAN screens' pairing for the desktop window (main/screens implements it). */
export type ScreenAdmin = {
  pair(kind: PairKind): PairingCodeResult;
  list(): PairedScreen[];
  revoke(id: number): ActionOutcome;
};
