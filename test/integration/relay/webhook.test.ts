import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../../relay/server.js';
import { loadWebhookSecrets } from '../../../relay/webhook/secrets.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { envelopeText, fetchMetrics, postWebhook, queryStore, relayPerTest, SECRET, sign, startTestRelay, storeSizeBytes, STORE_KINDS, type TestStore, testStores } from './helpers.js';
import { MAX_JSON_DEPTH } from '../../../common/json-depth.js';

describe.each(STORE_KINDS)('relay webhook intake (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RunningRelay;

  const rows = (sql: string): Promise<unknown[]> => queryStore(data.location, sql);

  beforeEach(async () => {
    data = await stores.create(kind);
    relay = await startTestRelay(data.location);
  });
  afterEach(async () => {
    await relay.close();
    data.remove();
  });

  it('stores a validly signed envelope with its exact bytes and answers received', async () => {
    const text = JSON.stringify(readKlikitFixture('created-v2.single-order.envelope.json'), null, 3);
    const res = await postWebhook(relay.url, text, { eventId: 'evt-1' });
    expect(res).toEqual({ status: 200, json: { status: 'received' } });
    const stored = await rows('SELECT seq, event_id, event_type, body FROM events') as Array<{ seq: number; event_id: string; body: Buffer }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.event_id).toBe('evt-1');
    expect(stored[0]!.body.toString('utf8')).toBe(text);
  });

  it('rejects a wrong signature with 401 and stores nothing', async () => {
    const res = await postWebhook(relay.url, envelopeText(1, 1), { signature: sign('other-secret', envelopeText(1, 1)) });
    expect(res).toEqual({ status: 401, json: { error: 'invalid signature' } });
    expect(await rows('SELECT * FROM events')).toHaveLength(0);
  });

  it('rejects a body altered by one byte after signing', async () => {
    const body = Buffer.from(envelopeText(1, 2));
    const signature = sign(SECRET, body);
    body[body.length - 2] = body[body.length - 2]! ^ 1;
    const res = await postWebhook(relay.url, body, { signature });
    expect(res.status).toBe(401);
  });

  it('rejects an uppercase or truncated signature', async () => {
    const body = envelopeText(1, 3);
    expect((await postWebhook(relay.url, body, { signature: sign(SECRET, body).toUpperCase() })).status).toBe(401);
    expect((await postWebhook(relay.url, body, { signature: sign(SECRET, body).slice(0, 63) })).status).toBe(401);
  });

  it.each(['x-klikit-signature', 'x-klikit-event-id', 'x-klikit-event-type'])('answers 400 naming the missing %s', async (header) => {
    const res = await postWebhook(relay.url, envelopeText(1, 4), { omit: [header] });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: `missing header ${header}` });
  });

  it('ignores a repeated body under any id, and stores (and counts) a reused id with another body', async () => {
    const body = envelopeText(1, 5);
    expect((await postWebhook(relay.url, body, { eventId: 'a' })).json).toEqual({ status: 'received' });
    expect(await postWebhook(relay.url, body, { eventId: 'a' })).toEqual({ status: 200, json: { status: 'duplicate-ignored' } });
    expect(await postWebhook(relay.url, body, { eventId: 'b' })).toEqual({ status: 200, json: { status: 'duplicate-ignored' } });
    expect(await postWebhook(relay.url, envelopeText(1, 6), { eventId: 'a' })).toEqual({ status: 200, json: { status: 'received' } });
    expect(await rows('SELECT event_id FROM events ORDER BY seq')).toEqual([{ event_id: 'a' }, { event_id: 'a' }]);
    expect(await fetchMetrics(relay.url)).toContain('relay_event_ids_reused_total 1');
  });

  it.runIf(kind === 'sqlite')("keys a body by the second of its first order's updated_at, then its hash; an unreadable stamp dedupes too", async () => {
    const stamped = envelopeText(1, 8, { updated_at: '2026-06-24T12:00:07Z' });
    const unstamped = envelopeText(1, 9, { updated_at: 'soon' });
    for (const body of [stamped, unstamped]) {
      expect((await postWebhook(relay.url, body)).json).toEqual({ status: 'received' });
      expect((await postWebhook(relay.url, body)).json).toEqual({ status: 'duplicate-ignored' });
    }
    const second = (Date.UTC(2026, 5, 24, 12, 0, 7) / 1000).toString(16).padStart(8, '0');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(await rows('SELECT lower(hex(body_key)) AS key FROM events ORDER BY seq')).toEqual([
      { key: second + sha(stamped) },
      { key: '00000000' + sha(unstamped) },
    ]);
  });

  it('quarantines well-signed JSON that is not an envelope with 422, and answers an unknown event type 202 (quarantined)', async () => {
    const notEnvelope = await postWebhook(relay.url, JSON.stringify({ brand_id: 1, orders: [] }), { eventId: 'q1' });
    expect(notEnvelope.status).toBe(422);
    expect((notEnvelope.json as { error: string }).error).toMatch(/branch_id/);
    const unknownType = await postWebhook(relay.url, envelopeText(1, 7), { eventId: 'q2', eventType: 'klikit.menu.updated' });
    expect(unknownType).toEqual({ status: 202, json: { status: 'quarantined', reason: 'unknown event type "klikit.menu.updated"' } });
    expect(await rows('SELECT event_id FROM quarantine ORDER BY id')).toEqual([{ event_id: 'q1' }, { event_id: 'q2' }]);
    expect(await rows('SELECT * FROM events')).toHaveLength(0);
  });

  it('grows the store by less than 1 MB over 1,000 replays of one captured body under unknown types', async () => {
    const body = JSON.stringify(readKlikitFixture('created-v2.single-order.envelope.json'));
    await postWebhook(relay.url, body, { eventId: 'genuine' });
    const sizeBefore = await storeSizeBytes(data.location);
    for (let i = 0; i < 1000; i += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, j) => postWebhook(relay.url, body, { eventId: `replay-${i + j}`, eventType: `klikit.forged.${i + j}` })),
      );
      expect(answers.every((a) => a.status === 202)).toBe(true);
    }
    expect(await storeSizeBytes(data.location) - sizeBefore).toBeLessThan(1024 * 1024);
    expect(await rows('SELECT hits FROM quarantine')).toEqual([{ hits: 1000 }]);
    expect(await fetchMetrics(relay.url)).toContain('relay_webhooks_total{outcome="unknown_type"} 1000');
  });

  it('answers 600-deep nesting 422 and quarantines it once', async () => {
    const deep = `{"brand_id":1,"branch_id":1,"orders":[{"id":1,"cart_v2":${'['.repeat(600)}${']'.repeat(600)}}]}`;
    expect(MAX_JSON_DEPTH).toBeLessThan(600);
    const first = await postWebhook(relay.url, deep, { eventId: 'deep-1' });
    expect(first).toEqual({ status: 422, json: { error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` } });
    expect((await postWebhook(relay.url, deep, { eventId: 'deep-2' })).status).toBe(422);
    expect(await rows('SELECT event_id, hits FROM quarantine')).toEqual([{ event_id: 'deep-1', hits: 2 }]);
  });

  it('answers malformed JSON with 400 and a reason, and quarantines it', async () => {
    const res = await postWebhook(relay.url, '{"brand_id": 1,', { eventId: 'bad-json' });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(/malformed JSON/);
    expect(await rows('SELECT event_id, reason FROM quarantine')).toHaveLength(1);
  });

  it('refuses a body over 256 KiB with 413 without storing it', async () => {
    const big = JSON.stringify({ brand_id: 1, branch_id: 1, orders: [{ id: 1, status: 1, pad: 'x'.repeat(256 * 1024) }] });
    const res = await postWebhook(relay.url, big);
    expect(res.status).toBe(413);
    expect(await rows('SELECT * FROM events')).toHaveLength(0);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  });

  it('serves /healthz and /metrics with webhook outcomes', async () => {
    await postWebhook(relay.url, envelopeText(1, 8));
    await postWebhook(relay.url, envelopeText(1, 9), { signature: 'nope' });
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const metrics = await fetchMetrics(relay.url);
    expect(metrics).toContain('relay_webhooks_total{outcome="received"} 1');
    expect(metrics).toContain('relay_webhooks_total{outcome="invalid_signature"} 1');
    expect(metrics).toMatch(/relay_store_bytes [1-9]\d*/);
    expect(metrics).toContain('relay_connected_devices 0');
  });
});

describe.each(STORE_KINDS)('relay webhook secrets (%s store)', (kind) => {
  const relays = relayPerTest(kind);

  it('accepts both the old and the new secret during a rotation', async () => {
    const { secrets } = loadWebhookSecrets('old-secret,new-secret');
    const relay = await relays.start({ secrets });
    expect((await postWebhook(relay.url, envelopeText(1, 1), { secret: 'old-secret' })).status).toBe(200);
    expect((await postWebhook(relay.url, envelopeText(1, 2), { secret: 'new-secret' })).status).toBe(200);
    expect((await postWebhook(relay.url, envelopeText(1, 3), { secret: 'third' })).status).toBe(401);
  });

  it('verifies with a secret whose env value ended in a newline (stripped at load)', async () => {
    const { secrets, warnings } = loadWebhookSecrets('pasted-secret\n');
    expect(warnings.join()).toMatch(/newline/);
    const relay = await relays.start({ secrets });
    expect((await postWebhook(relay.url, envelopeText(1, 1), { secret: 'pasted-secret' })).status).toBe(200);
  });
});
