import pg from 'pg';
import type { Logger } from 'pino';
import type { AppendNotice, AppendWatcher } from '../relay-store.js';
import { APPEND_CHANNEL } from './append.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

export type AppendListenerOptions = {
  config: pg.ClientConfig;
  /** This node's id: its own notices are skipped, its hub already knows. */
  nodeId: string;
  watcher: AppendWatcher;
  logger: Logger;
};

/** `nodeId:branchId:seq`, read from the right since the node id is the caller's. */
export function parseAppendNotice(payload: string): { nodeId: string; notice: AppendNotice } | undefined {
  const parts = /^(.*):(\d+):(\d+)$/s.exec(payload);
  if (!parts) return undefined;
  const branchId = Number(parts[2]);
  const seq = Number(parts[3]);
  if (!Number.isSafeInteger(branchId) || !Number.isSafeInteger(seq)) return undefined;
  return { nodeId: parts[1]!, notice: { branchId, seq } };
}

/**
 * One connection of its own doing LISTEN on the append channel (a pooled connection would be handed
 * back and its LISTEN lost). When that connection drops, notices sent meanwhile are gone: it reconnects
 * with backoff and, once listening again, asks the watcher to re-read everything.
 */
export class AppendListener {
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retries = 0;
  private stopped = false;

  constructor(private readonly options: AppendListenerOptions) {}

  /** Resolves once listening; rejects if the first connection fails. */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.config);
    client.on('notification', (message) => this.heard(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPEND_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private heard(payload: string | undefined): void {
    const parsed = payload === undefined ? undefined : parseAppendNotice(payload);
    if (!parsed) {
      this.options.logger.warn({ payload }, 'ignored a malformed append notice');
      return;
    }
    if (parsed.nodeId !== this.options.nodeId) this.options.watcher.appended(parsed.notice);
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.options.logger.warn({ err: err?.message }, 'append listener lost its PostgreSQL connection; reconnecting');
    this.retry();
  }

  private retry(): void {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.retries, MAX_RETRY_MS);
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.stopped) return;
          this.retries = 0;
          this.options.logger.info('append listener listening again; resyncing');
          this.options.watcher.resync();
        },
        (err: Error) => {
          if (this.stopped) return;
          this.options.logger.warn({ err: err.message }, 'append listener could not reconnect');
          this.retry();
        },
      );
    }, delay);
  }
}
