import type { RelayDb } from './connection.js';

export type QuarantineEntry = {
  receivedAt: string;
  receivedMs: number;
  eventId: string;
  eventType: string;
  reason: string;
  body: Buffer;
  bodySha256: Buffer;
};

/**
 * Well-signed webhooks the relay could not accept, kept so an operator can see and replay them. A body
 * already quarantined only counts another hit: replaying one captured body cannot grow the store.
 */
export class QuarantineStore {
  private readonly upsert;

  constructor(db: RelayDb) {
    this.upsert = db.prepare(
      `INSERT INTO quarantine (received_at, received_ms, event_id, event_type, reason, body, body_sha256)
       VALUES (@receivedAt, @receivedMs, @eventId, @eventType, @reason, @body, @bodySha256)
       ON CONFLICT (body_sha256) DO UPDATE SET hits = hits + 1`,
    );
  }

  add(entry: QuarantineEntry): void {
    this.upsert.run(entry);
  }
}
