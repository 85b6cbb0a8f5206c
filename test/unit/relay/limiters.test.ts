import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../relay/bridge/failure-limiter.js';
import { BodyBudget } from '../../../relay/http/body-budget.js';
import { addressGroup, TrustedProxies } from '../../../relay/http/client-address.js';
import { ConnectionGuard } from '../../../relay/http/connection-guard.js';

describe('BodyBudget', () => {
  it('lets small bodies through always and large ones while the budget lasts; a release is counted once', () => {
    const budget = new BodyBudget(100, 10);
    expect(budget.reserve(10)).toBeDefined();
    const first = budget.reserve(60)!;
    expect(budget.reserve(50)).toBeUndefined();
    expect(budget.reserve(5)).toBeDefined();
    expect(budget.bytesInFlight).toBe(60);
    first();
    first();
    expect(budget.bytesInFlight).toBe(0);
    expect(budget.reserve(100)).toBeDefined();
  });
});

describe('FailureLimiter', () => {
  it('blocks an address at its limit until its window ends, and forgets ended windows', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 1000, { now: () => now });
    limiter.recordFailure('a');
    expect(limiter.blocked('a')).toBe(false);
    limiter.recordFailure('a');
    expect(limiter.blocked('a')).toBe(true);
    expect(limiter.blocked('b')).toBe(false);
    now = 999;
    expect(limiter.blocked('a')).toBe(true);
    now = 1000;
    expect(limiter.blocked('a')).toBe(false);
    limiter.recordFailure('c');
    expect(limiter.trackedAddresses).toBe(1);
    now = 2500;
    limiter.sweep();
    expect(limiter.trackedAddresses).toBe(0);
  });
});

describe('addressGroup', () => {
  it('counts an IPv4 address by its /24 and an IPv6 one by its /64, whatever its spelling', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.0/24');
    expect(addressGroup('::ffff:203.0.113.200')).toBe('203.0.113.0/24');
    expect(addressGroup('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:0db8:0000:0012:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressGroup('2001:db8:1:2:3:4:192.0.2.1')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('unknown')).toBe('unknown');
  });
});

const requestFrom = (peer: string, forwardedFor?: string): IncomingMessage =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('TrustedProxies', () => {
  it('reads X-Forwarded-For only from a trusted proxy, taking the nearest hop that is not one', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', '::1']);
    expect(proxies.clientOf(requestFrom('198.51.100.9', '192.0.2.1'))).toBe('198.51.100.9');
    expect(proxies.clientOf(requestFrom('10.1.2.3', '192.0.2.1'))).toBe('192.0.2.1');
    expect(proxies.clientOf(requestFrom('::ffff:10.1.2.3', 'forged, 192.0.2.66, 192.0.2.1, 10.9.9.9'))).toBe('192.0.2.1');
    expect(proxies.clientOf(requestFrom('::1', '10.0.0.5'))).toBe('10.0.0.5');
    expect(proxies.clientOf(requestFrom('10.1.2.3'))).toBe('10.1.2.3');
    expect(proxies.clientOf(requestFrom('10.1.2.3', 'not-an-address'))).toBe('10.1.2.3');
    expect(new TrustedProxies([]).clientOf(requestFrom('10.1.2.3', '192.0.2.1'))).toBe('10.1.2.3');
  });

  it('refuses what is not an address or a CIDR range', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8']) {
      expect(() => new TrustedProxies([bad])).toThrow(`not an IP address or CIDR range: ${JSON.stringify(bad)}`);
    }
  });
});

class FakeSocket extends EventEmitter {
  destroyed = false;
  constructor(readonly remoteAddress: string) {
    super();
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

describe('ConnectionGuard', () => {
  const guardOf = (maxConnections: number, maxPerGroup: number, trusted: string[] = []) => {
    const evicted: number[] = [];
    const guard = new ConnectionGuard({ maxConnections, maxPerGroup, isTrustedProxy: (a) => trusted.includes(a), onEvict: () => evicted.push(1) });
    const admit = (address: string): FakeSocket | undefined => {
      const socket = new FakeSocket(address);
      return guard.admit(socket as unknown as Socket) ? socket : undefined;
    };
    /** A request on the socket, arrived whole (`complete`) or still arriving; `answer()` ends it. */
    const request = (socket: FakeSocket, complete: boolean): { answer(): void } => {
      const res = new EventEmitter();
      guard.requestStarted({ socket, complete } as unknown as IncomingMessage, res as unknown as ServerResponse);
      return { answer: () => res.emit('finish') };
    };
    return { guard, admit, request, evicted };
  };

  it('makes room at the cap by closing the oldest stalled connection of the largest network', () => {
    const { guard, admit, evicted } = guardOf(5, 10);
    const a = [admit('10.0.1.1'), admit('10.0.1.2'), admit('10.0.1.3')];
    const b = [admit('10.0.2.1'), admit('10.0.2.2')];
    const genuine = admit('192.0.2.1');
    expect(genuine).toBeDefined();
    expect(a.map((s) => s!.destroyed)).toEqual([true, false, false]);
    expect(b.map((s) => s!.destroyed)).toEqual([false, false]);
    // Two groups of two now: the older connection goes first.
    expect(admit('10.0.3.1')).toBeDefined();
    expect(a[1]!.destroyed).toBe(true);
    expect(genuine!.destroyed).toBe(false);
    expect(guard.connections).toBe(5);
    expect(evicted).toHaveLength(2);
  });

  it('never cuts a request that arrived whole and is being answered; refuses when nothing else can go', () => {
    const { admit, request } = guardOf(2, 10);
    const first = admit('10.0.1.1')!;
    const second = admit('10.0.1.2')!;
    const answering = request(first, true);
    request(second, true);
    expect(admit('192.0.2.1')).toBeUndefined();
    answering.answer();
    expect(admit('192.0.2.1')).toBeDefined();
    expect(first.destroyed).toBe(true);
    expect(second.destroyed).toBe(false);
  });

  it('cuts a request still arriving before an idle one that is younger', () => {
    const { admit, request } = guardOf(2, 10);
    const slow = admit('10.0.1.1')!;
    const idle = admit('10.0.1.2')!;
    request(slow, false);
    expect(admit('192.0.2.1')).toBeDefined();
    expect([slow.destroyed, idle.destroyed]).toEqual([true, false]);
  });

  it('at the per-network cap replaces that network’s oldest stalled connection; trusted proxies have no such cap', () => {
    const { guard, admit, request } = guardOf(100, 2, ['10.9.9.9']);
    const first = admit('10.0.1.1')!;
    const second = admit('10.0.1.200')!;
    const third = admit('10.0.1.3')!;
    expect([first.destroyed, second.destroyed]).toEqual([true, false]);
    request(second, true);
    expect(admit('10.0.1.4')).toBeDefined();
    expect([second.destroyed, third.destroyed]).toEqual([false, true]);
    const proxied = Array.from({ length: 10 }, () => admit('10.9.9.9'));
    expect(proxied.every((socket) => socket !== undefined)).toBe(true);
    const neighbours = [admit('10.9.9.1'), admit('10.9.9.2'), admit('10.9.9.3')];
    expect(neighbours.map((socket) => socket?.destroyed)).toEqual([true, false, false]);
    expect(proxied.some((socket) => socket!.destroyed)).toBe(false);
    expect(guard.connections).toBe(14);
  });
});
