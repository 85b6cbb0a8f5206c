import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS } from '../../../common/bridge-api.js';
import { registerBridgeIpc } from '../../../main/app/ipc.js';
import { createSecretVault, type SecretVault } from '../../../main/app/secret-vault.js';
import { secretIntercepts } from '../../../main/app/secret-intercepts.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { scratchDir } from '../../helpers/scratch-dir.js';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { ipcMain: { handle: (channel: string, h: Handler) => handlers.set(channel, h) }, handlers };
}
const fromApp = { senderFrame: { url: 'app://renderer/index.html', parent: null } };

describe('IPC handlers', () => {
  it('register one fixed channel per operation', () => {
    const { ipcMain, handlers } = fakeIpc();
    registerBridgeIpc(ipcMain as never, vi.fn());
    expect([...handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map((m) => `bridge:${m}`).sort());
  });

  it('reject a foreign sender, a sub-frame and a missing frame without reaching the core', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const forward = vi.fn();
    registerBridgeIpc(ipcMain as never, forward);
    const call = handlers.get('bridge:listOrders')!;
    for (const event of [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { senderFrame: { url: 'app://renderer/index.html', parent: {} } },
      { senderFrame: null },
    ]) {
      expect(await call(event, { limit: 10 })).toMatchObject({ ok: false, error: expect.stringContaining('refused') });
    }
    expect(forward).not.toHaveBeenCalled();
  });

  it('reject malformed arguments and forward valid ones', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const forward = vi.fn(async () => ({ ok: true as const, value: [] }));
    registerBridgeIpc(ipcMain as never, forward);
    expect(await handlers.get('bridge:listOrders')!(fromApp, { limit: -1 })).toMatchObject({ ok: false, error: expect.stringContaining('invalid arguments') });
    expect(await handlers.get('bridge:reprint')!(fromApp, { orderId: '1; DROP TABLE', printerId: 'k' })).toMatchObject({ ok: false });
    expect(await handlers.get('bridge:setSecret')!(fromApp, { name: 'anything', value: 'x' })).toMatchObject({ ok: false });
    expect(forward).not.toHaveBeenCalled();
    expect(await handlers.get('bridge:listOrders')!(fromApp, { limit: 10 })).toEqual({ ok: true, value: [] });
    expect(forward).toHaveBeenCalledWith('listOrders', { limit: 10 });
  });
});

const RELAY = 'wss://relay.example.com';

