import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import electronUpdater from 'electron-updater';
import { bridgeMethods, UPDATE_CHANNEL, type BridgeUpdate, type Health } from '../../common/bridge-api.js';
import type { SaveSettingsResult } from '../../common/settings.js';
import type { UpdateState } from '../../common/update-state.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { superviseCore, type CoreChild } from './core-supervisor.js';
import { denyAllPermissions, hardenContents } from './harden.js';
import { registerBridgeIpc } from './ipc.js';
import { aboutToBeCancelled, createOrderAlerts, notificationText } from './order-alerts.js';
import { createSecretVault } from './secret-vault.js';
import { originsOf, secretIntercepts } from './secret-intercepts.js';
import { trayBitmap, trayMenuWords, trayStatus } from './tray-state.js';
import { builtInFeedOf, startAutoUpdate } from './updater.js';
import { downloadVerifier, UPDATE_PUBLIC_KEY_FILE } from './update-signature.js';
import { APP_ENTRY, mainWindowOptions } from './window-options.js';
import { MAIN_LOG_FILE } from '../diagnostics/app-export.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, openRotatingFile } from '../diagnostics/rotating-file.js';
import { fileSettingsStore, SETTINGS_FILE } from '../window-api/settings-file.js';
import { translatorFor } from '../core/core-language.js';

// The Electron main: the thin shell around the core (see DESIGN.md, "Process model"). Everything
// with logic lives in the small modules beside this file and is tested with electron mocked.

