import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { openDatabase, type Db } from '../store/connection.js';
import { addQuarantine } from '../store/quarantine.js';
import { raiseInteger } from '../store/kv.js';
import { pendingCountByPrinter } from '../store/print-jobs.js';
import { getOrder, listRecentOrders } from '../store/orders.js';
import { outOfStockNames } from '../availability/order-items.js';
import { lastRelayEventAt } from '../store/events.js';
import { createIngest, relayCursor, RELAY_CURSOR_KEY, type IncomingEvent, type IngestResult } from '../ingest/ingest.js';
import { createRelayBatchCommit } from '../ingest/relay-batch.js';
import { createRelayClient, type BadFrame, type RelayClient } from '../relay-client/relay-client.js';
import { createPoller, type Poller } from '../poller/poller.js';
import { createKlikitApi } from '../klikit/api-client.js';
import { createPrinterManager, type PrinterManager } from '../printing/printer-manager.js';
import { createOffloadedJobRenderer } from '../printing/render-job.js';
import { createRasterProcess } from '../printing/raster-process.js';
import type { QueueState } from '../printing/queue.js';
import { createScheduledPrinter } from '../scheduling/scheduled-printer.js';
import { createDayStats, type DayStats } from '../stats/day-stats-service.js';
import { createDayStatsRecorder, type DayStatsRecorder } from '../stats/recorder.js';
import { relayUrlsOf, statusTableOf, type BridgeConfig } from './config.js';
import { createConnectionState, type ConnectionState } from './connection-state.js';
import { acquireInstanceLock, type InstanceLock } from '../../common/instance-lock.js';
import { createOrderIndex } from './order-index.js';
import { createCursorExpiryHandler } from './cursor-expiry.js';
import { createRetentionPruner } from './retention-pruner.js';
import type { Clock, Random } from '../../ground/clock.js';
import type { MissedCount } from '../../common/acceptance.js';
import { missedCount } from '../acceptance/missed-count.js';
import { systemLocale } from '../tickets/ticket-language.js';

// The wiring of one bridge: one database connection, one ingest, one printer manager, one relay
// client and one poller, all under the data directory's lock. No process-level concerns here
// (signals, argv, IPC): the headless CLI and the Electron utility process both run this object.

export const DATABASE_FILE = 'bridge.db';

export type BridgeDeps = {
  clock: Clock;
  random: Random;
  logger: Logger;
  /** better-sqlite3 built for Electron's ABI, when the core runs as Electron's utilityProcess. */
  nativeBinding?: string | undefined;
};

export type BridgeHealth = {
  connection: ConnectionState;
  printers: ReadonlyArray<QueueState & { name: string }>;
  /** Print jobs not yet done, per printer id. */
  queueDepth: Record<string, number>;
  lastOrder: { id: number; shortId: string; status: number; firstSeenAt: string } | null;
  relayCursor: number;
  /** Orders the platforms cancelled while they waited for acceptance, per local day and provider. */
  missed: MissedCount;
};

