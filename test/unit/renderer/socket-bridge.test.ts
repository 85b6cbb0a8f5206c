import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeUpdate } from '../../../common/bridge-api.js';
import { CLOSE_UNPAIRED, SILENT_LINK_MS } from '../../../common/screen-protocol.js';
import { createSocketBridge } from '../../../renderer/screen-link/socket-bridge.js';

// The screen's socket client with a fake WebSocket and fake timers: a bridge that goes silent without
// the socket noticing (a pulled cable) is reported after SILENT_LINK_MS; a reconnect reloads the
// board; calls while the link is down fail with words at once; an unpaired close goes to pairing.

type Listener = (event: { data?: string; code?: number }) => void;
class FakeSocket {
  static made: FakeSocket[] = [];
  readonly sent: string[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: { data?: string; code?: number } = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(code = 1006): void {
    this.emit('close', { code });
  }
}

let now = 0;
let due: Array<{ at: number; fn: () => void; handle: number }> = [];
let nextHandle = 1;
const timers = {
  set: (fn: () => void, ms: number) => {
    const handle = nextHandle++;
    due.push({ at: now + ms, fn, handle });
    return handle;
  },
  clear: (handle: unknown) => void (due = due.filter((t) => t.handle !== handle)),
};
function advance(ms: number): void {
  const until = now + ms;
  for (;;) {
    const next = due.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
    if (!next) break;
    due = due.filter((t) => t !== next);
    now = next.at;
    next.fn();
  }
  now = until;
}

beforeEach(() => {
  FakeSocket.made = [];
  due = [];
  now = 0;
  (globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket;
});
afterEach(() => {
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

describe('the screen socket client', () => {
  it('reports a silent bridge, fails calls with words while down, and reloads the board once back', async () => {
    const link: boolean[] = [];
    const bridge = createSocketBridge('ws://kitchen/bridge', { onLink: (up) => link.push(up), onUnpaired: () => link.push(false) }, timers);
    const updates: BridgeUpdate[] = [];
    bridge.onUpdate((u) => updates.push(u));
    const first = FakeSocket.made[0]!;
    const health = bridge.getHealth();
    first.emit('open');
    const request = JSON.parse(first.sent[0]!) as { id: number; method: string };
    expect(request.method).toBe('getHealth');
    first.emit('message', { data: JSON.stringify({ type: 'response', id: request.id, result: { ok: false, error: 'x' } }) });
    expect(await health).toEqual({ ok: false, error: 'x' });
    expect(link).toEqual([true]);

    advance(SILENT_LINK_MS - 1);
    first.emit('message', { data: JSON.stringify({ type: 'heartbeat' }) });
    advance(SILENT_LINK_MS - 1);
    expect(link).toEqual([true]);
    advance(1);
    expect(link).toEqual([true, false]);
    expect(await bridge.listOrders({ limit: 5 })).toEqual({ ok: false, error: expect.stringContaining('unreachable') });

    advance(2000);
    await new Promise((resolve) => setImmediate(resolve));
    const second = FakeSocket.made.at(-1)!;
    expect(second).not.toBe(first);
    second.emit('open');
    expect(link).toEqual([true, false, true]);
    expect(updates).toEqual([{ type: 'orders' }, { type: 'health' }]);
  });

  it('goes back to pairing when the bridge closes the socket as unpaired', () => {
    let unpaired = 0;
    createSocketBridge('ws://kitchen/bridge', { onLink: () => {}, onUnpaired: () => unpaired++ }, timers);
    FakeSocket.made[0]!.emit('open');
    FakeSocket.made[0]!.close(CLOSE_UNPAIRED);
    expect(unpaired).toBe(1);
    advance(10_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
