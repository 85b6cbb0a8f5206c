import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { createActionOutbox, type ActionOptions, type ActionOutbox } from '../../../main/actions/outbox.js';
import { systemClock } from '../../../ground/clock.js';
import { createKlikitApi } from '../../../main/klikit/api-client.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { upsertOrder } from '../../../main/store/orders.js';
import { badGateway, ok, rateLimited, redirectTo, startKlikitStandIn, streamHuge, type Answer, type KlikitStandIn, type StreamedBody } from '../../helpers/klikit-stand-in.js';
import { waitFor } from '../../helpers/wait.js';
import { readStoredWords } from '../../../common/i18n/stored-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const english = createTranslator('en');

// The outbox against a klikit stand-in over real HTTP: each order its own lane, retries bounded in
// rate and in time, hostile answers never marked sent, bumps that can be undone, station bumps.

const FLOOR_MS = 150;
let dir: string;
let db: Db;
let klikit: KlikitStandIn;
let other: KlikitStandIn;
let outbox: ActionOutbox | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-lanes-'));
  db = openDatabase(join(dir, 'bridge.db'));
  klikit = await startKlikitStandIn();
  other = await startKlikitStandIn();
});

afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  await klikit.close();
  await other.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(options: Partial<ActionOptions> = {}, stationsOf?: (body: unknown) => string[], baseUrl = klikit.baseUrl): ActionOutbox {
  const policy = { baseDelayMs: FLOOR_MS, minDelayMs: FLOOR_MS, maxDelayMs: 1_000 };
  outbox = createActionOutbox({
    db,
    clock: systemClock,
    random: seededRandom(5),
    logger: pino({ level: 'silent' }),
    api: createKlikitApi({ baseUrl, partnerKey: 'pk', secretKey: 'sk', clock: systemClock, random: Math.random, timeoutMs: 5_000, maxRetries: 0, retry: policy }),
    policy,
    options: { undoMs: 0, ...options },
    stationsOf,
    refresh: () => {},
  });
  outbox.start();
  return outbox;
}

/** The bridge stored this order (placed now unless told otherwise). */
function seed(id: number, status: number, createdAt = new Date().toISOString()): number {
  const body = { id, short_id: `S${id}`, status, provider_id: 6, type: 1, brands: [], created_at: createdAt, updated_at: createdAt, cart_v2: [] };
  upsertOrder(db, { id, brandId: 1, branchId: 2, shortId: `S${id}`, status, updatedAt: createdAt, createdAt, cartHash: `h${id}`, body, seenAt: createdAt });
  return id;
}

type Row = { order_id: number; action: string; state: string; attempts: number; last_error: string; detail: string };
/** The actions, their reasons as the window reads them (stored as catalogue keys, shown in English here). */
const rows = (orderId?: number): Row[] =>
  (db.prepare('SELECT order_id, action, state, attempts, last_error, detail FROM order_actions ORDER BY id').all() as Row[])
    .filter((r) => orderId === undefined || r.order_id === orderId)
    .map((r) => ({ ...r, last_error: readStoredWords(r.last_error, english) }));

/** Order 1 answers `answer`; every other order is taken. */
const forOrder1 =
  (answer: Answer): Answer =>
  (req, res) =>
    req.orderId === 1 ? answer(req, res) : ok(req, res);

describe('one order never blocks another', () => {
  it('sends order B’s Accept within 2 s while klikit answers 502 for order A forever', async () => {
    klikit.answer(forOrder1(badGateway));
    start();
    seed(1, 1);
    seed(2, 1);
    expect(outbox!.submit(1, 'accepted')).toMatchObject({ ok: true });
    await waitFor('order A to fail twice', () => klikit.patches(1).length >= 2);
    const submitted = Date.now();
    expect(outbox!.submit(2, 'accepted')).toMatchObject({ ok: true });
    await waitFor('order B’s Accept at klikit', () => klikit.patches(2).length === 1, { timeoutMs: 2_000, intervalMs: 5 });
    expect(Date.now() - submitted).toBeLessThan(2_000);
    await waitFor('order B marked sent', () => rows(2)[0]?.state === 'sent');
    expect(rows(1)[0]).toMatchObject({ state: 'pending', last_error: expect.stringContaining('klikit is having trouble') });
    expect(rows(1)[0]!.last_error).not.toMatch(/502|request_id|HTTP/);
    expect(rows(1)[0]!.detail).toMatch(/502.*request_id req_502/);
  });

  it('keeps an order’s Ready behind its Accept', async () => {
    let failures = 2;
    klikit.answer((req, res) => (req.body.includes('accepted') && failures-- > 0 ? badGateway(req, res) : ok(req, res)));
    start();
    seed(1, 1);
    outbox!.submit(1, 'accepted');
    expect(outbox!.submit(1, 'ready')).toMatchObject({ ok: true });
    await waitFor('both sent', () => rows(1).every((r) => r.state === 'sent'));
    expect(klikit.patches(1).map((p) => (JSON.parse(p.body) as { status: string }).status)).toEqual(['accepted', 'accepted', 'accepted', 'ready']);
  });
});

