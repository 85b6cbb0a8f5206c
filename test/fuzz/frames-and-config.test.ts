import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrame } from '../../main/relay-client/frames.js';
import { loadConfig, parseConfig } from '../../main/core/config.js';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { mutate, mutationArb, type Json } from './mutate.js';

// The bridge's other two boundaries: frames from the relay (a network peer) and the config file (a
// person with a text editor). Neither may throw; a refusal says what was wrong and where.

const SEED = 0xf4a3e5;
const dir = mkdtempSync(join(tmpdir(), 'fuzz-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const validFrame = fc.record({
  type: fc.constant('event'),
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  event_id: fc.string({ minLength: 1, maxLength: 40 }),
  event_type: fc.string({ minLength: 1, maxLength: 40 }),
  received_at: fc.constant('2026-06-24T12:00:00.000Z'),
  body: fc.jsonValue({ maxDepth: 3 }),
});

const VALID_CONFIG: Json = {
  relay: { url: 'wss://relay.example.com/v1/bridge', token: 'tok' },
  klikit: { baseUrl: 'https://api.dev.shadowchef.co/v1/partner', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293] },
  printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://192.168.1.50:9100', width: 48 }],
  dataDir: 'data',
  timing: { pingIntervalMs: 5000 },
};

describe('fuzz: relay frames', () => {
  it('any text is an event, a bad frame with a reason, or another frame type: never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json({ maxDepth: 4 })), (raw) => {
        const parsed = parseFrame(raw);
        expect(['event', 'bad', 'other']).toContain(parsed.kind);
        if (parsed.kind === 'bad') expect(parsed.reason.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('a valid event frame survives the round trip', () => {
    fc.assert(
      fc.property(validFrame, (frame) => {
        const parsed = parseFrame(JSON.stringify(frame));
        expect(parsed).toEqual({ kind: 'event', frame: JSON.parse(JSON.stringify(frame)) });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a mutated event frame is accepted only with a usable seq and ids; a bad one keeps only a valid seq', () => {
    fc.assert(
      fc.property(validFrame, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (frame, mutations) => {
        const parsed = parseFrame(JSON.stringify(mutate(frame as Json, mutations)));
        if (parsed.kind === 'event') {
          expect(Number.isSafeInteger(parsed.frame.seq) && parsed.frame.seq > 0).toBe(true);
          expect(parsed.frame.event_id).not.toBe('');
          expect(parsed.frame.event_type).not.toBe('');
        }
        if (parsed.kind === 'bad' && parsed.seq !== undefined) expect(Number.isSafeInteger(parsed.seq) && parsed.seq > 0).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('fuzz: config files', () => {
  it('arbitrary JSON is a config or an error naming the key', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) => {
        const result = parseConfig(raw, dir);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toMatch(/^(\(config\)|[\w.]+): ./m);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a mutated valid config is accepted only when every field the bridge uses is sound', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const result = parseConfig(mutate(VALID_CONFIG, mutations), dir);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        const c = result.config;
        expect(c.relay.url).toMatch(/^wss?:\/\//);
        for (const p of c.printers) {
          expect(parsePrinterUri(p.interface)).not.toHaveProperty('error');
          expect([48, 32]).toContain(p.width);
        }
        for (const ms of Object.values(c.timing)) expect(Number.isInteger(ms) && ms > 0).toBe(true);
        expect(c.dataDir.startsWith('/')).toBe(true);
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('a config file with any bytes in it is read into a result, never a throw', () => {
    const path = join(dir, 'bridge.json');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        writeFileSync(path, bytes);
        const result = loadConfig(path);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toContain(path);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(loadConfig(join(dir, 'missing.json'))).toMatchObject({ ok: false, error: expect.stringMatching(/cannot read config/) });
  });
});
