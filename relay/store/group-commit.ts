import type { RelayDb } from './connection.js';
import type { EventStore, InsertOutcome, NewEvent } from './events.js';

type Pending = { event: NewEvent; resolve: (outcome: InsertOutcome) => void; reject: (err: Error) => void };

/**
 * Group commit: every insert requested in one turn of the event loop goes into one transaction, so
 * one fsync (synchronous=FULL) covers a burst of webhooks instead of one fsync each. Each caller
 * is resolved only after that transaction committed.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: RelayDb,
    private readonly events: EventStore,
  ) {}

  insert(event: NewEvent): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outcomes: InsertOutcome[];
    try {
      outcomes = this.db.transaction(() => batch.map((p) => this.events.insert(p.event)))();
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
      return;
    }
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
  }
}
