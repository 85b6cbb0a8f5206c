import net from 'node:net';

// A TCP proxy that sits between the bridge and what it talks to (relay, printer) and misbehaves on
// demand, the way real networks do: refuses, stalls, goes silent without closing, or dies mid-frame.
// Faults are switched at run time and apply to live connections as well as new ones.

export type Fault =
  | { kind: 'none' }
  /** Reset every live connection and every new one as soon as it is accepted. */
  | { kind: 'drop' }
  /** Forward everything, each chunk `ms` later (order kept). */
  | { kind: 'delay'; ms: number }
  /** Accept and keep sockets open but forward nothing, ever again, on the affected connections. */
  | { kind: 'half-open' }
  /**
   * Forward `afterBytes` more bytes in `direction` on each connection, then close it. With `once`,
   * the fault clears itself after the first cut.
   */
  | { kind: 'cut'; afterBytes: number; direction: Direction; once?: boolean };

export type Direction = 'toTarget' | 'toClient';

export type FaultProxyStats = {
  accepted: number;
  active: number;
  /** Connections reset by the proxy (drop, disconnectAll). */
  dropped: number;
  cuts: number;
  /** Bytes received on silenced (half-open) connections and never forwarded. */
  bytesSwallowed: number;
  bytesToTarget: number;
  bytesToClient: number;
};

export type FaultProxy = {
  readonly port: number;
  readonly host: string;
  setFault(fault: Fault): void;
  readonly fault: Fault;
  /** Destroys every live connection (a cable pulled), leaving the fault as it is. */
  disconnectAll(): void;
  stats(): FaultProxyStats;
  close(): Promise<void>;
};

export type FaultProxyOptions = {
  target: { host: string; port: number };
  host?: string;
  port?: number;
};

type Link = {
  client: net.Socket;
  upstream: net.Socket | null;
  /** Once silenced, a link never forwards again: swallowed bytes would corrupt the stream. */
  silenced: boolean;
  cutFault: Fault | null;
  cutForwarded: number;
  queue: Record<Direction, Promise<void>>;
  queued: Record<Direction, number>;
};

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const links = new Set<Link>();
  const stats: FaultProxyStats = { accepted: 0, active: 0, dropped: 0, cuts: 0, bytesSwallowed: 0, bytesToTarget: 0, bytesToClient: 0 };
  let fault: Fault = { kind: 'none' };

  const destroyLink = (link: Link, reset: boolean) => {
    if (!links.delete(link)) return;
    stats.active = links.size;
    if (reset) stats.dropped++;
    for (const socket of [link.client, link.upstream]) {
      if (!socket || socket.destroyed) continue;
      if (reset && socket.readyState === 'open') socket.resetAndDestroy();
      else socket.destroy();
    }
  };

  /** One side closed. A silenced link tells the other side nothing, as a link that went half-open would. */
  const sideClosed = (link: Link) => {
    if (link.silenced && [link.client, link.upstream].some((socket) => socket && !socket.destroyed)) return;
    destroyLink(link, false);
  };

  const write = (link: Link, to: net.Socket, direction: Direction, chunk: Buffer) => {
    if (to.destroyed || !links.has(link)) return;
    to.write(chunk);
    if (direction === 'toTarget') stats.bytesToTarget += chunk.length;
    else stats.bytesToClient += chunk.length;
  };

  /** Writes `chunk` after everything already queued in that direction, `delayMs` later. */
  const enqueue = (link: Link, to: net.Socket, direction: Direction, chunk: Buffer, delayMs: number) => {
    link.queued[direction]++;
    link.queue[direction] = link.queue[direction]
      .then(() => (delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : undefined))
      .then(() => {
        link.queued[direction]--;
        write(link, to, direction, chunk);
      });
  };

  const cut = (link: Link, to: net.Socket, direction: Direction, chunk: Buffer, current: Extract<Fault, { kind: 'cut' }>) => {
    if (link.cutFault !== current) {
      link.cutFault = current;
      link.cutForwarded = 0;
    }
    const room = current.afterBytes - link.cutForwarded;
    if (chunk.length < room) {
      link.cutForwarded += chunk.length;
      write(link, to, direction, chunk);
      return;
    }
    write(link, to, direction, chunk.subarray(0, room));
    stats.cuts++;
    if (current.once && fault === current) fault = { kind: 'none' };
    // Like a peer that dies with unread data: the sender gets a reset, never a clean close that would
    // pass for "everything was read". The far side gets the partial frame, then an orderly end.
    link.silenced = true;
    const sender = to === link.client ? link.upstream : link.client;
    if (sender && !sender.destroyed) sender.resetAndDestroy();
    to.end(() => destroyLink(link, false));
  };

  const forward = (link: Link, from: net.Socket, to: () => net.Socket | null, direction: Direction) => {
    from.on('data', (chunk: Buffer) => {
      const current = fault;
      if (current.kind === 'half-open') link.silenced = true;
      if (link.silenced) {
        stats.bytesSwallowed += chunk.length;
        return;
      }
      const target = to();
      if (!target) return;
      if (current.kind === 'cut' && current.direction === direction) {
        cut(link, target, direction, chunk, current);
      } else if (current.kind === 'delay' || link.queued[direction] > 0) {
        enqueue(link, target, direction, chunk, current.kind === 'delay' ? current.ms : 0);
      } else {
        write(link, target, direction, chunk);
      }
    });
    from.on('end', () => {
      const target = to();
      if (!link.silenced && target && !target.destroyed) void link.queue[direction].then(() => target.end());
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    stats.accepted++;
    const link: Link = {
      client,
      upstream: null,
      silenced: fault.kind === 'half-open',
      cutFault: null,
      cutForwarded: 0,
      queue: { toTarget: Promise.resolve(), toClient: Promise.resolve() },
      queued: { toTarget: 0, toClient: 0 },
    };
    links.add(link);
    stats.active = links.size;
    client.on('error', () => sideClosed(link));
    client.on('close', () => sideClosed(link));
    if (fault.kind === 'drop') {
      destroyLink(link, true);
      return;
    }
    forward(link, client, () => link.upstream, 'toTarget');
    if (link.silenced) {
      client.resume();
      return;
    }
    const upstream = net.connect(options.target.port, options.target.host);
    link.upstream = upstream;
    upstream.on('error', () => sideClosed(link));
    upstream.on('close', () => sideClosed(link));
    upstream.once('connect', () => client.resume());
    forward(link, upstream, () => link.client, 'toClient');
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    host,
    get fault() {
      return fault;
    },
    setFault(next) {
      fault = next;
      if (next.kind === 'drop') for (const link of [...links]) destroyLink(link, true);
      if (next.kind === 'half-open') for (const link of links) link.silenced = true;
    },
    disconnectAll() {
      for (const link of [...links]) destroyLink(link, true);
    },
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) destroyLink(link, false);
        server.close(() => resolve());
      }),
  };
}
