import type { RelayDb } from './connection.js';

export type QuarantineEntry = {
  receivedAt: string;
  eventId: string;
  eventType: string;
  reason: string;
  body: Buffer;
};

/** Well-signed webhooks the relay could not accept, kept so an operator can see and replay them. */
export class QuarantineStore {
  private readonly insertRow;

  constructor(db: RelayDb) {
    this.insertRow = db.prepare(
      `INSERT INTO quarantine (received_at, event_id, event_type, reason, body)
       VALUES (@receivedAt, @eventId, @eventType, @reason, @body)`,
    );
  }

  add(entry: QuarantineEntry): void {
    this.insertRow.run(entry);
  }
}
