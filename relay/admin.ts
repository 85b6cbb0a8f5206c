import type { Clock } from '../ground/clock.js';
import { systemClock } from '../ground/clock.js';
import { openRelayStore, parseStoreLocation } from './store/open-store.js';
import type { Device, DeviceSelector, RelayStore } from './store/relay-store.js';
import { hashToken, newDeviceToken } from './tokens.js';

export type DeviceSummary = {
  id: number;
  name: string;
  branchIds: number[];
  revoked: boolean;
  lastSeenAt: string | null;
  cursor: number;
  lag: number;
};

/**
 * Device administration on a store (a data directory or a postgres:// URL), used by the CLI and by
 * tests. Each call opens and closes its own connection, so it works beside running relays: SQLite's
 * WAL allows it, and every PostgreSQL node sees a revocation at its next housekeeping pass.
 */
async function withStore<T>(store: string, work: (opened: RelayStore) => Promise<T>): Promise<T> {
  const opened = await openRelayStore(parseStoreLocation(store), { poolSize: 1 });
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

export function addDevice(
  store: string,
  name: string,
  branchIds: readonly number[],
  clock: Clock = systemClock,
): Promise<{ device: Device; token: string }> {
  return withStore(store, async (opened) => {
    const token = newDeviceToken();
    const device = await opened.addDevice(name, hashToken(token), branchIds, new Date(clock.now()).toISOString());
    return { device, token };
  });
}

export function listDevices(store: string): Promise<DeviceSummary[]> {
  return withStore(store, async (opened) => {
    // One lag query for every active device (an active device's name is unique), not one per device.
    const lags = new Map((await opened.deviceLags()).map(({ name, lag }) => [name, lag]));
    return (await opened.listDevices()).map((d) => ({
      id: d.id,
      name: d.name,
      branchIds: d.branchIds,
      revoked: d.revokedAt !== null,
      lastSeenAt: d.lastSeenAt,
      cursor: d.cursor,
      lag: d.revokedAt === null ? (lags.get(d.name) ?? 0) : 0,
    }));
  });
}

export function revokeDevice(store: string, selector: DeviceSelector, clock: Clock = systemClock): Promise<number> {
  return withStore(store, (opened) => opened.revokeDevices(selector, new Date(clock.now()).toISOString()));
}
