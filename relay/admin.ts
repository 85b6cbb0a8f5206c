import { openRelayDatabase } from './store/connection.js';
import { DeviceStore, type Device } from './store/devices.js';
import { EventStore } from './store/events.js';
import { hashToken, newDeviceToken } from './tokens.js';
import type { RelayClock } from './clock.js';
import { systemRelayClock } from './clock.js';

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
 * Device administration on a data directory, used by the CLI and by tests. Each call opens and
 * closes its own connection, so it works beside a running relay (WAL allows it).
 */
export function addDevice(
  dataDir: string,
  name: string,
  branchIds: readonly number[],
  clock: RelayClock = systemRelayClock,
): { device: Device; token: string } {
  const db = openRelayDatabase(dataDir);
  try {
    const token = newDeviceToken();
    const device = new DeviceStore(db).add(name, hashToken(token), branchIds, new Date(clock.now()).toISOString());
    return { device, token };
  } finally {
    db.close();
  }
}

export function listDevices(dataDir: string): DeviceSummary[] {
  const db = openRelayDatabase(dataDir);
  try {
    const events = new EventStore(db);
    return new DeviceStore(db).list().map((d) => ({
      id: d.id,
      name: d.name,
      branchIds: d.branchIds,
      revoked: d.revokedAt !== null,
      lastSeenAt: d.lastSeenAt,
      cursor: d.cursor,
      lag: d.revokedAt === null ? events.countAfter(d.branchIds, d.cursor) : 0,
    }));
  } finally {
    db.close();
  }
}

export function revokeDevice(
  dataDir: string,
  selector: { name: string } | { id: number },
  clock: RelayClock = systemRelayClock,
): number {
  const db = openRelayDatabase(dataDir);
  try {
    return new DeviceStore(db).revoke(selector, new Date(clock.now()).toISOString());
  } finally {
    db.close();
  }
}
