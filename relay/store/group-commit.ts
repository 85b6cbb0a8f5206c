import type Database from 'better-sqlite3';
import type { RelayDb } from './connection.js';

type Pending = { work: () => unknown; savepoint: boolean; resolve: (value: unknown) => void; reject: (err: Error) => void };
type Result = { ok: true; value: unknown } | { ok: false; error: Error };

/**
 * Group commit: every write requested in one turn of the event loop goes into one transaction, so
 * one fsync (synchronous=FULL) covers a burst of webhooks instead of one fsync each. Each write runs
 * in its own savepoint, so one failing write does not undo the others; each caller is resolved only
 * after the whole transaction committed. A write that is one statement needs no savepoint (SQLite
 * undoes a failed statement by itself) and skips its cost.
 *
 * The transaction statements are prepared once: `db.transaction(fn)` builds four wrapped functions
 * and defines their properties on every call, which the intake paid once per webhook and once per batch.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;

  constructor(private readonly db: RelayDb) {
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT group_commit_write');
    this.release = db.prepare('RELEASE group_commit_write');
    this.rollbackTo = db.prepare('ROLLBACK TO group_commit_write');
  }

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
    let results: Result[];
    try {
      this.begin.run();
      try {
        results = batch.map((p) => this.runOne(p));
        this.commit.run();
      } catch (err) {
        if (this.db.inTransaction) this.rollback.run();
        throw err;
      }
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

  private runOne(p: Pending): Result {
    if (p.savepoint) this.savepoint.run();
    try {
      const value = p.work();
      if (p.savepoint) this.release.run();
      return { ok: true, value };
    } catch (error) {
      // An error SQLite answered by rolling the whole transaction back (a full disk…) took the batch's
      // earlier writes with it: the batch fails as one, rather than later writes committing on their own.
      if (!this.db.inTransaction) throw error;
      // Undo this write only; RELEASE then ends the savepoint, leaving the batch's transaction open.
      if (p.savepoint) {
        this.rollbackTo.run();
        this.release.run();
      }
      return { ok: false, error: error as Error };
    }
  }
}
