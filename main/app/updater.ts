import type { UpdateState } from '../../common/update-state.js';
import { quietMoment, type QuietInputs } from './update-policy.js';
import { updateFeedProblem } from './update-feed-url.js';
import type { DownloadedUpdate } from './update-signature.js';
import { errorText } from '../../common/error-text.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// Auto-update around electron-updater: check in the background, download in the background, and
// install only at a quiet moment (update-policy.ts) or at the next start. The feed comes from
// app-update.yml, which electron-builder writes from `publish` in electron-builder.yml; an
// integrator's own URL can replace it at run time (`feedUrl`). A staged rollout is electron-updater's
// own: `stagingPercentage` in the feed's latest.yml. A feed URL that is not https is refused (updates
// stay off). Where electron-updater checks no code signature itself (Linux), `verifyDownload` must
// accept the downloaded file before it may install, now or at quit.

/** The part of electron-updater's AppUpdater used here (the real one in the app, in tests too). */
export type UpdaterPort = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: DownloadedUpdate) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export type AutoUpdateDeps = {
  updater: UpdaterPort;
  currentVersion: string;
  feedUrl?: string | undefined;
  /** The feed the build wrote into app-update.yml, checked like `feedUrl` when that is not given. */
  builtInFeedUrl?: string | undefined;
  /** Why the downloaded file may not be installed, or null (main/app/update-signature.ts); absent where the updater verifies itself. */
  verifyDownload?: (update: DownloadedUpdate) => Promise<string | null>;
  /** Pending jobs and the last order, from the core; rejects when the core cannot say. */
  quietInputs(): Promise<QuietInputs>;
  quietAfterMs?: number;
  checkEveryMs?: number;
  installPollMs?: number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  onState(state: UpdateState): void;
  /** The window's language now (the status shows in the window); English when absent. */
  words?: () => Translator;
};

/** The `url:` of electron-builder's app-update.yml. */
export const builtInFeedOf = (appUpdateYml: string | null): string | undefined => (appUpdateYml === null ? undefined : /^url:\s*['"]?([^'"\s]+)/m.exec(appUpdateYml)?.[1]);

export type AutoUpdate = { state(): UpdateState; checkNow(): Promise<void>; tryInstall(): Promise<boolean>; stop(): void };

const HOUR = 3_600_000;

export function startAutoUpdate(deps: AutoUpdateDeps): AutoUpdate {
  const { updater } = deps;
  const words = deps.words ?? ENGLISH;
  let state: UpdateState = { phase: 'idle', currentVersion: deps.currentVersion, version: null, percent: null, detail: '' };
  const set = (patch: Partial<UpdateState>): void => {
    state = { ...state, ...patch };
    deps.onState(state);
  };

  const feed = deps.feedUrl ?? deps.builtInFeedUrl;
  const feedProblem = feed === undefined ? null : updateFeedProblem(feed, deps.feedUrl === undefined ? 'the feed built into this app (app-update.yml)' : undefined);
  if (feedProblem) {
    state = { ...state, phase: 'disabled', detail: words().t('core.update.off', { problem: feedProblem }) };
    deps.onState(state);
    return { state: () => state, checkNow: async () => {}, tryInstall: async () => false, stop: () => {} };
  }

  const verify = deps.verifyDownload;
  updater.autoDownload = true;
  // Unverified, a download must not install even when the app quits.
  updater.autoInstallOnAppQuit = verify === undefined;
  if (deps.feedUrl) updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });

  updater.on('checking-for-update', () => set({ phase: 'checking', detail: '' }));
  updater.on('update-not-available', () => set({ phase: 'current', version: null, percent: null, detail: '' }));
  updater.on('update-available', (info) => set({ phase: 'downloading', version: info.version, percent: 0, detail: '' }));
  updater.on('download-progress', (progress) => set({ phase: 'downloading', percent: Math.round(progress.percent) }));
  const ready = (version: string): void => set({ phase: 'ready', version, percent: 100, detail: words().t('core.update.ready') });
  updater.on('update-downloaded', (info) => {
    if (!verify) return ready(info.version);
    set({ phase: 'downloading', version: info.version, percent: 100, detail: words().t('core.update.checkingSignature') });
    void verify(info)
      .catch((err: unknown) => `the signature could not be checked: ${errorText(err)}`)
      .then((problem) => {
        if (problem === null) {
          updater.autoInstallOnAppQuit = true;
          return ready(info.version);
        }
        updater.autoInstallOnAppQuit = false;
        set({ phase: 'error', percent: null, detail: words().t('core.update.refused', { version: info.version, problem }) });
      });
  });
  updater.on('error', (error) => set({ phase: 'error', percent: null, detail: error.message.split('\n')[0] ?? words().t('core.update.failed') }));

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
      set({ detail: words().t('core.update.waiting', { reason: errorText(err) }) });
      return false;
    }
    const verdict = quietMoment(inputs, deps.quietAfterMs, words());
    if (!verdict.quiet) {
      set({ detail: words().t('core.update.waiting', { reason: verdict.reason }) });
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
