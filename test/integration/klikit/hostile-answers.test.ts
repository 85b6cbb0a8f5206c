import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createKlikitApi, type ApiResult, type KlikitApi } from '../../../main/klikit/api-client.js';
import { ok, redirectTo, startKlikitStandIn, streamHuge, type KlikitStandIn, type StreamedBody } from '../../helpers/klikit-stand-in.js';
import { waitFor } from '../../helpers/wait.js';

// klikit answers that try to hurt the core: a 300 MiB body (to a PATCH, a GET order, an orders
// page) is cut off at its byte cap, with the connection dropped; a redirect to another host is never
// followed, so the credentials and the body never reach it.

const HUGE = 300 * 1024 * 1024;
/** The cap plus what loopback socket buffers can hold: far below the 300 MiB on offer. */
const READ_BOUND = 32 * 1024 * 1024;

let klikit: KlikitStandIn;
let other: KlikitStandIn;
let api: KlikitApi;

beforeEach(async () => {
  klikit = await startKlikitStandIn();
  other = await startKlikitStandIn();
  api = createKlikitApi({ baseUrl: klikit.baseUrl, partnerKey: 'pk', secretKey: 'sk', clock: systemClock, random: Math.random, timeoutMs: 20_000, maxRetries: 0 });
});
afterEach(async () => {
  await klikit.close();
  await other.close();
});

const failure = <T>(r: ApiResult<T>) => {
  if (r.ok) throw new Error('expected a failure');
  return r;
};

describe('answers larger than their cap', () => {
  const calls: [string, () => Promise<ApiResult<unknown>>, number][] = [
    ['a PATCH answer', () => api.patchOrderStatus(1, { status: 'ready' }, 'k'), 200],
    ['a GET order answer', () => api.getOrder(1), 200],
    ['an orders page', () => api.listOrders({ from: 'a', to: 'b' }), 200],
    ['an error answer', () => api.patchOrderStatus(1, { status: 'ready' }, 'k'), 502],
  ];
  it.each(calls)('stops reading %s at the cap and hangs up', async (_what, call, status) => {
    const streams: StreamedBody[] = [];
    klikit.answer(streamHuge(status, HUGE, streams));
    const result = failure(await call());
    expect(result).toMatchObject({ kind: 'too-large', message: expect.stringContaining('larger than') });
    await waitFor('the stand-in to see the socket closed', () => streams[0] && streams[0].done.then(() => true));
    expect(streams[0]!.closedEarly).toBe(true);
    expect(streams[0]!.bytesWritten).toBeLessThan(READ_BOUND);
  });

  it('refuses an answer that announces its size beyond the cap without reading it', async () => {
    klikit.answer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(HUGE) });
      res.write('{"request_id":"x"');
    });
    expect(failure(await api.patchOrderStatus(1, { status: 'ready' }, 'k'))).toMatchObject({ kind: 'too-large' });
  });

  it('still reads an answer within the cap', async () => {
    klikit.answer(ok);
    expect(await api.patchOrderStatus(1, { status: 'ready' }, 'k')).toMatchObject({ ok: true });
  });
});

describe('redirects', () => {
  it.each([307, 303, 301, 308])('treats a %i to another host as a failure and sends nothing there', async (status) => {
    other.answer(ok);
    klikit.answer(redirectTo(status, `${other.baseUrl}/orders/1/status`));
    const patch = failure(await api.patchOrderStatus(1, { status: 'ready' }, 'key-1'));
    expect(patch).toMatchObject({ kind: 'redirect', status, message: expect.stringContaining(new URL(other.origin).host) });
    const get = failure(await api.getOrder(1));
    expect(get.kind).toBe('redirect');
    expect(other.requests).toEqual([]);
    expect(klikit.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
  });
});
