import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../main/klikit/schemas.js';
import { addDevice } from '../../../relay/admin.js';
import type { RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, SECRET, sign, startTestRelay, STORE_KINDS, TestBridge, type TestStore, testStores } from './helpers.js';

const SEED = 20260624;

type Case = { body: string; signed: boolean; eventType: string; omit: string[] };

const bodyArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 1e6 }).map((id) => envelopeText(7, id)),
  fc
    .record({ brand_id: fc.anything(), branch_id: fc.oneof(fc.integer(), fc.string()), orders: fc.array(fc.anything(), { maxLength: 2 }) })
    .map((v) => JSON.stringify(v) ?? 'null'),
  fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b).toString('latin1')),
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  body: bodyArb,
  signed: fc.boolean(),
  eventType: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /^[\x21-\x7e]+$/.test(s))),
  omit: fc.subarray(['x-klikit-signature', 'x-klikit-event-id', 'x-klikit-event-type'], { maxLength: 1 }),
});

const frameArb = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.json({ maxDepth: 3 }),
  fc.record({ type: fc.constantFrom('hello', 'ack', 'event', 'x'), protocol: fc.anything(), after: fc.anything(), seq: fc.anything() }, { requiredKeys: ['type'] }).map((v) => JSON.stringify(v) ?? '{}'),
  fc.record({ type: fc.constant('hello'), protocol: fc.integer({ min: 0, max: 3 }), after: fc.integer({ min: -2, max: 5 }) }).map((v) => JSON.stringify(v)),
);

describe.each(STORE_KINDS)('relay fuzz (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RunningRelay;
  beforeAll(async () => {
    data = await stores.create(kind);
    // Thirty fuzzing sockets of one device at a time: the per-device cap (4009, tested elsewhere) is lifted.
    relay = await startTestRelay(data.location, { maxSocketsPerDevice: 64 });
  });
  afterAll(async () => {
    await relay.close();
    data.remove();
  });

  it('answers thousands of random webhooks with the right status and keeps serving', async () => {
    const cases = fc.sample(caseArb, { numRuns: 2000, seed: SEED });
    const statuses = new Map<number, number>();
    for (let start = 0; start < cases.length; start += 50) {
      await Promise.all(
        cases.slice(start, start + 50).map(async (c, i) => {
          const res = await postWebhook(relay.url, c.body, {
            eventId: `fuzz-${start + i}`,
            eventType: c.eventType,
            omit: c.omit,
            signature: c.signed ? sign(SECRET, c.body) : sign('wrong', c.body),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (c.omit.length > 0) expect(res.status).toBe(400);
          else if (!c.signed) expect(res).toEqual({ status: 401, json: { error: 'invalid signature' } });
          else expect([200, 202, 400, 422]).toContain(res.status);
          if (res.status === 200) expect(['received', 'duplicate-ignored']).toContain((res.json as { status: string }).status);
        }),
      );
    }
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect((statuses.get(422) ?? 0) + (statuses.get(202) ?? 0)).toBeGreaterThan(50);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  });

  it('closes sockets that send random frames with a protocol code, and keeps feeding a good client', async () => {
    const good = new TestBridge(relay.bridgeUrl, (await addDevice(data.location, 'good', [7])).token);
    await good.opened;
    good.hello(0);
    const { token } = await addDevice(data.location, 'fuzzer', [7]);
    const frames = fc.sample(frameArb, { numRuns: 300, seed: SEED });
    for (let start = 0; start < frames.length; start += 30) {
      await Promise.all(
        frames.slice(start, start + 30).map(async (frame) => {
          const bridge = new TestBridge(relay.bridgeUrl, token);
          await bridge.opened;
          bridge.ws.send(frame);
          bridge.ws.send('{"type":"hello","protocol":1,"after":0}');
          // A client whose first frame was a valid v1 hello is now live; its second hello is a bad frame.
          const code = await bridge.closed();
          expect([4400, 4002]).toContain(code);
        }),
      );
    }
    const before = good.events.length;
    const res = await postWebhook(relay.url, envelopeText(7, 99_000_001), { eventId: 'after-frame-fuzz' });
    expect(res.status).toBe(200);
    await waitFor('the good client to receive the event', () => good.events.some((e) => e.event_id === 'after-frame-fuzz'));
    expect(good.events.length).toBeGreaterThan(before);
    expect(good.closeCode).toBeUndefined();
    good.stop();
  });
});
