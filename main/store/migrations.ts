import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { packOrderBody } from './order-body.js';

/**
 * Numbered schema migrations: entry N-1 takes a database from user_version N-1 to N. Never edit a
 * migration that has shipped; append a new one (and a test that upgrades from every earlier version).
 */
export const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: the initial schema.
  (db) => {
    db.exec(`
      CREATE TABLE events (
        id           INTEGER PRIMARY KEY,
        event_id     TEXT NOT NULL UNIQUE,
        source       TEXT NOT NULL CHECK (source IN ('relay', 'poll', 'manual')),
        seq          INTEGER,
        event_type   TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'stale', 'duplicate', 'quarantined')),
        detail       TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX events_seq ON events (seq) WHERE seq IS NOT NULL;

      CREATE TABLE orders (
        id               INTEGER PRIMARY KEY,
        brand_id         INTEGER,
        branch_id        INTEGER,
        short_id         TEXT NOT NULL DEFAULT '',
        status           INTEGER NOT NULL,
        updated_at       TEXT NOT NULL,
        created_at       TEXT,
        cart_hash        TEXT NOT NULL,
        body             TEXT NOT NULL,
        first_seen_at    TEXT NOT NULL,
        last_event_at    TEXT NOT NULL,
        acknowledged_at  TEXT
      );
      CREATE INDEX orders_recent ON orders (first_seen_at DESC);

      -- Every version of an order the bridge saw, applied or not: the order's history for the window.
      CREATE TABLE order_changes (
        id           INTEGER PRIMARY KEY,
        order_id     INTEGER NOT NULL REFERENCES orders (id),
        event_id     TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        status       INTEGER NOT NULL,
        updated_at   TEXT NOT NULL,
        applied      INTEGER NOT NULL CHECK (applied IN (0, 1)),
        note         TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL
      );
      CREATE INDEX order_changes_order ON order_changes (order_id, id);

      CREATE TABLE print_jobs (
        id                  INTEGER PRIMARY KEY,
        order_id            INTEGER REFERENCES orders (id),
        printer_id          TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('new', 'update', 'cancel', 'reprint', 'test')),
        version             TEXT NOT NULL,
        state               TEXT NOT NULL CHECK (state IN
                              ('queued', 'sending', 'sent', 'confirmed', 'held', 'failed', 'uncertain', 'skipped')),
        payload             TEXT NOT NULL,
        possible_duplicate  INTEGER NOT NULL DEFAULT 0 CHECK (possible_duplicate IN (0, 1)),
        attempts            INTEGER NOT NULL DEFAULT 0,
        last_error          TEXT NOT NULL DEFAULT '',
        next_attempt_at     TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        sent_at             TEXT,
        UNIQUE (order_id, kind, version, printer_id)
      );
      CREATE INDEX print_jobs_pending ON print_jobs (printer_id, state, id);

      CREATE TABLE quarantine (
        id           INTEGER PRIMARY KEY,
        received_at  TEXT NOT NULL,
        source       TEXT NOT NULL,
        event_id     TEXT,
        event_type   TEXT,
        reason       TEXT NOT NULL,
        raw          TEXT NOT NULL
      );

      CREATE TABLE kv (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `);
  },
  // 2: the queries that run every second or faster (the window's open jobs and last event, each print
  // queue's depth) must not scan tables that grow with every order the branch has ever printed.
  (db) => {
    db.exec(`
      CREATE INDEX print_jobs_state ON print_jobs (state, printer_id);
      CREATE INDEX events_received_at ON events (received_at);
    `);
  },
  // 3: print jobs reference the order version they print instead of carrying a copy of its body (one
  // copy per version, however many printers and tickets use it), and the queue's head-job query reads a
  // partial index of the waiting jobs only, so neither grows with the branch's history. Existing jobs
  // keep their bodies through the move and stay printable.
  (db) => {
    db.exec(`
      CREATE TABLE order_versions (
        id        INTEGER PRIMARY KEY,
        order_id  INTEGER REFERENCES orders (id),
        digest    TEXT NOT NULL,
        body      TEXT NOT NULL
      );
      CREATE INDEX order_versions_digest ON order_versions (order_id, digest);
      ALTER TABLE print_jobs ADD COLUMN order_version_id INTEGER REFERENCES order_versions (id);
      ALTER TABLE print_jobs ADD COLUMN previous_version_id INTEGER REFERENCES order_versions (id);
      CREATE INDEX print_jobs_waiting ON print_jobs (printer_id, id)
        WHERE (state IN ('queued', 'uncertain', 'held') OR (state = 'failed' AND next_attempt_at IS NOT NULL));
    `);
    const find = db.prepare('SELECT id FROM order_versions WHERE order_id IS ? AND digest = ?');
    const insert = db.prepare('INSERT INTO order_versions (order_id, digest, body) VALUES (?, ?, ?) RETURNING id');
    const versionOf = (orderId: number | null, body: unknown): number | null => {
      if (body == null) return null;
      const text = JSON.stringify(body);
      const digest = createHash('sha256').update(text).digest('hex');
      const found = find.get(orderId, digest) as { id: number } | undefined;
      return found?.id ?? (insert.get(orderId, digest, text) as { id: number }).id;
    };
    const point = db.prepare('UPDATE print_jobs SET payload = ?, order_version_id = ?, previous_version_id = ? WHERE id = ?');
    const jobs = db.prepare('SELECT id, order_id, payload FROM print_jobs').all() as {
      id: number;
      order_id: number | null;
      payload: string;
    }[];
    for (const job of jobs) {
      const { order, previous, ...rest } = JSON.parse(job.payload) as { order?: unknown; previous?: unknown };
      point.run(JSON.stringify(rest), versionOf(job.order_id, order), versionOf(job.order_id, previous), job.id);
    }
  },
  // 4: scheduled orders. The kitchen ticket of an order scheduled for later is a durable timer: one
  // row per order, fired once (state moves out of 'waiting' in the transaction that enqueues the tickets).
  (db) => {
    db.exec(`
      CREATE TABLE scheduled_prints (
        order_id     INTEGER PRIMARY KEY REFERENCES orders (id),
        due_at       TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('waiting', 'fired', 'cancelled')),
        fired_at     TEXT,
        late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))
      );
      CREATE INDEX scheduled_prints_waiting ON scheduled_prints (due_at) WHERE state = 'waiting';
    `);
  },
  // 5: staff's actions on orders (accept, reject, ready, picked up) waiting to reach klikit: the durable
  // outbox of main/actions. Written in the same transaction as the order's local state, so an action
  // staff saw as "sending" is never lost to a crash or an outage; the idempotency key is drawn once.
  (db) => {
    db.exec(`
      CREATE TABLE order_actions (
        id               INTEGER PRIMARY KEY,
        order_id         INTEGER NOT NULL REFERENCES orders (id),
        action           TEXT NOT NULL CHECK (action IN ('accepted', 'rejected', 'ready', 'picked_up')),
        reason_code      TEXT,
        idempotency_key  TEXT NOT NULL UNIQUE,
        state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT NOT NULL DEFAULT '',
        next_attempt_at  TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX order_actions_due ON order_actions (state, next_attempt_at);
      CREATE INDEX order_actions_order ON order_actions (order_id, id);
      -- The window's Problems list shows tickets that may have printed twice; they are rare, so a
      -- partial index keeps that query off the whole print history.
      CREATE INDEX print_jobs_possible_duplicate ON print_jobs (id) WHERE possible_duplicate = 1;
    `);
  },
  // 6: a ticket that printed with characters no bundled font has (boxes) or as text stand-ins says so
  // on its job row, so the window can tell staff which order's paper is incomplete. Such tickets are
  // rare, so a partial index keeps the Problems list off the whole print history.
  (db) => {
    db.exec(`
      ALTER TABLE print_jobs ADD COLUMN warning TEXT NOT NULL DEFAULT '';
      CREATE INDEX print_jobs_warning ON print_jobs (id) WHERE warning != '';
    `);
  },
  // 7: order actions that can wait, give up, be recalled or stay local. The state list grows (held: a
  // bump waiting out its undo time; failed: given up once it could no longer matter; recalled: undone
  // before it was sent; local: a bump with no klikit to tell, or one station's bump), so the table is
  // rebuilt (SQLite cannot alter a CHECK). `last_error` keeps the words staff read; `detail` the
  // codes and request ids for the order's history; `station` marks one station's bump.
  (db) => {
    db.exec(`
      CREATE TABLE order_actions_v7 (
        id               INTEGER PRIMARY KEY,
        order_id         INTEGER NOT NULL REFERENCES orders (id),
        action           TEXT NOT NULL CHECK (action IN ('accepted', 'rejected', 'ready', 'picked_up')),
        reason_code      TEXT,
        idempotency_key  TEXT NOT NULL UNIQUE,
        state            TEXT NOT NULL CHECK (state IN ('held', 'pending', 'sent', 'refused', 'failed', 'recalled', 'local')),
        station          TEXT,
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT NOT NULL DEFAULT '',
        detail           TEXT NOT NULL DEFAULT '',
        next_attempt_at  TEXT NOT NULL,
        undo_until       TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      INSERT INTO order_actions_v7 (id, order_id, action, reason_code, idempotency_key, state, attempts, last_error, next_attempt_at, created_at, updated_at)
        SELECT id, order_id, action, reason_code, idempotency_key, state, attempts, last_error, next_attempt_at, created_at, updated_at FROM order_actions;
      DROP TABLE order_actions;
      ALTER TABLE order_actions_v7 RENAME TO order_actions;
      -- The sender reads only the open lanes; Problems reads only refused and failed actions.
      CREATE INDEX order_actions_open ON order_actions (id) WHERE state IN ('held', 'pending');
      CREATE INDEX order_actions_unsent ON order_actions (id) WHERE state IN ('refused', 'failed');
      CREATE INDEX order_actions_order ON order_actions (order_id, id);
      `);
    },
  // 8: an event is its id together with its body's hash (what the relay guarantees unique), not its
  // id alone: a captured body replayed under klikit's next event id after the relay's tombstone expired
  // must not make the bridge drop the genuine event that comes under that id. Rows recorded before keep
  // a NULL hash and still match their id alone.
  (db) => {
    db.exec(`
      CREATE TABLE events_by_body (
        id           INTEGER PRIMARY KEY,
        event_id     TEXT NOT NULL,
        body_sha256  TEXT,
        source       TEXT NOT NULL CHECK (source IN ('relay', 'poll', 'manual')),
        seq          INTEGER,
        event_type   TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'stale', 'duplicate', 'quarantined')),
        detail       TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO events_by_body (id, event_id, source, seq, event_type, received_at, outcome, detail)
        SELECT id, event_id, source, seq, event_type, received_at, outcome, detail FROM events;
      DROP TABLE events;
      ALTER TABLE events_by_body RENAME TO events;
      CREATE UNIQUE INDEX events_identity ON events (event_id, body_sha256);
      CREATE INDEX events_seq ON events (seq) WHERE seq IS NOT NULL;
      CREATE INDEX events_received_at ON events (received_at);
    `);
  },
  // "86": items staff marked out of stock. A stock_marks row is one episode (since → until, the durable
  // timer that turns the item back on, or ended by staff); stock_writes is its outbox to klikit
  // (PATCH /items/{sku}/availability), one Idempotency-Key per write, each SKU its own lane. At most
  // one open mark per SKU; the partial indexes serve the sender (pending writes) and the timer (open
  // marks), and the card and ticket flags (marks of a SKU by time).
  (db) => {
    db.exec(`
      CREATE TABLE stock_marks (
        id        INTEGER PRIMARY KEY,
        sku       TEXT NOT NULL,
        name      TEXT NOT NULL,
        duration  TEXT NOT NULL CHECK (duration IN ('tomorrow', 'hour', 'manual')),
        order_id  INTEGER,
        since     TEXT NOT NULL,
        until     TEXT,
        ended_at  TEXT,
        ended_by  TEXT CHECK (ended_by IN ('timer', 'staff'))
      );
      CREATE UNIQUE INDEX stock_marks_open ON stock_marks (sku) WHERE ended_at IS NULL;
      CREATE INDEX stock_marks_sku ON stock_marks (sku, since);
      CREATE TABLE stock_writes (
        id               INTEGER PRIMARY KEY,
        mark_id          INTEGER NOT NULL REFERENCES stock_marks (id),
        sku              TEXT NOT NULL,
        available        INTEGER NOT NULL CHECK (available IN (0, 1)),
        idempotency_key  TEXT NOT NULL UNIQUE,
        state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused', 'failed', 'cancelled')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT NOT NULL DEFAULT '',
        detail           TEXT NOT NULL DEFAULT '',
        next_attempt_at  TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX stock_writes_open ON stock_writes (id) WHERE state = 'pending';
      CREATE INDEX stock_writes_mark ON stock_writes (mark_id, id);
    `);
  },
  // missed_orders (main/store/missed-orders.ts MISSED_ORDERS_VERSION): orders the platform cancelled
  // while they still waited for acceptance, one row per order (never counted twice), with the
  // provider and when the bridge learned it, counted per day and per provider.
  (db) => {
    db.exec(`
      CREATE TABLE missed_orders (
        order_id     INTEGER PRIMARY KEY REFERENCES orders (id),
        provider_id  INTEGER,
        missed_at    TEXT NOT NULL
      );
      CREATE INDEX missed_orders_at ON missed_orders (missed_at);
    `);
  },
  // 11: backup printers. A job's printer_id stays the station it was planned for (its lines, its dedupe
  // key); backup_printer_id names the backup whose queue owns it once its own printer was held too
  // long (NULL: its own printer's queue). The hand-over is one UPDATE of this column, so a crash leaves
  // every job with exactly one owner. The head-job query reads the waiting jobs by owner.
  (db) => {
    db.exec(`
      ALTER TABLE print_jobs ADD COLUMN backup_printer_id TEXT;
      CREATE INDEX print_jobs_owner_waiting ON print_jobs (COALESCE(backup_printer_id, printer_id), id)
        WHERE (state IN ('queued', 'uncertain', 'held') OR (state = 'failed' AND next_attempt_at IS NOT NULL));
    `);
  },
  // 12: LAN screens (main/screens). A screen holds a random credential of which only the SHA-256 is kept;
  // a pairing code (one use, a few minutes) is kept hashed too. Revoking keeps the row (the list shows
  // it gone) and the screen server closes the socket. `last_seen_at` is written at most once a minute.
  (db) => {
    db.exec(`
      CREATE TABLE screens (
        id               INTEGER PRIMARY KEY,
        credential_hash  TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL CHECK (kind IN ('counter', 'expo', 'pickup', 'station')),
        station          TEXT,
        address          TEXT NOT NULL DEFAULT '',
        paired_at        TEXT NOT NULL,
        last_seen_at     TEXT,
        revoked_at       TEXT,
        CHECK ((kind = 'station') = (station IS NOT NULL))
      );
      CREATE TABLE screen_pairings (
        code_hash   TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('counter', 'expo', 'pickup', 'station')),
        station     TEXT,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        CHECK ((kind = 'station') = (station IS NOT NULL))
      );
    `);
  },
  // 13: the day in numbers (main/stats). One row per order and per station that cooks part of it, with
  // its timestamps and figures, keyed by order id without a reference: the rows outlive the orders'
  // retention and go after their own (statsRetentionDays). Printer holds and backup prints are
  // recorded as they happen (main/stats/recorder.ts): nothing else keeps them.
  (db) => {
    db.exec(`
      CREATE TABLE ticket_stats (
        order_id           INTEGER NOT NULL,
        station            TEXT NOT NULL,
        day                TEXT NOT NULL,
        provider           TEXT NOT NULL,
        received_at        TEXT NOT NULL,
        printed_at         TEXT,
        accepted_at        TEXT,
        done_at            TEXT,
        ready_at           TEXT,
        picked_up_at       TEXT,
        due_at             TEXT,
        ticket_seconds     INTEGER,
        late               INTEGER NOT NULL CHECK (late IN (0, 1)),
        cancelled          INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
        missed_acceptance  INTEGER NOT NULL CHECK (missed_acceptance IN (0, 1)),
        PRIMARY KEY (order_id, station)
      ) WITHOUT ROWID;
      CREATE INDEX ticket_stats_day ON ticket_stats (day);
      CREATE TABLE printer_holds (
        id          INTEGER PRIMARY KEY,
        printer_id  TEXT NOT NULL,
        reason      TEXT NOT NULL DEFAULT '',
        started_at  TEXT NOT NULL,
        ended_at    TEXT
      );
      CREATE INDEX printer_holds_started ON printer_holds (started_at);
      CREATE UNIQUE INDEX printer_holds_open ON printer_holds (printer_id) WHERE ended_at IS NULL;
      CREATE TABLE backup_prints (
        job_id             INTEGER PRIMARY KEY,
        printer_id         TEXT NOT NULL,
        backup_printer_id  TEXT NOT NULL,
        at                 TEXT NOT NULL
      );
      CREATE INDEX backup_prints_at ON backup_prints (at);
    `);
  },
  // 14: an order's body is stored once. The current version's body stays in orders.body and its
  // order_versions row keeps only the digest (body NULL); older versions keep theirs for the jobs that
  // print them. order_versions is rebuilt to let body be NULL, its ids kept (print jobs point at them):
  // the foreign-key check waits for the commit, by when every referenced row is back.
  (db) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE order_versions_copy AS SELECT id, order_id, digest, body FROM order_versions;
      DROP TABLE order_versions;
      CREATE TABLE order_versions (
        id        INTEGER PRIMARY KEY,
        order_id  INTEGER REFERENCES orders (id),
        digest    TEXT NOT NULL,
        body      TEXT
      );
      INSERT INTO order_versions (id, order_id, digest, body) SELECT id, order_id, digest, body FROM temp.order_versions_copy;
      DROP TABLE temp.order_versions_copy;
      CREATE INDEX order_versions_digest ON order_versions (order_id, digest);
    `);
    const current = db.prepare('UPDATE order_versions SET body = NULL WHERE order_id = ? AND digest = ?');
    const insert = db.prepare('INSERT INTO order_versions (order_id, digest, body) VALUES (?, ?, NULL)');
    const page = db.prepare('SELECT id, body FROM orders WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = Number.MIN_SAFE_INTEGER, orders = page.all(after) as { id: number; body: string }[]; orders.length > 0; orders = page.all(after) as typeof orders) {
      for (const order of orders) {
        const digest = createHash('sha256').update(order.body, 'utf8').digest('hex');
        if (current.run(order.id, digest).changes === 0) insert.run(order.id, digest);
      }
      after = orders.at(-1)!.id;
    }
  },
  // 15 (main/store/order-body.ts PACKED_BODY_VERSION): bodies are kept packed (deflated with a
  // dictionary of klikit's keys), a quarter of their JSON: orders.body and order_versions.body become
  // packed_body BLOBs. The text each one unpacks to is the text stored before, byte for byte, so the
  // versions' digests stay true. Both tables are rebuilt, not altered in place: a row shrunk in place
  // keeps its page, so the orders would go on taking a page each. Each is packed into a copy (in id
  // order, a page of rows at a time), dropped, and filled again under its own name from the copy: the
  // rows referencing it find their parents again before the deferred foreign-key check at the commit.
  // The refill has an ORDER BY: a bare INSERT … SELECT * between identical tables is copied page by
  // page, without the foreign-key bookkeeping that counts the children found again.
  (db) => {
    db.pragma('defer_foreign_keys = ON');
    const ordersTable = (name: string) => `
      CREATE TABLE ${name} (
        id               INTEGER PRIMARY KEY,
        brand_id         INTEGER,
        branch_id        INTEGER,
        short_id         TEXT NOT NULL DEFAULT '',
        status           INTEGER NOT NULL,
        updated_at       TEXT NOT NULL,
        created_at       TEXT,
        cart_hash        TEXT NOT NULL,
        packed_body      BLOB NOT NULL,
        first_seen_at    TEXT NOT NULL,
        last_event_at    TEXT NOT NULL,
        acknowledged_at  TEXT
      );`;
    const versionsTable = (name: string) => `
      CREATE TABLE ${name} (
        id           INTEGER PRIMARY KEY,
        order_id     INTEGER REFERENCES orders (id),
        digest       TEXT NOT NULL,
        packed_body  BLOB
      );`;
    db.exec(ordersTable('orders_packed') + versionsTable('order_versions_packed'));
    const orderColumns = 'id, brand_id, branch_id, short_id, status, updated_at, created_at, cart_hash, first_seen_at, last_event_at, acknowledged_at';
    const copies = [
      { from: 'orders', columns: orderColumns },
      { from: 'order_versions', columns: 'id, order_id, digest' },
    ];
    for (const { from, columns } of copies) {
      const page = db.prepare(`SELECT ${columns}, body FROM ${from} WHERE id > ? ORDER BY id LIMIT 500`);
      const names = columns.split(', ');
      const insert = db.prepare(`INSERT INTO ${from}_packed (${columns}, packed_body) VALUES (${names.map((n) => `@${n}`).join(', ')}, @packed_body)`);
      for (let after = Number.MIN_SAFE_INTEGER, rows = page.all(after) as { id: number; body: string | null }[]; rows.length > 0; rows = page.all(after) as typeof rows) {
        for (const { body, ...row } of rows) insert.run({ ...row, packed_body: body === null ? null : packOrderBody(body) });
        after = rows.at(-1)!.id;
      }
    }
    db.exec(`
      DROP TABLE order_versions;
      DROP TABLE orders;
      ${ordersTable('orders')}
      INSERT INTO orders SELECT * FROM orders_packed ORDER BY id;
      DROP TABLE orders_packed;
      CREATE INDEX orders_recent ON orders (first_seen_at DESC);
      ${versionsTable('order_versions')}
      INSERT INTO order_versions SELECT * FROM order_versions_packed ORDER BY id;
      DROP TABLE order_versions_packed;
      CREATE INDEX order_versions_digest ON order_versions (order_id, digest);
    `);
  },
  // 16 (main/store/events.ts EVENT_HASH_BYTES_VERSION): an event's body hash is kept as its 32 bytes,
  // not 64 hex characters, in the row and in the identity index that dedupes by it: 64 bytes less per
  // event, the same identity. Rows recorded before bodies were hashed keep a NULL hash. The table is
  // rebuilt (as in migration 8) so the rows are packed as tightly as new ones.
  (db) => {
    db.exec(`
      CREATE TABLE events_hash_bytes (
        id           INTEGER PRIMARY KEY,
        event_id     TEXT NOT NULL,
        body_sha256  BLOB,
        source       TEXT NOT NULL CHECK (source IN ('relay', 'poll', 'manual')),
        seq          INTEGER,
        event_type   TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'stale', 'duplicate', 'quarantined')),
        detail       TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO events_hash_bytes (id, event_id, body_sha256, source, seq, event_type, received_at, outcome, detail)
        SELECT id, event_id, unhex(body_sha256), source, seq, event_type, received_at, outcome, detail FROM events ORDER BY id;
      DROP TABLE events;
      ALTER TABLE events_hash_bytes RENAME TO events;
      CREATE UNIQUE INDEX events_identity ON events (event_id, body_sha256);
      CREATE INDEX events_seq ON events (seq) WHERE seq IS NOT NULL;
      CREATE INDEX events_received_at ON events (received_at);
    `);
  },
  // 17: an order's versions go with it at retention, and every version deleted made SQLite look for
  // print jobs still pointing at it (two foreign keys) through the whole print_jobs table: a pruning
  // batch of 20 orders read it some 160 times. Jobs without a version (test prints, older rows) are
  // left out of the indexes; the lookup is by a version id, never NULL.
  (db) => {
    db.exec(`
      CREATE INDEX print_jobs_order_version ON print_jobs (order_version_id) WHERE order_version_id IS NOT NULL;
      CREATE INDEX print_jobs_previous_version ON print_jobs (previous_version_id) WHERE previous_version_id IS NOT NULL;
    `);
  },
  // 18 (main/store/print-jobs.ts JOB_INDEXES_VERSION): print jobs indexed as their queries read them,
  // for each index costs every ingested event a page written per leaf its new jobs land in. The waiting
  // jobs are indexed once, by the queue that owns them (print_jobs_owner_waiting, migration 11):
  // print_jobs_waiting, by printer, serves no query since. print_jobs_state is keyed by state alone (and
  // so by id within a state, the order the window reads them in): by state and printer, an order's
  // tickets for two printers landed in two leaves.
  (db) => {
    db.exec(`
      DROP INDEX IF EXISTS print_jobs_waiting;
      DROP INDEX print_jobs_state;
      CREATE INDEX print_jobs_state ON print_jobs (state);
    `);
  },
  // 19 (main/store/print-jobs.ts PENDING_INDEX_DROPPED_VERSION): print_jobs_pending (printer_id, state, id)
  // serves no query since the queues read print_jobs_owner_waiting and the window reads by state; keyed
  // by printer first, an order's tickets for two printers landed in two of its leaves: two of the
  // twenty-one pages each ingested event wrote.
  (db) => {
    db.exec('DROP INDEX IF EXISTS print_jobs_pending');
  },
];
