import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { BRIDGE_METHOD_NAMES, channelOf } from '../../../common/channels.js';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { waitFor } from '../../helpers/wait.js';

// main.ts with the whole electron module mocked: what the shell does at start.

const userDataDirs: string[] = [];

function electronMock(hasLock: boolean, isPackaged = false) {
  const userData = mkdtempSync(join(tmpdir(), 'kitchen-bridge-user-data-'));
  userDataDirs.push(userData);
  const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: vi.fn() });
  const windows: Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn> }> = [];
  const mock = {
    app: Object.assign(new EventEmitter(), {
      requestSingleInstanceLock: vi.fn(() => hasLock),
      quit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => userData),
      setLoginItemSettings: vi.fn(),
      getVersion: () => '0.1.0',
      isPackaged,
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
    shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
    Tray: vi.fn(function (this: Record<string, unknown>) {
      return Object.assign(new EventEmitter(), { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn() });
    }),
    utilityProcess: { fork: vi.fn(() => child) },
  };
  return { mock, child, windows, userData };
}

afterEach(() => {
  vi.resetModules();
  vi.doUnmock('electron');
  vi.doUnmock('electron-updater');
  for (const dir of userDataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fromWindow = { senderFrame: { parent: null, url: 'app://renderer/index.html' } };
type Handler = (event: unknown, args?: unknown) => Promise<{ ok: boolean; value?: unknown }>;
const handlerOf = (mock: ReturnType<typeof electronMock>['mock'], method: string): Handler =>
  mock.ipcMain.handle.mock.calls.find(([channel]) => channel === channelOf(method as never))![1] as Handler;

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
    expect(mock.ipcMain.handle).toHaveBeenCalledTimes(BRIDGE_METHOD_NAMES.length);
    expect(mock.Tray).toHaveBeenCalled();

    const win = windows[0]!;
    expect(win.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true } });
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');

    mock.app.emit('second-instance');
    expect((win as unknown as { focus: ReturnType<typeof vi.fn> }).focus).toHaveBeenCalled();
  });

  it('in a development run, reports updates as off with the version; logs a core crash to main.log', async () => {
    const { mock, windows, child, userData } = electronMock(true);
    vi.doMock('electron', () => mock);
    await import('../../../main/app/main.js');
    await waitFor('the window', () => windows.length === 1);
    await expect(handlerOf(mock, 'getAppStatus')(fromWindow)).resolves.toEqual({
      ok: true,
      value: { phase: 'disabled', currentVersion: '0.1.0', version: null, percent: null, detail: 'Updates work only in the installed app' },
    });
    child.emit('exit', 9);
    const line = JSON.parse(readFileSync(join(userData, 'data/logs/main.log'), 'utf8').trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ level: 40, name: 'main', msg: expect.stringMatching(/^core exited with code 9; restarting in \d+ ms$/) });
    mock.app.emit('before-quit');
  });

  it('installed, starts electron-updater in the background and shows its state in the window', async () => {
    const { mock, windows, userData } = electronMock(true, true);
    // An installed app has resources/ (app-update.yml); this one has none.
    const resourcesPath = process.resourcesPath;
    Object.assign(process, { resourcesPath: userData });
    onTestFinished(() => void Object.assign(process, { resourcesPath }));
    const autoUpdater = Object.assign(new EventEmitter(), { autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn() });
    vi.doMock('electron', () => mock);
    vi.doMock('electron-updater', () => ({ default: { autoUpdater } }));
    await import('../../../main/app/main.js');
    await waitFor('the window', () => windows.length === 1);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalled();
    expect(autoUpdater.autoDownload).toBe(true);
    autoUpdater.emit('update-available', { version: '0.2.0' });
    expect((windows[0] as unknown as { webContents: { send: ReturnType<typeof vi.fn> } }).webContents.send).toHaveBeenCalledWith('bridge:update', { type: 'app-status' });
    await expect(handlerOf(mock, 'getAppStatus')(fromWindow)).resolves.toMatchObject({ ok: true, value: { phase: 'downloading', version: '0.2.0', currentVersion: '0.1.0' } });
    mock.app.emit('before-quit');
  });

  it('speaks the window’s language in the tray: Thai from the settings file at start, Bahasa Indonesia once the window has it', async () => {
    const { mock, windows, child, userData } = electronMock(true);
    mkdirSync(join(userData, 'data'), { recursive: true });
    writeFileSync(join(userData, 'data/settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, language: 'th' }));
    // The core answers the shell's getSettings with the window's new choice: Bahasa Indonesia.
    const view = { settings: { ...DEFAULT_SETTINGS, language: 'id' }, secrets: { relayToken: false, klikitSecretKey: false }, nextSteps: [] };
    child.postMessage.mockImplementation((message: { type: string; id?: number; method?: string }) => {
      if (message.type === 'request' && message.method === 'getSettings') setImmediate(() => child.emit('message', { type: 'response', id: message.id, result: { ok: true, value: view } }));
    });
    vi.doMock('electron', () => mock);
    await import('../../../main/app/main.js');
    await waitFor('the window', () => windows.length === 1);
    const tray = mock.Tray.mock.results[0]!.value as { setToolTip: ReturnType<typeof vi.fn> };
    const menus = (): string[][] => (mock.Menu.buildFromTemplate.mock.calls as unknown as Array<[Array<{ label?: string }>]>).map(([items]) => items.flatMap((item) => (item.label ? [item.label] : [])));
    expect(tray.setToolTip.mock.calls[0]).toEqual(['Kitchen bridge: กำลังเริ่ม…']);
    expect(menus()[0]).toEqual(['แสดงออเดอร์', 'ออกจาก kitchen bridge (ออเดอร์จะไม่พิมพ์)']);
    await waitFor('the menu in Bahasa Indonesia', () => menus().at(-1)?.[0] === 'Lihat pesanan');
    expect(menus().at(-1)).toEqual(['Lihat pesanan', 'Keluar dari kitchen bridge (pesanan tidak tercetak)']);
    mock.app.emit('before-quit');
  });
});
