import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS } from '../../../common/bridge-api.js';
import { registerBridgeIpc } from '../../../main/app/ipc.js';
import { createSecretVault } from '../../../main/app/secret-vault.js';

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

describe('secret vault', () => {
  const fakeSafeStorage = (available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).reverse().toString('hex')}`)),
    decryptString: vi.fn((blob: Buffer) => Buffer.from(blob.toString().slice(4), 'hex').reverse().toString()),
  });

  it('stores secrets only encrypted through safeStorage and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    const storage = fakeSafeStorage();
    const vault = createSecretVault(storage, join(dir, 'secrets.bin'));
    expect(vault.set('relayToken', 'tok-very-secret')).toEqual({ ok: true });
    expect(storage.encryptString).toHaveBeenCalledWith('tok-very-secret');
    expect(readFileSync(join(dir, 'secrets.bin'), 'utf8')).not.toContain('tok-very-secret');
    expect(createSecretVault(storage, join(dir, 'secrets.bin')).load()).toEqual({ relayToken: 'tok-very-secret' });
  });

  it('refuses to store a secret in clear text when no keychain is available', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    const vault = createSecretVault(fakeSafeStorage(false), join(dir, 'secrets.bin'));
    expect(vault.set('klikitSecretKey', 'k')).toMatchObject({ ok: false, message: expect.stringContaining('secure storage') });
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(false);
  });

  it('main stores setSecret in the vault before the core hears of it', async () => {
    const { ipcMain, handlers } = fakeIpc();
    const order: string[] = [];
    const vault = { set: vi.fn((_name: string, _value: string) => (order.push('vault'), { ok: true as const })) };
    const forward = vi.fn(async () => (order.push('core'), { ok: true as const, value: { ok: true, message: 'saved' } }));
    registerBridgeIpc(ipcMain as never, forward, {
      setSecret: async (args, fwd) => {
        const { name, value } = args as { name: 'relayToken'; value: string };
        vault.set(name, value);
        return fwd('setSecret', args);
      },
    });
    await handlers.get('bridge:setSecret')!(fromApp, { name: 'relayToken', value: 'abc' });
    expect(order).toEqual(['vault', 'core']);
  });
});
