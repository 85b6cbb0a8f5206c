import type { UpdateState } from '../../common/update-state.js';
import { quietMoment, type QuietInputs } from './update-policy.js';
import { errorText } from '../../common/error-text.js';

// Auto-update around electron-updater: check in the background, download in the background, and
// install only at a quiet moment (update-policy.ts) or at the next start. The feed comes from
// app-update.yml, which electron-builder writes from `publish` in electron-builder.yml; an
// integrator's own URL can replace it at run time (`feedUrl`). A staged rollout is electron-updater's
// own: `stagingPercentage` in the feed's latest.yml.

/** The part of electron-updater's AppUpdater used here (the real one in the app, in tests too). */
export type UpdaterPort = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export type AutoUpdateDeps = {
  updater: UpdaterPort;
  currentVersion: string;
  feedUrl?: string | undefined;
  /** Pending jobs and the last order, from the core; rejects when the core cannot say. */
  quietInputs(): Promise<QuietInputs>;
  quietAfterMs?: number;
  checkEveryMs?: number;
  installPollMs?: number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  onState(state: UpdateState): void;
};

export type AutoUpdate = { state(): UpdateState; checkNow(): Promise<void>; tryInstall(): Promise<boolean>; stop(): void };

const HOUR = 3_600_000;

export function startAutoUpdate(deps: AutoUpdateDeps): AutoUpdate {
  const { updater } = deps;
  let state: UpdateState = { phase: 'idle', currentVersion: deps.currentVersion, version: null, percent: null, detail: '' };
  const set = (patch: Partial<UpdateState>): void => {
    state = { ...state, ...patch };
    deps.onState(state);
  };

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  if (deps.feedUrl) updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });

  updater.on('checking-for-update', () => set({ phase: 'checking', detail: '' }));
  updater.on('update-not-available', () => set({ phase: 'current', version: null, percent: null, detail: '' }));
  updater.on('update-available', (info) => set({ phase: 'downloading', version: info.version, percent: 0, detail: '' }));
  updater.on('download-progress', (progress) => set({ phase: 'downloading', percent: Math.round(progress.percent) }));
  updater.on('update-downloaded', (info) => set({ phase: 'ready', version: info.version, percent: 100, detail: 'installs at a quiet moment or at the next start' }));
  updater.on('error', (error) => set({ phase: 'error', percent: null, detail: error.message.split('\n')[0] ?? 'update failed' }));

  async function checkNow(): Promise<void> {
    if (state.phase === 'downloading' || state.phase === 'ready') return;
    try {
      await updater.checkForUpdates();
    } catch (err) {
      set({ phase: 'error', detail: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err) });
    }
  }

  async function tryInstall(): Promise<boolean> {
    if (state.phase !== 'ready') return false;
    let inputs: QuietInputs;
    try {
      inputs = await deps.quietInputs();
    } catch (err) {
      set({ detail: `waiting: ${errorText(err)}` });
      return false;
    }
    const verdict = quietMoment(inputs, deps.quietAfterMs);
    if (!verdict.quiet) {
      set({ detail: `waiting: ${verdict.reason}` });
      return false;
    }
    set({ phase: 'installing', detail: '' });
    updater.quitAndInstall(true, true);
    return true;
  }

  const checks = deps.setInterval(() => void checkNow(), deps.checkEveryMs ?? 4 * HOUR);
  const installs = deps.setInterval(() => void tryInstall(), deps.installPollMs ?? 60_000);
  void checkNow();

  return {
    state: () => state,
    checkNow,
    tryInstall,
    stop() {
      deps.clearInterval(checks);
      deps.clearInterval(installs);
    },
  };
}
