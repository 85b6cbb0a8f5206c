import { describe, expect, it } from 'vitest';
import type { Health } from '../../../common/bridge-api.js';
import { connectionNotice } from '../../../common/connection-notice.js';

const conn = (c: Partial<Health['connection']>): Health['connection'] => ({ mode: 'relay', since: null, lastEventAt: null, detail: '', fallback: { state: 'none', detail: '' }, ...c });

describe('what the connection banner says', () => {
  it('is silent while live with a working or absent fallback', () => {
    expect(connectionNotice(conn({})).level).toBe('ok');
    expect(connectionNotice(conn({ fallback: { state: 'standby', detail: '' } })).level).toBe('ok');
  });

  it('names the fallback’s state and what to do while reconnecting', () => {
    const none = connectionNotice(conn({ mode: 'reconnecting', detail: 'link closed (1006)' }));
    expect(none).toMatchObject({ level: 'bad', title: 'Reconnecting to relay — new orders may be delayed' });
    expect(none.advice).toBe('watch the tablets, check the internet');
    expect(none.more).toContain('No klikit fallback configured');
    expect(none.more).toContain('Add klikit API credentials in Settings');
    expect(none.detail).toBe('link closed (1006)');
    expect(connectionNotice(conn({ mode: 'reconnecting', fallback: { state: 'standby', detail: '' } })).more).toContain('starts polling within 15 s');
    expect(connectionNotice(conn({ mode: 'reconnecting', fallback: { state: 'failing', detail: 'HTTP 502' } })).detail).toContain('HTTP 502');
  });

  it('warns of a failing fallback while the relay is live, and of polling', () => {
    expect(connectionNotice(conn({ fallback: { state: 'failing', detail: 'timeout' } }))).toMatchObject({ level: 'warn', title: 'klikit fallback is not working' });
    expect(connectionNotice(conn({ fallback: { state: 'rejected', detail: '401' } })).more).toContain('secret key');
    expect(connectionNotice(conn({ mode: 'polling' })).level).toBe('warn');
  });

  it('tells a rejected device token from a plain outage', () => {
    expect(connectionNotice(conn({ mode: 'offline', detail: 'relay refused the device token: 4003' })).advice).toContain('new device token');
    expect(connectionNotice(conn({ mode: 'offline', detail: 'relay: ECONNREFUSED; klikit: 502' })).title).toContain('not arriving');
  });

  it('puts a missing-orders warning in the banner while live, and first in the advice during an outage', () => {
    const warning = 'Orders from Tue 1 Dec 09:00 to Tue 1 Dec 10:00 may be missing from this screen: check the aggregator tablets';
    expect(connectionNotice(conn({ warning }))).toMatchObject({ level: 'warn', title: 'Orders may be missing from this screen', advice: 'check the aggregator tablets', more: warning });
    const outage = connectionNotice(conn({ mode: 'reconnecting', warning }));
    expect(outage.level).toBe('bad');
    expect(outage.more.startsWith(warning)).toBe(true);
  });
});
