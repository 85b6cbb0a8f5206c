import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { addressGroup } from './client-address.js';

type Tracked = {
  socket: Socket;
  group: string;
  /** Admission order: the smaller, the older. */
  order: number;
  /** The request being received or answered on this connection, if any. */
  request: IncomingMessage | undefined;
};

export type ConnectionGuardOptions = {
  maxConnections: number;
  /** Connections from one /24 (IPv4) or /64 (IPv6). */
  maxPerGroup: number;
  /** Reverse proxies carry everyone's connections: no per-group cap for them. */
  isTrustedProxy: (address: string) => boolean;
  /** Called for each connection closed to make room for a newer one. */
  onEvict: () => void;
};

/**
 * Caps HTTP connections (webhook senders, health checks, upgrades in progress) overall and per network
 * (/24 or /64). A full cap does not lock newcomers out: a new connection takes the place of the oldest
 * one still sending its request or idle between requests, from the network holding the most
 * connections. A request that has arrived whole and is being answered is never cut, so an attacker
 * holding stalled connections from a few networks only churns its own while genuine webhooks get in.
 * A socket stops counting once it became a bridge WebSocket: those are bounded by authentication and
 * the per-device cap, and thousands of bridges may share a cloud NAT.
 */
export class ConnectionGuard {
  /** Connections by group, each group's in the order they were admitted (oldest first). */
  private readonly groups = new Map<string, Map<Socket, Tracked>>();
  private readonly tracked = new Map<Socket, Tracked>();
  private admitted = 0;

  constructor(private readonly options: ConnectionGuardOptions) {}

  /** Counts a new connection, closing an older stalled one when a cap is reached; false (the caller destroys it) when none can go. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? 'unknown';
    const proxy = this.options.isTrustedProxy(address);
    // A proxy is a group of its own: its neighbours neither share its count nor replace its connections.
    const group = proxy ? `proxy ${address}` : addressGroup(address);
    const members = this.groups.get(group);
    if (!proxy && (members?.size ?? 0) >= this.options.maxPerGroup) {
      const victim = members && oldestEvictable(members);
      if (!victim) return false;
      this.evict(victim);
    }
    if (this.tracked.size >= this.options.maxConnections) {
      const victim = this.evictionCandidate();
      if (!victim) return false;
      this.evict(victim);
    }
    const entry: Tracked = { socket, group, order: this.admitted++, request: undefined };
    this.tracked.set(socket, entry);
    const joined = this.groups.get(group) ?? new Map<Socket, Tracked>();
    joined.set(socket, entry);
    this.groups.set(group, joined);
    socket.once('close', () => this.release(socket));
    return true;
  }

  /** A request began on a counted connection: once it has arrived whole it is not cut until answered. */
  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const entry = this.tracked.get(req.socket);
    if (!entry) return;
    entry.request = req;
    res.once('finish', () => {
      if (entry.request === req) entry.request = undefined;
    });
  }

  release(socket: Socket): void {
    const entry = this.tracked.get(socket);
    if (!entry) return;
    this.tracked.delete(socket);
    const members = this.groups.get(entry.group)!;
    members.delete(socket);
    if (members.size === 0) this.groups.delete(entry.group);
  }

  get connections(): number {
    return this.tracked.size;
  }

  private evict(entry: Tracked): void {
    this.release(entry.socket);
    entry.socket.destroy();
    this.options.onEvict();
  }

  /** The oldest evictable connection of the largest group that has one (of equal groups, the older). */
  private evictionCandidate(): Tracked | undefined {
    let best: { entry: Tracked; size: number } | undefined;
    for (const members of this.groups.values()) {
      if (best && members.size < best.size) continue;
      const found = oldestEvictable(members);
      if (found && (!best || members.size > best.size || found.order < best.entry.order)) best = { entry: found, size: members.size };
    }
    return best?.entry;
  }
}

/** A connection still sending its request, or idle between requests: cutting it costs its sender a retry at most. */
function oldestEvictable(members: Map<Socket, Tracked>): Tracked | undefined {
  for (const entry of members.values()) if (entry.request === undefined || !entry.request.complete) return entry;
  return undefined;
}