describe('secret vault', () => {
  const fakeSafeStorage = (available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).reverse().toString('hex')}`)),
    decryptString: vi.fn((blob: Buffer) => Buffer.from(blob.toString().slice(4), 'hex').reverse().toString()),
  });

  it('stores secrets only encrypted through safeStorage, with the origin they were entered for, and reads them back', () => {
    const dir = scratchDir('vault-');
    const storage = fakeSafeStorage();
    const vault = createSecretVault(storage, join(dir, 'secrets.bin'));
    expect(vault.set('relayToken', 'tok-very-secret', RELAY)).toEqual({ ok: true });
    expect(storage.encryptString).toHaveBeenCalledWith('tok-very-secret');
    expect(readFileSync(join(dir, 'secrets.bin'), 'utf8')).not.toContain('tok-very-secret');
    expect(createSecretVault(storage, join(dir, 'secrets.bin')).load()).toEqual({ relayToken: { value: 'tok-very-secret', origin: RELAY } });
  });

  it('refuses to store a secret in clear text when no keychain is available', () => {
    const dir = scratchDir('vault-');
    const vault = createSecretVault(fakeSafeStorage(false), join(dir, 'secrets.bin'));
    expect(vault.set('klikitSecretKey', 'k', 'https://gateway-enterprise.klikit.io')).toMatchObject({ ok: false, message: expect.stringContaining('secure storage') });
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(false);
  });

  it('drops a secret whose host the settings no longer name, and keeps the others', () => {
    const dir = scratchDir('vault-');
    const vault = createSecretVault(fakeSafeStorage(), join(dir, 'secrets.bin'));
    vault.set('relayToken', 'tok', RELAY);
    vault.set('klikitSecretKey', 'key', 'https://gateway-enterprise.klikit.io');
    vault.keepMatching({ relayToken: 'wss://evil.example', klikitSecretKey: 'https://gateway-enterprise.klikit.io' });
    expect(vault.load()).toEqual({ klikitSecretKey: { value: 'key', origin: 'https://gateway-enterprise.klikit.io' } });
  });

  it('binds secrets stored before binding existed to the hosts of the settings at the first start, once', () => {
    const dir = scratchDir('vault-');
    const storage = fakeSafeStorage();
    const blob = (plain: string): string => storage.encryptString(plain).toString('base64');
    writeFileSync(join(dir, 'secrets.bin'), JSON.stringify({ relayToken: blob('old-tok'), klikitSecretKey: blob('old-key') }));
    const vault = createSecretVault(storage, join(dir, 'secrets.bin'));
    expect(vault.load()).toEqual({});
    vault.bindUnbound({ relayToken: RELAY, klikitSecretKey: null });
    vault.bindUnbound({ relayToken: 'wss://evil.example', klikitSecretKey: 'https://evil.example' });
    expect(vault.load()).toEqual({ relayToken: { value: 'old-tok', origin: RELAY } });
  });
});

describe('secrets through the Electron main', () => {
  const view = (relayUrl: string) => ({
    settings: { ...DEFAULT_SETTINGS, relayUrl },
    secrets: { relayToken: true, klikitSecretKey: false },
    nextSteps: [],
  });
  function fakeVault() {
    const calls: string[] = [];
    const vault: SecretVault = {
      load: () => ({}),
      set: vi.fn((name, _value, origin) => (calls.push(`set ${name} ${origin}`), { ok: true as const })),
      keepMatching: vi.fn((origins) => void calls.push(`keep ${origins.relayToken}`)),
      bindUnbound: vi.fn(),
    };
    return { vault, calls };
  }

  it('stores a new secret in the vault, bound to the host the settings name, before the core hears of it', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const { vault, calls } = fakeVault();
    const forward = vi.fn(async (method: string) => {
      calls.push(`core ${method}`);
      return method === 'getSettings' ? { ok: true as const, value: view('wss://relay.example.com/v1/bridge') } : { ok: true as const, value: { ok: true, message: 'saved' } };
    });
    registerBridgeIpc(ipcMain as never, forward, secretIntercepts(vault, () => {}));
    await handlers.get('bridge:setSecret')!(fromApp, { name: 'relayToken', value: 'abc' });
    expect(calls).toEqual(['core getSettings', `set relayToken ${RELAY}`, 'core setSecret']);
  });

  it('refuses a secret while its URL is not set, without storing it', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const { vault, calls } = fakeVault();
    const forward = vi.fn(async () => ({ ok: true as const, value: view('') }));
    registerBridgeIpc(ipcMain as never, forward, secretIntercepts(vault, () => {}));
    expect(await handlers.get('bridge:setSecret')!(fromApp, { name: 'relayToken', value: 'abc' })).toEqual({ ok: true, value: { ok: false, message: expect.stringContaining('relay URL first') } });
    expect(calls).toEqual([]);
  });

  it('a save that moves the relay to another host drops the stored token from the vault', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const { vault, calls } = fakeVault();
    const saved = vi.fn();
    const forward = vi.fn(async () => ({ ok: true as const, value: { ok: true, view: view('wss://evil.example:8443/v1/bridge') } }));
    registerBridgeIpc(ipcMain as never, forward, secretIntercepts(vault, saved));
    await handlers.get('bridge:saveSettings')!(fromApp, { relayUrl: 'wss://evil.example:8443/v1/bridge' });
    expect(calls).toEqual(['keep wss://evil.example:8443']);
    expect(saved).toHaveBeenCalledOnce();
  });
});
