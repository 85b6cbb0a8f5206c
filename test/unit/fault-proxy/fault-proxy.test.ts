import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startFaultProxy, type FaultProxy } from '../../../dev/fault-proxy/fault-proxy.js';
import { waitFor } from '../../helpers/wait.js';

// The target records what it received per connection and echoes it back, so each test can assert
// both what crossed the proxy and what the client saw.

type Target = { port: number; received: Buffer[]; closed: number; server: net.Server; sockets: Set<net.Socket> };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startTarget({ echo }: { echo: boolean }): Promise<Target> {
  const sockets = new Set<net.Socket>();
  const target: Target = { port: 0, received: [], closed: 0, server: net.createServer(), sockets };
  target.server.on('connection', (socket) => {
    sockets.add(socket);
    const index = target.received.push(Buffer.alloc(0)) - 1;
    socket.on('data', (chunk) => {
      target.received[index] = Buffer.concat([target.received[index]!, chunk]);
      if (echo) socket.write(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      target.closed++;
    });
  });
  await new Promise<void>((resolve) => target.server.listen(0, '127.0.0.1', resolve));
  target.port = (target.server.address() as net.AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        target.server.close(() => resolve());
      }),
  );
  return target;
}

async function startProxy(target: Target): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: target.port } });
  cleanups.push(() => proxy.close());
  return proxy;
}

type Client = { socket: net.Socket; data: () => Buffer; closed: () => boolean; error: () => string };

async function connect(proxy: FaultProxy): Promise<Client> {
  const socket = net.connect(proxy.port, proxy.host);
  let data = Buffer.alloc(0);
  let closed = false;
  let error = '';
  socket.on('data', (chunk) => (data = Buffer.concat([data, chunk])));
  socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
  socket.on('close', () => (closed = true));
  cleanups.push(() => void socket.destroy());
  // A dropped connection may be reset before the client even sees it established.
  await new Promise<void>((resolve) => {
    socket.once('connect', () => resolve());
    socket.once('close', () => resolve());
  });
  return { socket, data: () => data, closed: () => closed, error: () => error };
}

describe('fault proxy', () => {
  it('forwards both ways when there is no fault', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const client = await connect(proxy);
    client.socket.write('hello printer');
    await waitFor('the echo', () => client.data().toString() === 'hello printer');
    expect(target.received[0]!.toString()).toBe('hello printer');
    expect(proxy.stats()).toMatchObject({ accepted: 1, active: 1, bytesToTarget: 13, bytesToClient: 13 });
  });

  it('delays every chunk and keeps their order', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const client = await connect(proxy);
    proxy.setFault({ kind: 'delay', ms: 150 });
    const started = Date.now();
    for (const part of ['a', 'b', 'c', 'd']) client.socket.write(part);
    await waitFor('the delayed echo', () => client.data().toString() === 'abcd');
    // Out and back: each direction waited at least once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    proxy.setFault({ kind: 'none' });
    client.socket.write('e');
    await waitFor('the undelayed echo', () => client.data().toString() === 'abcde');
  });

  it('drop resets live connections and every new one until cleared', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const live = await connect(proxy);
    proxy.setFault({ kind: 'drop' });
    await waitFor('the live connection to be reset', () => live.closed());
    expect(live.error()).toBe('ECONNRESET');
    const refused = await connect(proxy);
    await waitFor('the new connection to be reset', () => refused.closed());
    expect(proxy.stats().dropped).toBe(2);
    proxy.setFault({ kind: 'none' });
    const after = await connect(proxy);
    after.socket.write('back');
    await waitFor('the echo after the fault cleared', () => after.data().toString() === 'back');
  });

  it('half-open keeps the socket open but forwards nothing, even after the fault clears', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const client = await connect(proxy);
    client.socket.write('1');
    await waitFor('the first echo', () => client.data().toString() === '1');
    proxy.setFault({ kind: 'half-open' });
    client.socket.write('lost');
    await waitFor('the proxy to swallow the bytes', () => proxy.stats().bytesSwallowed === 4);
    const fresh = await connect(proxy);
    fresh.socket.write('also lost');
    await waitFor('the proxy to swallow the new connection too', () => proxy.stats().bytesSwallowed === 13);
    proxy.setFault({ kind: 'none' });
    client.socket.write('still lost');
    await waitFor('the proxy to keep swallowing', () => proxy.stats().bytesSwallowed === 23);
    expect(target.received.map((b) => b.toString())).toEqual(['1']);
    expect(client.closed()).toBe(false);
    expect(fresh.closed()).toBe(false);
    expect(client.data().toString()).toBe('1');
  });

  it('half-open never tells one side that the other went away', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const client = await connect(proxy);
    client.socket.write('1');
    await waitFor('the first echo', () => client.data().toString() === '1');
    proxy.setFault({ kind: 'half-open' });
    for (const socket of target.sockets) socket.destroy();
    await waitFor('the target side to be gone', () => target.closed === 1);
    client.socket.write('into the void');
    await waitFor('the proxy to swallow the bytes', () => proxy.stats().bytesSwallowed === 13);
    expect(client.closed()).toBe(false);
    client.socket.destroy();
    await waitFor('the link to be forgotten once both sides are gone', () => proxy.stats().active === 0);
  });

  it('cut forwards exactly N bytes towards the target, then closes both sides', async () => {
    const target = await startTarget({ echo: false });
    const proxy = await startProxy(target);
    const client = await connect(proxy);
    client.socket.write(Buffer.alloc(5, 0x41));
    await waitFor('the first bytes', () => target.received[0]?.length === 5);
    proxy.setFault({ kind: 'cut', afterBytes: 10, direction: 'toTarget', once: true });
    client.socket.write(Buffer.alloc(4, 0x42));
    client.socket.write(Buffer.alloc(100, 0x43));
    await waitFor('the client to see the link die', () => client.closed());
    await waitFor('the target to see the link die', () => target.closed === 1);
    expect(target.received[0]!.toString()).toBe('AAAAA' + 'BBBB' + 'CCCCCC');
    // A reset, never a clean close that would pass for "the printer read everything".
    expect(client.error()).toBe('ECONNRESET');
    expect(proxy.stats().cuts).toBe(1);
    expect(proxy.fault).toEqual({ kind: 'none' });
  });

  it('cut towards the client truncates the reply', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    proxy.setFault({ kind: 'cut', afterBytes: 3, direction: 'toClient' });
    const client = await connect(proxy);
    client.socket.write('abcdefgh');
    await waitFor('the client to see the link die', () => client.closed());
    expect(client.data().toString()).toBe('abc');
    expect(target.received[0]!.toString()).toBe('abcdefgh');
  });

  it('disconnectAll pulls the cable on live connections only', async () => {
    const target = await startTarget({ echo: true });
    const proxy = await startProxy(target);
    const first = await connect(proxy);
    proxy.disconnectAll();
    await waitFor('the live connection to drop', () => first.closed());
    const second = await connect(proxy);
    second.socket.write('ok');
    await waitFor('a new connection to work', () => second.data().toString() === 'ok');
  });
});
