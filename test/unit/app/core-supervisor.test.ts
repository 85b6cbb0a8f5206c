import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BridgeUpdate } from '../../../common/bridge-api.js';
import type { CoreInbound } from '../../../common/core-protocol.js';
import { superviseCore, type CoreChild } from '../../../main/app/core-supervisor.js';

class FakeChild extends EventEmitter {
  readonly sent: CoreInbound[] = [];
  postMessage(message: CoreInbound): void {
    this.sent.push(message);
  }
  kill(): boolean {
    this.emit('exit', 1);
    return true;
  }
}

function setup() {
  const children: FakeChild[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const updates: BridgeUpdate[] = [];
  const now = { value: 0 };
  const supervisor = superviseCore({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child as unknown as CoreChild;
    },
    init: () => ({ type: 'init', dataDir: '/data', secrets: { relayToken: { value: 't', origin: 'wss://relay.example.com' } } }),
    onUpdate: (u) => updates.push(u),
    log: () => {},
    now: () => now.value,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
  });
  return { supervisor, children, timers, updates, now };
}

describe('core supervisor', () => {
  it('starts the core with its secrets and routes a request to its answer', async () => {
    const { supervisor, children } = setup();
    expect(children[0]!.sent[0]).toEqual({ type: 'init', dataDir: '/data', secrets: { relayToken: { value: 't', origin: 'wss://relay.example.com' } } });
    const answer = supervisor.request('getHealth', undefined);
    const request = children[0]!.sent[1] as Extract<CoreInbound, { type: 'request' }>;
    expect(request).toMatchObject({ type: 'request', method: 'getHealth' });
    children[0]!.emit('message', { type: 'response', id: request.id, result: { ok: true, value: 42 } });
    await expect(answer).resolves.toEqual({ ok: true, value: 42 });
  });

  it('restarts the core after it exits, with growing delays, and says so', async () => {
    const { supervisor, children, timers, updates, now } = setup();
    const inFlight = supervisor.request('listOrders', { limit: 1 });
    children[0]!.emit('exit', 9);
    await expect(inFlight).resolves.toMatchObject({ ok: false });
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers[0]!.fn();
    expect(children).toHaveLength(2);
    expect(children[1]!.sent[0]).toMatchObject({ type: 'init' });
    expect(updates).toEqual([expect.objectContaining({ type: 'core-restarted', reason: 'it exited with code 9' })]);

    children[1]!.emit('exit', 9);
    children.at(-1);
    timers[1]!.fn();
    children[2]!.emit('exit', 9);
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000, 4000]);

    timers[2]!.fn();
    now.value += 120_000;
    children[3]!.emit('exit', 9);
    expect(timers.at(-1)!.ms).toBe(1000);
    expect(supervisor.restarts()).toBe(3);
  });

  it('ignores malformed messages and does not restart after stop', () => {
    const { supervisor, children, timers, updates } = setup();
    children[0]!.emit('message', { type: 'update', update: { type: 'rm -rf' } });
    expect(updates).toEqual([]);
    supervisor.stop();
    expect(children[0]!.sent.at(-1)).toEqual({ type: 'stop' });
    children[0]!.emit('exit', 0);
    expect(timers).toEqual([]);
  });
});
