import type { RelayDb } from './connection.js';

type Pending = { work: () => unknown; savepoint: boolean; resolve: (value: unknown) => void; reject: (err: Error) => void };

/**
 * Group commit: every write requested in one turn of the event loop goes into one transaction, so
 * one fsync (synchronous=FULL) covers a burst of webhooks instead of one fsync each. Each write runs
 * in its own savepoint, so one failing write does not undo the others; each caller is resolved only
 * after the whole transaction committed. A write that is one statement needs no savepoint (SQLite
 * undoes a failed statement by itself) and skips its cost.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: RelayDb) {}

  run<T>(work: () => T, { singleStatement = false }: { singleStatement?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, savepoint: !singleStatement, resolve: resolve as (value: unknown) => void, reject });
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
    type Result = { ok: true; value: unknown } | { ok: false; error: Error };
    let results: Result[];
    try {
      results = this.db.transaction(() =>
        batch.map((p): Result => {
          try {
            return { ok: true, value: p.savepoint ? this.db.transaction(p.work)() : p.work() };
          } catch (error) {
            return { ok: false, error: error as Error };
          }
        }),
      )();
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
      return;
    }
    batch.forEach((p, i) => {
      const result = results[i]!;
      if (result.ok) p.resolve(result.value);
      else p.reject(result.error);
    });
  }
}
