import { describe, expect, it } from 'vitest';
import { createConnectionState, type ConnectionState } from '../../../main/core/connection-state.js';

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('connection state', () => {
  it('starts reconnecting, with the relay down since the start', () => {
    const clock = manualClock();
    const state = createConnectionState(clock);
    expect(state.get()).toMatchObject({ mode: 'reconnecting', since: 1_000, lastEventAt: null });
    expect(state.relayDownSince()).toBe(1_000);
  });

  it('derives one mode from the relay link and the poller, and notifies on change', () => {
    const clock = manualClock();
    const state = createConnectionState(clock);
    const seen: ConnectionState[] = [];
    state.subscribe((s) => seen.push(s));
    clock.advance(10);
    state.setRelay('live');
    expect(state.relayDownSince()).toBeNull();
    clock.advance(10);
    state.setRelay('down', 'link closed (1006)');
    expect(state.relayDownSince()).toBe(1_020);
    state.setPoller('ok', 'polled');
    clock.advance(10);
    state.setPoller('credentials-rejected', 'HTTP 401');
    state.setRelay('token-rejected', 'relay rejected the device token (4001)');
    expect(seen.map((s) => s.mode)).toEqual(['live', 'reconnecting', 'polling', 'credentials-rejected', 'token-rejected']);
    expect(seen[2]!.since).toBe(1_020);
    expect(seen[3]!.since).toBe(1_030);
  });

  it('is offline when neither the relay nor klikit answers', () => {
    const state = createConnectionState(manualClock());
    state.setRelay('down', 'connect ECONNREFUSED');
    state.setPoller('failing', 'HTTP 502');
    expect(state.get().mode).toBe('offline');
    expect(state.get().detail).toMatch(/ECONNREFUSED.*502/);
  });

  it('keeps the relay-down time across reconnect attempts and records event times', () => {
    const clock = manualClock();
    const state = createConnectionState(clock);
    state.setRelay('live');
    clock.advance(5);
    state.setRelay('down');
    clock.advance(5);
    state.setRelay('connecting');
    expect(state.relayDownSince()).toBe(1_005);
    state.noteEvent();
    expect(state.get().lastEventAt).toBe(1_010);
  });

  it('keeps a warning whatever the mode does, and notifies when it is set', () => {
    const state = createConnectionState(manualClock());
    const seen: Array<string | null> = [];
    state.subscribe((s) => seen.push(s.warning));
    expect(state.get().warning).toBeNull();
    state.setWarning('Orders from Tue 1 Dec 09:00 to Tue 1 Dec 10:00 may be missing from this screen: check the aggregator tablets');
    state.setRelay('live');
    state.setRelay('down', 'link closed (1006)');
    expect(state.get().warning).toMatch(/may be missing/);
    expect(seen.filter((w) => w !== null)).toHaveLength(3);
    state.setWarning(null);
    expect(state.get().warning).toBeNull();
  });
});
