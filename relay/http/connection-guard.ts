import type { Socket } from 'node:net';

/**
 * Caps HTTP connections (webhook senders, health checks, upgrades in progress) overall and per
 * source address. A socket stops counting once it became a bridge WebSocket: those are bounded by
 * authentication and the per-device cap, and thousands of bridges may share a cloud NAT.
 */
export class ConnectionGuard {
  private total = 0;
  private readonly byAddress = new Map<string, number>();
  // The address is kept: a destroyed socket no longer reports it.
  private readonly counted = new Map<Socket, string>();

  constructor(
    private readonly maxConnections: number,
    private readonly maxPerAddress: number,
  ) {}

  /** Counts a new connection, or refuses it (the caller destroys it) when a cap is reached. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (this.total >= this.maxConnections || fromAddress >= this.maxPerAddress) return false;
    this.total++;
    this.byAddress.set(address, fromAddress + 1);
    this.counted.set(socket, address);
    socket.once('close', () => this.release(socket));
    return true;
  }

  release(socket: Socket): void {
    const address = this.counted.get(socket);
    if (address === undefined) return;
    this.counted.delete(socket);
    this.total--;
    const left = (this.byAddress.get(address) ?? 1) - 1;
    if (left === 0) this.byAddress.delete(address);
    else this.byAddress.set(address, left);
  }

  get connections(): number {
    return this.total;
  }
}
