import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import { BRIDGE_METHODS } from '../../../common/bridge-api.js';

// main.ts with the whole electron module mocked: what the shell does at start.

function electronMock(hasLock: boolean) {
  const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: vi.fn() });
  const windows: Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn> }> = [];
  const mock = {
    app: Object.assign(new EventEmitter(), {
      requestSingleInstanceLock: vi.fn(() => hasLock),
      quit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => '/tmp/kitchen-bridge-user-data'),
      setLoginItemSettings: vi.fn(),
    }),
    BrowserWindow: vi.fn(function (this: Record<string, unknown>, options: unknown) {
      const win = Object.assign(new EventEmitter(), {
        options,
        loadURL: vi.fn(async () => {}),
        show: vi.fn(),
        hide: vi.fn(),
        focus: vi.fn(),
        restore: vi.fn(),
        isMinimized: () => false,
        webContents: { send: vi.fn() },
      });
      windows.push(win);
      return win;
    }),
    ipcMain: { handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn(() => ({})) },
    nativeImage: { createFromBitmap: vi.fn(() => ({})) },
    Notification: Object.assign(vi.fn(), { isSupported: () => false }),
    powerSaveBlocker: { start: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
    Tray: vi.fn(function (this: Record<string, unknown>) {
      return Object.assign(new EventEmitter(), { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn() });
    }),
    utilityProcess: { fork: vi.fn(() => child) },
  };
  return { mock, child, windows };
}

afterEach(() => {
  vi.resetModules();
  vi.doUnmock('electron');
});

describe('Electron main', () => {
  it('quits at once when another instance holds the lock (the first one is focused instead)', async () => {
    const { mock, windows } = electronMock(false);
    vi.doMock('electron', () => mock);
    await import('../../../main/app/main.js');
    expect(mock.app.quit).toHaveBeenCalled();
    expect(mock.utilityProcess.fork).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });

  it('starts the core as a utilityProcess, a hardened window on app://, IPC, tray and power-save blocker', async () => {
    const { mock, child, windows } = electronMock(true);
    vi.doMock('electron', () => mock);
    await import('../../../main/app/main.js');
    await waitFor('the window', () => windows.length === 1);

    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mock.utilityProcess.fork).toHaveBeenCalledWith(expect.stringMatching(/core[/\\]entry\.js$/), [], expect.objectContaining({ serviceName: 'kitchen-bridge-core' }));
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'init', dataDir: expect.stringContaining('kitchen-bridge-user-data'), secrets: {} });
    expect(mock.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-app-suspension');
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(mock.ipcMain.handle).toHaveBeenCalledTimes(BRIDGE_METHODS.length);
    expect(mock.Tray).toHaveBeenCalled();

    const win = windows[0]!;
    expect(win.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true } });
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');

    mock.app.emit('second-instance');
    expect((win as unknown as { focus: ReturnType<typeof vi.fn> }).focus).toHaveBeenCalled();
  });
});
