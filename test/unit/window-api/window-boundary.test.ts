import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeConfigFrom } from '../../../main/window-api/core-host.js';
import { createHarness, type Harness } from './fakes.js';

// What a compromised window can ask of the core through saveSettings / setSecret, and what it gets.

let h: Harness;
let dir: string | undefined;
afterEach(() => {
  h?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const RELAY = 'wss://relay.example.com/v1/bridge';
const KLIKIT = 'https://gateway-enterprise.klikit.io/v1/partner';

/** A set-up bridge: relay and klikit URLs saved, then their secrets entered. */
function configured(): Harness {
  const harness = createHarness();
  expect(harness.api.saveSettings({ relayUrl: RELAY, klikitBaseUrl: KLIKIT, klikitPartnerKey: 'pk', branchIds: [1293] }).ok).toBe(true);
  expect(harness.api.setSecret({ name: 'relayToken', value: 'device-token-1' })).toMatchObject({ ok: true });
  expect(harness.api.setSecret({ name: 'klikitSecretKey', value: 'secret-key-1' })).toMatchObject({ ok: true });
  return harness;
}

const configOf = (harness: Harness) => bridgeConfigFrom(harness.settings.current, harness.secrets, '/tmp/unused');

describe('the window cannot redirect secrets', () => {
  it('uses both secrets for the hosts they were entered for', () => {
    h = configured();
    const config = configOf(h);
    if (!config.ok) throw new Error(config.error);
    expect(config.config.relay).toMatchObject({ url: RELAY, token: 'device-token-1' });
    expect(config.config.klikit).toMatchObject({ baseUrl: KLIKIT, secretKey: 'secret-key-1' });
  });

  it('a klikit base URL on another host drops the secret key: the bridge config carries no klikit credentials', () => {
    h = configured();
    const saved = h.api.saveSettings({ klikitBaseUrl: 'https://evil.example/v1/partner' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(saved.view.secrets).toEqual({ relayToken: true, klikitSecretKey: false });
    expect(saved.view.nextSteps).toContainEqual(expect.stringMatching(/^Enter the klikit secret key for evil\.example: .*needs it again/));
    const config = configOf(h);
    expect(config.ok && config.config.klikit).toBe(undefined);
    expect(JSON.stringify(config)).not.toContain('secret-key-1');
    // Going back does not bring it back: it was dropped, not hidden.
    h.api.saveSettings({ klikitBaseUrl: KLIKIT });
    expect(h.api.getSettings().secrets.klikitSecretKey).toBe(false);
  });

  it('a relay URL on another host (or port, or scheme) drops the device token', () => {
    for (const relayUrl of ['wss://evil.example/v1/bridge', 'wss://relay.example.com:8443/v1/bridge', 'ws://127.0.0.1:9/v1/bridge']) {
      const harness = configured();
      const saved = harness.api.saveSettings({ relayUrl });
      expect(saved.ok && saved.view.secrets.relayToken).toBe(false);
      expect(configOf(harness)).toEqual({ ok: false, error: 'relay URL and device token are not set' });
      expect(harness.secrets.get('relayToken')).toBeUndefined();
      harness.db.close();
    }
  });

  it('a change of path on the same host keeps the secret', () => {
    h = configured();
    expect(h.api.saveSettings({ relayUrl: 'wss://relay.example.com/v2/bridge', klikitBaseUrl: 'https://gateway-enterprise.klikit.io/v2/partner' }).ok).toBe(true);
    expect(h.api.getSettings().secrets).toEqual({ relayToken: true, klikitSecretKey: true });
  });

  it('a new host with its secret typed in the same save works: the secret is bound to the new host', () => {
    h = configured();
    h.api.saveSettings({ relayUrl: 'wss://relay2.example.com/v1/bridge' });
    h.api.setSecret({ name: 'relayToken', value: 'device-token-2' });
    const config = configOf(h);
    expect(config.ok && config.config.relay).toMatchObject({ url: 'wss://relay2.example.com/v1/bridge', token: 'device-token-2' });
  });

  it('a secret needs its URL first', () => {
    h = createHarness();
    expect(h.api.setSecret({ name: 'relayToken', value: 'tok' })).toEqual({ ok: false, message: expect.stringContaining('relay URL first') });
    expect(h.api.getSettings().secrets.relayToken).toBe(false);
  });

  it('refuses cleartext to a public host and credentials in a URL, field by field', () => {
    h = configured();
    const saved = h.api.saveSettings({ relayUrl: 'ws://relay.example.com/v1/bridge', klikitBaseUrl: 'https://pk:PW@gateway-enterprise.klikit.io/v1/partner' });
    expect(saved).toEqual({
      ok: false,
      errors: [
        { field: 'relayUrl', message: expect.stringContaining('use wss://') },
        { field: 'klikitBaseUrl', message: expect.stringContaining('must not carry a user name or password') },
      ],
    });
    expect(h.api.getSettings().secrets).toEqual({ relayToken: true, klikitSecretKey: true });
    expect(h.api.saveSettings({ relayUrl: 'ws://192.168.1.20:8080/v1/bridge' }).ok).toBe(true);
  });
});

describe('the window cannot point a printer at a file', () => {
  it('refuses a file:// path that exists but is no device (a regular file, a directory), naming the field', () => {
    h = createHarness();
    dir = mkdtempSync(join(tmpdir(), 'boundary-'));
    const profile = join(dir, '.profile');
    writeFileSync(profile, 'echo hello\n');
    const printer = { id: 'k', name: 'Kitchen', type: 'epson', width: 48, copies: 1 };
    for (const [path, uri] of [[profile, `file://${profile}`], [dir, `file://${dir}`], [profile, `serial://${profile}?baud=9600`]]) {
      const saved = h.api.saveSettings({ printers: [{ ...printer, interface: `tcp://10.0.0.5:9100` }, { ...printer, id: 'f', interface: uri }] });
      expect(saved).toEqual({ ok: false, errors: [{ field: 'printers.1.interface', message: `${path} is not a printer device: a file:// or serial:// address must name a device such as /dev/usb/lp0 or /dev/ttyUSB0 (a network printer is tcp://, a system one cups:// or windows://)` }] });
    }
    expect(h.settings.current.printers).toEqual([]);
    expect(readFileSync(profile, 'utf8')).toBe('echo hello\n');
    expect(h.api.saveSettings({ printers: [{ ...printer, interface: 'file:///dev/null' }] }).ok).toBe(true);
    expect(h.api.saveSettings({ printers: [{ ...printer, interface: 'serial://COM3?baud=9600' }] }).ok).toBe(true);
    expect(h.api.saveSettings({ printers: [{ ...printer, interface: `file://${join(dir, 'usb-lp-not-plugged-in')}` }] }).ok).toBe(true);
  });
});
