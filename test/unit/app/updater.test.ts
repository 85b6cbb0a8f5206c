import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { QuietInputs } from '../../../main/app/update-policy.js';
import { startAutoUpdate, type UpdaterPort } from '../../../main/app/updater.js';
import type { UpdateState } from '../../../common/update-state.js';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: unknown[] = [];
  checks = 0;
  installs: unknown[][] = [];
  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    this.emit('checking-for-update');
    return null;
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
  }
}

function setup(quiet: QuietInputs, feedUrl?: string) {
  const updater = new FakeUpdater();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const states: UpdateState[] = [];
  let inputs: QuietInputs | Error = quiet;
  const auto = startAutoUpdate({
    updater: updater as unknown as UpdaterPort,
    currentVersion: '0.1.0',
    feedUrl,
    quietInputs: async () => {
      if (inputs instanceof Error) throw inputs;
      return inputs;
    },
    quietAfterMs: 10 * 60_000,
    setInterval: (fn, ms) => timers.push({ fn, ms }),
    clearInterval: () => {},
    onState: (state) => states.push(state),
  });
  return { updater, timers, states, auto, setInputs: (next: QuietInputs | Error) => (inputs = next) };
}

describe('startAutoUpdate', () => {
  it('downloads in the background, installs on quit, and uses the integrator feed when given', () => {
    const { updater, timers } = setup({ pendingJobs: 0, lastOrderAt: null, now: 0 }, 'https://updates.integrator.example/kitchen-bridge');
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.integrator.example/kitchen-bridge' }]);
    expect(updater.checks).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([4 * 3_600_000, 60_000]);
  });

  it('reports each phase with the versions for the window', () => {
    const { updater, states, auto } = setup({ pendingJobs: 0, lastOrderAt: null, now: 0 });
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(auto.state()).toEqual({ phase: 'downloading', currentVersion: '0.1.0', version: '0.2.0', percent: 42, detail: '' });
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(states.at(-1)).toMatchObject({ phase: 'ready', version: '0.2.0', detail: 'installs at a quiet moment or at the next start' });
    updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED\nstack'));
    expect(auto.state()).toMatchObject({ phase: 'error', detail: 'net::ERR_NAME_NOT_RESOLVED' });
  });

  it('installs only when nothing is pending and no order came for the quiet period', async () => {
    const now = 100 * 60_000;
    const { updater, auto, timers, setInputs } = setup({ pendingJobs: 2, lastOrderAt: now - 30 * 60_000, now });
    expect(await auto.tryInstall()).toBe(false);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(await auto.tryInstall()).toBe(false);
    expect(auto.state().detail).toBe('waiting: 2 tickets still to print');
    setInputs({ pendingJobs: 0, lastOrderAt: now - 3 * 60_000, now });
    timers[1]!.fn();
    await Promise.resolve();
    expect(updater.installs).toEqual([]);
    setInputs({ pendingJobs: 0, lastOrderAt: now - 11 * 60_000, now });
    expect(await auto.tryInstall()).toBe(true);
    expect(updater.installs).toEqual([[true, true]]);
    expect(auto.state().phase).toBe('installing');
  });

  it('waits when the core cannot say whether tickets are pending', async () => {
    const { updater, auto, setInputs } = setup({ pendingJobs: 0, lastOrderAt: null, now: 0 });
    updater.emit('update-downloaded', { version: '0.2.0' });
    setInputs(new Error('the order service is not answering'));
    expect(await auto.tryInstall()).toBe(false);
    expect(auto.state().detail).toBe('waiting: the order service is not answering');
    expect(updater.installs).toEqual([]);
  });

  it('does not check again while a download is under way or waiting to install', async () => {
    const { updater, auto } = setup({ pendingJobs: 0, lastOrderAt: null, now: 0 });
    updater.emit('update-available', { version: '0.2.0' });
    await auto.checkNow();
    expect(updater.checks).toBe(1);
  });
});