export type Bridge = {
  state(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
  health(): BridgeHealth;
  /** Commits one event and wakes the printers when it produced jobs (also used for manual input). */
  ingest(event: IncomingEvent): IngestResult;
  db: Db;
  printers: PrinterManager;
  /** The day in numbers of this bridge's database (kept up to date and pruned while it runs). */
  dayStats: DayStats;
  /** Printer holds (fed by the queues) and backup prints (to be fed by the backup switch). */
  dayStatsRecorder: DayStatsRecorder;
  /** The OS reported a resume or a network change: re-check the relay link now instead of in 15 s. */
  checkLinkNow(reason: string): void;
  stop(): Promise<void>;
};

export class BridgeStartError extends Error {
  override name = 'BridgeStartError';
}

/**
 * Starts a bridge on `config.dataDir`. Throws a BridgeStartError when another bridge holds the data
 * directory, and the database's errors (e.g. DatabaseTooNewError) when it cannot be opened.
 */
export async function startBridge(config: BridgeConfig, deps: BridgeDeps): Promise<Bridge> {
  mkdirSync(config.dataDir, { recursive: true });
  const locked = acquireInstanceLock(config.dataDir, 'bridge', { nativeBinding: deps.nativeBinding });
  if (!locked.ok) throw new BridgeStartError(locked.message);
  const lock = locked.lock;
  let db: Db | undefined;
  try {
    db = openDatabase(join(config.dataDir, DATABASE_FILE), { nativeBinding: deps.nativeBinding });
    return assemble(config, deps, db, lock);
  } catch (err) {
    db?.close();
    lock.release();
    throw err;
  }
}

function assemble(config: BridgeConfig, deps: BridgeDeps, db: Db, lock: InstanceLock): Bridge {
  const { clock, random, logger } = deps;
  const statusTable = statusTableOf(config);
  // Every printer with its routes: the job renderer, ingest and the scheduled-ticket timer route alike.
  const stations = (): BridgeConfig['printers'] => config.printers;
  const connection = createConnectionState(clock);
  const dayStatsRecorder = createDayStatsRecorder(db, clock);
  // Once per printer and run: a printer set to text whose language needs raster prints English words.
  const languageNoted = new Set<string>();
  const raster = createRasterProcess({ onFallback: (reason) => logger.warn({ reason }, 'raster ticket drawn in the bridge process: %s', reason) });
  const printers = createPrinterManager({
    db,
    printers: config.printers,
    clock,
    random,
    render: createOffloadedJobRenderer(
      {
        clock,
        timeZone: config.ticket.timeZone,
        statusTable,
        stations,
        language: config.ticket.language ?? systemLocale(),
        onWarning: (job, printer, warning) => logger.warn({ job: job.id, order: job.orderId, printer: printer.id }, 'ticket printed incompletely: %s', warning),
        onLanguageFallback: (printer, note) => {
          if (languageNoted.has(printer.id)) return;
          languageNoted.add(printer.id);
          logger.warn({ printer: printer.id }, 'printer %s: %s', printer.id, note);
        },
        outOfStock: (orderId) => {
          const order = getOrder(db, orderId);
          return order ? outOfStockNames(db, order.body, order.firstSeenAt) : [];
        },
      },
      raster,
    ),
    onChange: (q) => {
      logger.info({ printer: q.printerId, status: q.status, depth: q.depth, error: q.lastError, backupTo: q.backupTo, alarm: q.alarm }, 'printer %s', q.printerId);
      dayStatsRecorder.printerChanged(q);
    },
    onHandedOver: (from, to, jobIds) => {
      logger.warn({ printer: from, backup: to, jobIds }, 'printer %s held past its grace: %d ticket(s) go to %s', from, jobIds.length, to);
      // A handed-over ticket is the backup's to print, once: the day in numbers counts it as a backup used.
      for (const jobId of jobIds) dayStatsRecorder.backupUsed(jobId, from, to);
    },
  });
  const dayStats = createDayStats({ db, clock, stations, timeZone: config.ticket.timeZone, retentionDays: config.stats.retentionDays });
  const printerNames = new Map(config.printers.map((p) => [p.id, p.name]));
  const commit = createIngest({
    db,
    clock,
    printerIds: () => config.printers.map((p) => p.id),
    stations,
    statusTable,
    scheduled: config.scheduled,
    staleOrderMs: config.staleOrderHours * 3_600_000,
  });
  const scheduled = createScheduledPrinter({
    db,
    clock,
    stations,
    statusTable,
    onFired: (jobIds) => {
      logger.info({ jobIds }, 'scheduled kitchen tickets due: %d queued', jobIds.length);
      printers.wakeAll();
    },
    onError: (err) => logger.error({ err }, 'scheduled tickets not fired: will try again'),
  });

  /** What follows a commit, once per transaction: a burst wakes the printers once, not once per event. */
  function afterCommit(events: readonly IncomingEvent[], results: readonly IngestResult[]): void {
    results.forEach((result, i) => {
      const event = events[i]!;
      if (result.outcome === 'quarantined') {
        logger.warn({ eventId: event.eventId, source: event.source, reason: result.reason }, 'event quarantined');
      } else if (result.outcome === 'failed') {
        logger.error({ eventId: event.eventId, source: event.source, seq: event.seq, reason: result.reason }, 'event not committed: it will be retried');
      }
    });
    const applied = results.filter((r) => r.outcome === 'applied');
    if (applied.length === 0) return;
    connection.noteEvent();
    // A version that moved a waiting order's time into the past prints now, not at the next check.
    scheduled.fireDue();
    if (applied.some((r) => r.jobIds.length > 0)) printers.wakeAll();
  }

  function ingest(event: IncomingEvent): IngestResult {
    const result = commit(event);
    afterCommit([event], [result]);
    return result;
  }

  const commitRelayBatch = createRelayBatchCommit(db, (events) => {
    const results = commit.batch(events);
    afterCommit(events, results);
    return results;
  });
  const pruner = createRetentionPruner({
    db,
    clock,
    logger,
    retentionDays: config.retentionDays,
    statusTable,
    stepMs: config.timing.pruneStepMs,
    restMs: config.timing.pruneRestMs,
  });

  const quarantineFrame = db.transaction((bad: BadFrame) => {
    addQuarantine(db, {
      receivedAt: new Date(clock.now()).toISOString(),
      source: 'relay',
      eventId: bad.eventId ?? null,
      eventType: bad.eventType ?? null,
      reason: bad.reason,
      raw: bad.raw,
    });
    if (bad.seq !== undefined) raiseInteger(db, RELAY_CURSOR_KEY, bad.seq);
  });

  let poller: Poller | undefined;
  const onCursorExpired = createCursorExpiryHandler({
    clock,
    logger,
    connection,
    poller: () => poller,
    pollWindowMs: config.timing.pollWindowMs,
    timeZone: config.ticket.timeZone,
    lastRelayEventAt: () => lastRelayEventAt(db),
  });
  const relay: RelayClient = createRelayClient({
    urls: relayUrlsOf(config),
    token: config.relay.token,
    clock,
    random,
    logger,
    timing: config.timing,
    cursor: () => relayCursor(db),
    deliver: (frames) =>
      commitRelayBatch(
        frames.map((frame) => ({
          eventId: frame.event_id,
          source: 'relay',
          seq: frame.seq,
          eventType: frame.event_type,
          receivedAt: frame.received_at,
          body: frame.body,
        })),
      ),
    reject: (bad) => quarantineFrame(bad),
    onCursorExpired,
    onStatus: (status, detail) => {
      connection.setRelay(status, detail);
      poller?.wake();
    },
  });

  if (config.klikit) {
    const { baseUrl, partnerKey, secretKey } = config.klikit;
    poller = createPoller({
      // One retry inside a call at most: the poller's own schedule and backoff do the rest.
      api: createKlikitApi({
        baseUrl,
        partnerKey,
        secretKey,
        clock,
        random,
        timeoutMs: config.timing.apiTimeoutMs,
        maxRetries: 1,
        retry: { baseDelayMs: config.timing.apiBackoffBaseMs, minDelayMs: config.timing.apiBackoffFloorMs, maxDelayMs: config.timing.apiBackoffCapMs },
      }),
      clock,
      random,
      logger,
      timing: config.timing,
      branchIds: config.klikit.branchIds,
      brandIds: config.klikit.brandIds,
      orders: createOrderIndex(db, clock, statusTable),
      ingest,
      fallbackDueAt: () => {
        const downSince = connection.relayDownSince();
        return downSince === null ? null : downSince + config.timing.pollAfterDownMs;
      },
      onStatus: (status, detail) => connection.setPoller(status, detail),
    });
  } else {
    connection.setPoller('disabled', 'no klikit API credentials configured: no polling fallback');
  }

  connection.subscribe((s) => logger.info({ mode: s.mode, detail: s.detail }, 'connection %s', s.mode));

  const { recovered } = printers.start();
  if (recovered > 0) logger.warn({ recovered }, 'jobs interrupted mid-send will be re-sent with a POSSIBLE DUPLICATE banner');
  scheduled.start(config.timing.scheduleCheckMs);
  dayStats.start(undefined, (err) => logger.error({ err }, 'the day in numbers could not be updated: will try again'));
  pruner.start();
  relay.start();
  poller?.start();
  logger.info({ dataDir: config.dataDir, printers: config.printers.map((p) => p.id) }, 'bridge started');

  let stopping: Promise<void> | undefined;
  return {
    state: () => connection.get(),
    subscribe: (listener) => connection.subscribe(listener),
    health() {
      const last = listRecentOrders(db, { limit: 1 })[0];
      return {
        connection: connection.get(),
        printers: printers.states().map((q) => ({ ...q, name: printerNames.get(q.printerId) ?? q.printerId })),
        queueDepth: pendingCountByPrinter(db),
        lastOrder: last ? { id: last.id, shortId: last.shortId, status: last.status, firstSeenAt: last.firstSeenAt } : null,
        relayCursor: relayCursor(db),
        missed: missedCount(db, clock.now(), config.ticket.timeZone),
      };
    },
    ingest,
    db,
    printers,
    dayStats,
    dayStatsRecorder,
    checkLinkNow: (reason) => relay.suspect(reason),
    stop() {
      stopping ??= (async () => {
        scheduled.stop();
        pruner.stop();
        await poller?.stop();
        await relay.stop();
        await printers.stop();
        await dayStats.stop();
        dayStatsRecorder.close();
        raster.close();
        db.close();
        lock.release();
        logger.info('bridge stopped');
      })();
      return stopping;
    },
  };
}
