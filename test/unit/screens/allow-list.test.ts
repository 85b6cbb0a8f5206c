import { describe, expect, it } from 'vitest';
import { permit } from '../../../main/screens/allow-list.js';
import { isOwnHost, isSameOrigin, ownHostNames } from '../../../main/screens/host-check.js';

describe('allow-list', () => {
  it("a station's bump is always its own station's, whatever the page sends", () => {
    expect(permit({ kind: 'station', station: 'bar' }, 'orderAction', { orderId: 4, action: 'ready', station: 'grill' })).toEqual({ ok: true, args: { orderId: 4, action: 'ready', station: 'bar' } });
    expect(permit({ kind: 'station', station: 'bar' }, 'orderAction', { orderId: 4, action: 'picked_up' })).toMatchObject({ ok: false });
    // Nor can its undo reach another station's bump.
    expect(permit({ kind: 'station', station: 'bar' }, 'recallAction', { orderId: 4, station: 'grill' })).toEqual({ ok: true, args: { orderId: 4, station: 'bar' } });
    expect(permit({ kind: 'station', station: 'bar' }, 'recallAction', { orderId: 4 })).toEqual({ ok: true, args: { orderId: 4, station: 'bar' } });
  });

  it('expo hands out but does not accept; the desktop may do anything', () => {
    expect(permit({ kind: 'expo' }, 'orderAction', { orderId: 4, action: 'picked_up' })).toMatchObject({ ok: true });
    expect(permit({ kind: 'expo' }, 'orderAction', { orderId: 4, action: 'accepted' })).toMatchObject({ ok: false });
    // A station's bump is that station's screen's: expo's Ready is always the whole order's.
    expect(permit({ kind: 'expo' }, 'orderAction', { orderId: 4, action: 'ready', station: 'grill' })).toEqual({ ok: true, args: { orderId: 4, action: 'ready', station: undefined } });
    expect(permit({ kind: 'desktop' }, 'saveSettings', {})).toMatchObject({ ok: true });
    expect(permit({ kind: 'counter' }, 'saveSettings', {})).toMatchObject({ ok: false });
    expect(permit({ kind: 'counter' }, 'toString', undefined)).toMatchObject({ ok: false });
    expect(permit({ kind: 'pickup' }, 'pickupBoard', undefined)).toMatchObject({ ok: true });
  });

  it('"86" is for every screen that shows lines, never the pickup board', () => {
    for (const grant of [{ kind: 'counter' }, { kind: 'expo' }, { kind: 'station', station: 'bar' }] as const) {
      for (const method of ['markOutOfStock', 'restoreItem', 'listOutOfStock', 'searchItems']) expect(permit(grant, method, {}), `${grant.kind} ${method}`).toMatchObject({ ok: true });
    }
    expect(permit({ kind: 'pickup' }, 'markOutOfStock', {})).toMatchObject({ ok: false });
    expect(permit({ kind: 'pickup' }, 'listOutOfStock', undefined)).toMatchObject({ ok: false });
  });
});

describe('host check', () => {
  const names = ownHostNames(['kitchen.lan'], { eth0: [{ address: '192.168.1.20', family: 'IPv4' } as never, { address: 'fe80::1%eth0', family: 'IPv6' } as never] }, 'counter-pc');
  it('accepts own addresses and names with the port, refuses anything else', () => {
    for (const host of ['192.168.1.20:8787', 'kitchen.lan:8787', 'counter-pc.local:8787', '[fe80::1]:8787', 'localhost:8787', '127.0.0.1:8787']) expect(isOwnHost(host, 8787, names), host).toBe(true);
    for (const host of ['192.168.1.20:8788', 'attacker.example:8787', '192.168.1.20', undefined, '192.168.1.20:8787@x', 'kitchen.lan.attacker.example:8787']) expect(isOwnHost(host, 8787, names), String(host)).toBe(false);
  });
  it('same origin means exactly http://<host>', () => {
    expect(isSameOrigin('http://kitchen.lan:8787', 'kitchen.lan:8787')).toBe(true);
    expect(isSameOrigin('https://kitchen.lan:8787', 'kitchen.lan:8787')).toBe(false);
    expect(isSameOrigin('null', 'kitchen.lan:8787')).toBe(false);
    expect(isSameOrigin(undefined, 'kitchen.lan:8787')).toBe(false);
  });
});
