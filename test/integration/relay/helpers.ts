import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import WebSocket from 'ws';
import { openRelayDatabase } from '../../../relay/store/connection.js';
import { EventStore } from '../../../relay/store/events.js';
import { waitFor } from '../../helpers/wait.js';

export const SECRET = 'relay-test-secret';
export const silentLogger = pino({ level: 'silent' });

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'relay-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sign(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function envelopeText(branchId: number, orderId: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    brand_id: 11,
    branch_id: branchId,
    orders: [{ id: orderId, status: 1, short_id: `S${orderId}`, updated_at: '2026-06-24T12:00:00Z', ...extra }],
  });
}

/**
 * Appends `count` events for a branch straight into the store of a relay (running or not) in one
 * transaction: for tests about what bridges receive, where posting each webhook would only add time.
 */
export function seedEvents(dataDir: string, branchId: number, count: number, firstOrderId = 1): void {
  const db = openRelayDatabase(dataDir);
  try {
    const events = new EventStore(db);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const body = Buffer.from(envelopeText(branchId, firstOrderId + i));
        events.insert({
          eventId: `seed-${branchId}-${firstOrderId + i}`,
          eventType: 'klikit.order.created.v2',
          brandId: 11,
          branchId,
          receivedAt: new Date().toISOString(),
          receivedMs: Date.now(),
          body,
          bodySha256: createHash('sha256').update(body).digest('hex'),
        });
      }
    })();
  } finally {
    db.close();
  }
}

export type PostOptions = {
  secret?: string;
  eventId?: string;
  eventType?: string;
  signature?: string;
  omit?: string[];
};

let eventCounter = 0;

/** POSTs a webhook signed like klikit does (HMAC-SHA256 hex of the raw bytes). */
export async function postWebhook(
  baseUrl: string,
  body: Buffer | string,
  options: PostOptions = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-klikit-signature': options.signature ?? sign(options.secret ?? SECRET, body),
    'x-klikit-event-id': options.eventId ?? `evt-${process.pid}-${++eventCounter}`,
    'x-klikit-event-type': options.eventType ?? 'klikit.order.created.v2',
  };
  for (const name of options.omit ?? []) delete headers[name];
  const res = await fetch(`${baseUrl}/webhooks/klikit`, { method: 'POST', headers, body: new Uint8Array(Buffer.from(body)) });
  const text = await res.text();
  return { status: res.status, json: parseOrText(text) };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type EventFrame = { type: 'event'; seq: number; event_id: string; event_type: string; received_at: string; body: unknown };

/** A minimal bridge-side client that records what the relay sends it. */
export class TestBridge {
  readonly events: EventFrame[] = [];
  readonly ws: WebSocket;
  closeCode: number | undefined;
  closeReason = '';
  readonly opened: Promise<void>;

  constructor(bridgeUrl: string, token: string | undefined, options: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(bridgeUrl, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      autoPong: options.autoPong ?? true,
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as EventFrame;
      if (frame.type === 'event') this.events.push(frame);
    });
    this.ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
    });
  }

  hello(after: number, protocol = 1): void {
    this.ws.send(JSON.stringify({ type: 'hello', protocol, after }));
  }

  ack(seq: number): void {
    this.ws.send(JSON.stringify({ type: 'ack', seq }));
  }

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }

  async closed(): Promise<number> {
    return waitFor('the socket to close', () => this.closeCode);
  }

  stop(): void {
    this.ws.terminate();
  }
}
