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

  constructor(private readonly db: RelayDb) {
    this.insertRow = db.prepare(
      `INSERT INTO quarantine (received_at, event_id, event_type, reason, body)
       VALUES (@receivedAt, @eventId, @eventType, @reason, @body)`,
    );
  }

  add(entry: QuarantineEntry): void {
    this.insertRow.run(entry);
  }

  list(): Array<{ id: number; event_id: string; event_type: string; reason: string; body: Buffer }> {
    return this.db.prepare('SELECT id, event_id, event_type, reason, body FROM quarantine ORDER BY id').all() as never;
  }
}