/** How often the tray and notifications look at waiting orders' deadlines. */
const DEADLINE_LOOK_MS = 5_000;

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  const alerts = createOrderAlerts();
  let soundOn = true;
  /** Orders klikit cancels unless someone accepts them: the tray turns red for them. */
  let waitingForAcceptance = 0;
  /** Of those, the ones in their last minutes: named first in the tray, with a second notification. */
  let aboutToCancel = 0;

  const showWindow = (): void => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => shell.openExternal(url)));

  void app.whenReady().then(() => {
    serveRenderer(protocol, join(dist, 'renderer'));
    denyAllPermissions(session.defaultSession);
    powerSaveBlocker.start('prevent-app-suspension');

    const dataDir = join(app.getPath('userData'), 'data');
    // The main process's few warnings (core restarts) go beside the core's log, for Export diagnostics.
    const mainLog = openRotatingFile({ path: join(dataDir, LOG_DIR, MAIN_LOG_FILE), ...DEFAULT_LOG_ROTATION });
    const warn = (message: string): void => {
      console.warn(message);
      mainLog.write(`${JSON.stringify({ level: 40, time: Date.now(), name: 'main', msg: message })}\n`);
    };
    const vault = createSecretVault(safeStorage, join(app.getPath('userData'), 'secrets.bin'));
    const saved = fileSettingsStore(join(dataDir, SETTINGS_FILE), warn).read();
    // Secrets saved before they were bound to a host: bound once to the hosts the settings name now.
    vault.bindUnbound(originsOf(saved));
    // The tray and notifications speak the window's language, read from the same settings file, and
    // follow it when the window saves another (applySettings).
    let words = translatorFor(saved.language);
    const send = (update: BridgeUpdate): void => window?.webContents.send(UPDATE_CHANNEL, update);

    const core = superviseCore({
      fork: () =>
        utilityProcess.fork(join(dist, 'core/entry.js'), [], {
          serviceName: 'kitchen-bridge-core',
          stdio: 'inherit',
          env: { ...process.env },
        }) as unknown as CoreChild,
      init: () => ({ type: 'init', dataDir, secrets: vault.load() }),
      onUpdate: (update) => {
        send(update);
        if (update.type !== 'orders') void refreshTray();
        if (update.type === 'orders') void announceOrders().then(refreshTray);
      },
      log: warn,
      words: () => words,
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
    });

    /** The core's health, or null while it is not answering (restarting, or not started yet). */
    async function coreHealth(): Promise<Health | null> {
      const result = await core.request('getHealth', undefined);
      return result.ok ? (bridgeMethods.getHealth.result.safeParse(result.value).data as Health | undefined) ?? null : null;
    }

    async function refreshTray(): Promise<void> {
      const status = trayStatus(words, await coreHealth(), waitingForAcceptance, aboutToCancel);
      tray?.setImage(nativeImage.createFromBitmap(trayBitmap(status.level), { width: 16, height: 16 }));
      tray?.setToolTip(status.tooltip);
    }

    async function announceOrders(): Promise<void> {
      const result = await core.request('listOrders', { limit: 50 });
      const orders = result.ok ? bridgeMethods.listOrders.result.safeParse(result.value).data ?? [] : [];
      const now = Date.now();
      waitingForAcceptance = orders.filter((o) => o.waitingForAcceptance).length;
      aboutToCancel = orders.filter((o) => aboutToBeCancelled(o, now)).length;
      if (!Notification.isSupported()) return;
      for (const order of alerts.fresh(orders, now)) {
        const notification = new Notification({ ...notificationText(order, words, now), silent: !soundOn, urgency: aboutToBeCancelled(order, now) ? 'critical' : 'normal' });
        notification.on('click', showWindow);
        notification.show();
      }
    }

    // A waiting order's deadline nears without any push from the core: look again while one waits.
    setInterval(() => {
      if (waitingForAcceptance > 0) void announceOrders().then(refreshTray);
    }, DEADLINE_LOOK_MS).unref();

    function applySettings(result: SaveSettingsResult | undefined): void {
      if (!result?.ok) return;
      soundOn = result.view.settings.sound;
      app.setLoginItemSettings({ openAtLogin: result.view.settings.startAtLogin });
      const next = translatorFor(result.view.settings.language);
      if (next.locale === words.locale) return;
      words = next;
      setTrayMenu();
      void refreshTray();
    }

    // Updates only in an installed app (electron-updater reads resources/app-update.yml);
    // KITCHEN_BRIDGE_UPDATE_URL replaces the built-in feed, e.g. to try an integrator's staging feed.
    const readText = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);
    // Only a packaged app has resources/ (app-update.yml).
    const appUpdateYml = (): string => join(process.resourcesPath, 'app-update.yml');
    let updateState: UpdateState = { phase: 'disabled', currentVersion: app.getVersion(), version: null, percent: null, detail: words.t('core.update.notInstalled') };
    const updates = app.isPackaged
      ? startAutoUpdate({
          updater: electronUpdater.autoUpdater,
          currentVersion: app.getVersion(),
          feedUrl: process.env.KITCHEN_BRIDGE_UPDATE_URL,
          builtInFeedUrl: builtInFeedOf(readText(appUpdateYml())),
          verifyDownload: downloadVerifier(process.platform, readText, { publicKey: join(dist, UPDATE_PUBLIC_KEY_FILE), appUpdateYml: appUpdateYml() }),
          async quietInputs() {
            const health = await coreHealth();
            if (!health) throw new Error(words.t('core.update.coreSilent'));
            return { pendingJobs: health.queueDepth, lastOrderAt: health.lastOrderAt ? Date.parse(health.lastOrderAt) : null, now: Date.now() };
          },
          setInterval: (fn, ms) => setInterval(fn, ms),
          clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
          words: () => words,
          onState: (state) => {
            updateState = state;
            send({ type: 'app-status' });
          },
        })
      : null;

    registerBridgeIpc(ipcMain, core.request, {
      // Without the updater the status is this one sentence, worded in the language chosen now.
      getAppStatus: async () => ({ ok: true, value: updates ? updateState : { ...updateState, detail: words.t('core.update.notInstalled') } }),
      async exportDiagnostics(args, forward) {
        const result = await forward('exportDiagnostics', args);
        const outcome = result.ok ? bridgeMethods.exportDiagnostics.result.safeParse(result.value).data : undefined;
        if (outcome?.ok) shell.showItemInFolder(outcome.path);
        return result;
      },
      // The CSV is written beside the database: shown in its folder, as the diagnostics archive is.
      async exportDayInNumbers(args, forward) {
        const result = await forward('exportDayInNumbers', args);
        const outcome = result.ok ? bridgeMethods.exportDayInNumbers.result.safeParse(result.value).data : undefined;
        if (outcome?.ok) shell.showItemInFolder(outcome.path);
        return result;
      },
      ...secretIntercepts(vault, applySettings),
    });

    void core.request('getSettings', undefined).then((result) => {
      const view = result.ok ? bridgeMethods.getSettings.result.safeParse(result.value).data : undefined;
      if (view) applySettings({ ok: true, view });
    });

    function setTrayMenu(): void {
      const menu = trayMenuWords(words);
      tray?.setContextMenu(
        Menu.buildFromTemplate([
          { label: menu.show, click: showWindow },
          { type: 'separator' },
          { label: menu.quit, click: () => { quitting = true; app.quit(); } },
        ]),
      );
    }

    tray = new Tray(nativeImage.createFromBitmap(trayBitmap('offline'), { width: 16, height: 16 }));
    tray.setToolTip(trayStatus(words, null).tooltip);
    setTrayMenu();
    tray.on('click', showWindow);

    window = new BrowserWindow(mainWindowOptions(join(dist, 'preload/preload.cjs')));
    window.once('ready-to-show', () => window?.show());
    // Closing the window keeps the bridge printing in the tray; quitting is explicit.
    window.on('close', (event) => {
      if (!quitting) {
        event.preventDefault();
        window?.hide();
      }
    });
    void window.loadURL(APP_ENTRY);
    void refreshTray();

    app.on('before-quit', () => {
      quitting = true;
      updates?.stop();
      core.stop();
    });
  });
}
