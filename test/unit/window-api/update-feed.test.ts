import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeUpdate, Health } from '../../../common/bridge-api.js';
import { startUpdateFeed, type UpdateFeed } from '../../../main/window-api/update-feed.js';
import { waitFor } from '../../helpers/wait.js';

const health = (mode: Health['connection']['mode']): Health => ({
  connection: { mode, since: null, lastEventAt: null, detail: '', fallback: { state: 'none', detail: '' } },
  printers: [],
  queueDepth: 0,
  lastOrderAt: null,
  klikit: { state: 'ok', waitingActions: 0, detail: '' },
});

let feed: UpdateFeed | undefined;
afterEach(() => feed?.stop());

describe('update feed', () => {
  it('pushes orders and health updates only when what the window shows changed', async () => {
    const state = { fingerprint: 'a', health: health('relay') };
    const updates: BridgeUpdate[] = [];
    feed = startUpdateFeed({ ordersFingerprint: () => state.fingerprint, getHealth: () => state.health }, (u) => updates.push(u), 5);
    state.fingerprint = 'b';
    await waitFor('an orders update', () => updates.some((u) => u.type === 'orders'));
    state.health = health('polling');
    await waitFor('a health update', () => updates.some((u) => u.type === 'health'));
    expect(updates).toEqual([{ type: 'orders' }, { type: 'health' }]);
  });

  it('pushes at once when nudged after a window action, not at the next tick', () => {
    const state = { fingerprint: 'a', health: health('relay') };
    const updates: BridgeUpdate[] = [];
    feed = startUpdateFeed({ ordersFingerprint: () => state.fingerprint, getHealth: () => state.health }, (u) => updates.push(u), 60_000);
    state.fingerprint = 'b';
    feed.nudge();
    expect(updates).toEqual([{ type: 'orders' }]);
    feed.nudge();
    expect(updates).toEqual([{ type: 'orders' }]);
  });
});