describe('retries bounded in rate', () => {
  it.each([
    ['Retry-After: 0', '0'],
    ['a Retry-After date in the past', new Date(Date.now() - 3_600_000).toUTCString()],
  ])('waits at least the floor between attempts after %s', async (_what, retryAfter) => {
    klikit.answer(rateLimited(retryAfter));
    start();
    seed(1, 1);
    outbox!.submit(1, 'accepted');
    await waitFor('five attempts', () => klikit.patches(1).length >= 5);
    const at = klikit.patches(1).map((p) => p.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // A few ms of timer slack at most; a hot loop would answer in well under a millisecond.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(FLOOR_MS - 5);
    expect(rows(1)[0]).toMatchObject({ state: 'pending', last_error: expect.stringContaining('slow down') });
  });
});

describe('retries bounded in time', () => {
  it('gives up on an Accept that fails forever once the acceptance window is over, with its reason', async () => {
    klikit.answer(badGateway);
    start({ acceptWindowMs: 1_000 });
    seed(1, 1);
    outbox!.submit(1, 'accepted');
    await waitFor('the action to be given up', () => rows(1)[0]?.state === 'failed');
    const failed = rows(1)[0]!;
    expect(failed.last_error).toMatch(/^Not sent: klikit kept failing before the time to accept this order ran out\. Accept it on the klikit tablet/);
    expect(failed.detail).toContain('502');
    const attempts = klikit.patches(1).length;
    expect(attempts).toBe(failed.attempts);
    expect(outbox!.health()).toMatchObject({ state: 'ok', waitingActions: 0 });
  });

  it('says klikit is unreachable, with how many actions wait, when the network is the cause', async () => {
    const deadPort = new URL(other.origin).port;
    await other.close();
    start({}, undefined, `http://127.0.0.1:${deadPort}/v1/partner`);
    seed(1, 1);
    seed(2, 2);
    outbox!.submit(1, 'accepted');
    outbox!.submit(2, 'ready');
    await waitFor('klikit seen unreachable', () => outbox!.health().state === 'unreachable');
    expect(outbox!.health()).toEqual({ state: 'unreachable', waitingActions: 2, detail: 'klikit unreachable — 2 actions waiting' });
    other = await startKlikitStandIn();
  });
});

describe('hostile answers are never taken as sent', () => {
  it.each([307, 303])('a %i to another host: nothing reaches it and the action keeps waiting', async (status) => {
    other.answer(ok);
    klikit.answer(redirectTo(status, `${other.baseUrl}/orders/1/status`));
    start();
    seed(1, 1);
    outbox!.submit(1, 'accepted');
    await waitFor('two attempts', () => klikit.patches(1).length >= 2);
    expect(other.requests).toEqual([]);
    expect(rows(1)[0]).toMatchObject({ state: 'pending', last_error: expect.stringContaining('cannot use') });
    expect(rows(1)[0]!.detail).toContain(String(status));
  });

  it('a 300 MiB answer to a PATCH: the read stops at the cap and the action is not marked sent', async () => {
    const streams: StreamedBody[] = [];
    klikit.answer(forOrder1(streamHuge(200, 300 * 1024 * 1024, streams)));
    start();
    seed(1, 1);
    outbox!.submit(1, 'accepted');
    await waitFor('a failed attempt', () => rows(1)[0]!.attempts >= 1);
    await streams[0]!.done;
    expect(streams[0]!.closedEarly).toBe(true);
    expect(streams[0]!.bytesWritten).toBeLessThan(32 * 1024 * 1024);
    expect(rows(1)[0]!.state).toBe('pending');
  });
});

describe('undo and stations', () => {
  it('a recalled bump never reaches klikit', async () => {
    start({ undoMs: 300 });
    seed(1, 2);
    seed(2, 2);
    expect(outbox!.submit(1, 'ready')).toMatchObject({ ok: true });
    expect(outbox!.recall(1)).toMatchObject({ ok: true });
    // Bumped after the recall with the same undo time: once it is at klikit, the recalled one would have been too.
    outbox!.submit(2, 'ready');
    await waitFor('order 2’s Ready at klikit', () => klikit.patches(2).length === 1);
    expect(klikit.patches(1)).toEqual([]);
    expect(rows(1)[0]).toMatchObject({ state: 'recalled' });
    expect(outbox!.recall(2)).toMatchObject({ ok: false });
  });

  it('tells the screen that bumped until when its own bump can be undone, and nothing for what cannot be', () => {
    start({ undoMs: 60_000 }, (body) => ((body as { id: number }).id === 3 ? ['grill', 'bar'] : []));
    seed(1, 2);
    seed(2, 1);
    seed(3, 2);
    const undoUntils = (orderId: number) => db.prepare('SELECT station, undo_until FROM order_actions WHERE order_id = ? ORDER BY id').all(orderId);

    const ready = outbox!.submit(1, 'ready');
    expect(ready).toEqual({ ok: true, message: expect.any(String), undoUntil: expect.any(String) });
    expect(undoUntils(1)).toEqual([{ station: null, undo_until: ready.ok ? ready.undoUntil : 'none' }]);
    expect(outbox!.submit(2, 'accepted')).toEqual({ ok: true, message: expect.any(String) });

    const grill = outbox!.submit(3, 'ready', undefined, 'grill');
    const bar = outbox!.submit(3, 'ready', undefined, 'bar');
    const [grillUntil, barUntil] = [grill, bar].map((o) => (o.ok ? o.undoUntil : 'refused'));
    // The bar's bump released the Ready: both go back with the bar's Undo, so they share its time.
    expect(undoUntils(3)).toEqual([
      { station: 'grill', undo_until: grillUntil },
      { station: 'bar', undo_until: barUntil },
      { station: null, undo_until: barUntil },
    ]);
    expect(outbox!.submit(3, 'ready', undefined, 'bar')).toEqual({ ok: false, message: expect.any(String) });
  });

  it('a whole-order Undo takes back the bump that window made, never a station’s bump made since', () => {
    start({ undoMs: 60_000 }, () => ['grill', 'bar']);
    seed(1, 2);
    seed(2, 2);
    const stations = (orderId: number) => db.prepare('SELECT station, state FROM order_actions WHERE order_id = ? ORDER BY id').all(orderId);

    // The cashier bumps Ready (held), then the grill bumps its share: the cashier's Undo (or "Back to
    // board", which names no bump) takes back the Ready; the grill's card stays done.
    expect(outbox!.submit(1, 'ready')).toMatchObject({ ok: true, undoUntil: expect.any(String) });
    expect(outbox!.submit(1, 'ready', undefined, 'grill')).toMatchObject({ ok: true });
    expect(outbox!.recall(1)).toMatchObject({ ok: true });
    expect(stations(1)).toEqual([{ station: null, state: 'recalled' }, { station: 'grill', state: 'local' }]);
    expect(outbox!.recall(1)).toMatchObject({ ok: false });

    // The undo bar names its bump by the time the answer gave: another time recalls nothing.
    const mine = outbox!.submit(2, 'ready');
    expect(outbox!.submit(2, 'ready', undefined, 'grill')).toMatchObject({ ok: true });
    expect(outbox!.recall(2, undefined, '2000-01-01T00:00:00.000Z')).toMatchObject({ ok: false });
    expect(outbox!.recall(2, undefined, mine.ok ? mine.undoUntil : 'refused')).toMatchObject({ ok: true });
    expect(stations(2)).toEqual([{ station: null, state: 'recalled' }, { station: 'grill', state: 'local' }]);
  });

  it('sends READY only when every station with lines is done', async () => {
    start({ undoMs: 0 }, () => ['grill', 'bar']);
    seed(1, 2);
    seed(2, 2);
    expect(outbox!.submit(1, 'ready', undefined, 'grill')).toMatchObject({ ok: true, message: expect.stringContaining('1 other station is still working') });
    expect(outbox!.submit(1, 'ready', undefined, 'grill')).toMatchObject({ ok: false });
    expect(outbox!.submit(1, 'ready', undefined, 'pastry')).toMatchObject({ ok: false });
    // Another order's Ready going out shows the outbox is running: order 1's would have gone first.
    outbox!.submit(2, 'ready');
    await waitFor('order 2’s Ready at klikit', () => klikit.patches(2).length === 1);
    expect(klikit.patches(1)).toEqual([]);
    expect(outbox!.submit(1, 'ready', undefined, 'bar')).toMatchObject({ ok: true, message: expect.stringContaining('Every station is done') });
    await waitFor('order 1’s Ready at klikit', () => klikit.patches(1).length === 1);
    expect(JSON.parse(klikit.patches(1)[0]!.body)).toEqual({ status: 'ready' });
  });

  it('with readyWhen "expo", station bumps send nothing and expo’s bump sends READY', async () => {
    start({ undoMs: 0, readyWhen: 'expo' }, () => ['grill', 'bar']);
    seed(1, 2);
    seed(2, 2);
    outbox!.submit(1, 'ready', undefined, 'grill');
    outbox!.submit(1, 'ready', undefined, 'bar');
    outbox!.submit(2, 'ready');
    await waitFor('order 2’s Ready at klikit', () => klikit.patches(2).length === 1);
    expect(klikit.patches(1)).toEqual([]);
    outbox!.submit(1, 'ready');
    await waitFor('order 1’s Ready at klikit', () => klikit.patches(1).length === 1);
  });
});
