import { connect, type Socket } from 'node:net';
import { decodeStatus, STATUS_ANSWER_LENGTH, STATUS_REQUEST } from '../status.js';
import type { PrinterLink, PrinterStatus, SendOutcome } from '../types.js';
import { parsePrinterUri } from '../../../common/printer-uri.js';

// One TCP connection per probe and per job. Network printers serve one client at a time on port 9100
// and drop idle sockets after power cycles, so a long-lived socket would need its own health tracking;
// a fresh connection gives every job a clean outcome of its own for the price of a LAN handshake.

export type TcpLinkOptions = {
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  statusTimeoutMs?: number;
};

export type TcpAddress = { host: string; port: number };

export function parseTcpAddress(url: string): TcpAddress | { error: string } {
  const parsed = parsePrinterUri(url);
  if ('error' in parsed) return parsed;
  return parsed.scheme === 'tcp' ? { host: parsed.host, port: parsed.port } : { error: `expected tcp://host:port, got "${url}"` };
}

type Connected = { ok: true; socket: Socket } | { ok: false; error: string };

function openSocket(address: TcpAddress, timeoutMs: number): Promise<Connected> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port, noDelay: true });
    const fail = (error: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: false, error });
    };
    const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
    socket.once('error', (err) => fail(err.message));
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ ok: true, socket });
    });
  });
}

export function createTcpLink(url: string, options: TcpLinkOptions = {}): PrinterLink {
  const parsed = parseTcpAddress(url);
  if ('error' in parsed) throw new TypeError(parsed.error);
  const address = parsed;
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 5_000;
  const statusTimeoutMs = options.statusTimeoutMs ?? 500;
  const open = new Set<Socket>();

  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  async function probe(): Promise<PrinterStatus> {
    const connected = await openSocket(address, connectTimeoutMs);
    if (!connected.ok) return { state: 'unreachable', reason: connected.error };
    const { socket } = connected;
    track(socket);
    return new Promise((resolve) => {
      let answer = Buffer.alloc(0);
      const finish = (status: PrinterStatus): void => {
        clearTimeout(timer);
        socket.destroy();
        resolve(status);
      };
      const timer = setTimeout(() => finish(decodeStatus(answer)), statusTimeoutMs);
      socket.on('data', (chunk: Buffer) => {
        answer = Buffer.concat([answer, chunk]);
        if (answer.length >= STATUS_ANSWER_LENGTH) finish(decodeStatus(answer));
      });
      socket.on('error', (err) => finish({ state: 'unreachable', reason: err.message }));
      socket.on('end', () => finish(decodeStatus(answer)));
      socket.write(STATUS_REQUEST);
    });
  }

  async function send(bytes: Buffer): Promise<SendOutcome> {
    const connected = await openSocket(address, connectTimeoutMs);
    if (!connected.ok) return { ok: false, delivered: 'none', error: connected.error };
    const { socket } = connected;
    track(socket);
    // Delivery is judged by the printer closing its side after reading our FIN: it has then read every
    // byte. A reset or a timeout before that leaves the outcome unknown.
    return new Promise((resolve) => {
      let failure: string | undefined;
      const timer = setTimeout(() => {
        failure = `printer did not take the job within ${writeTimeoutMs} ms`;
        socket.destroy();
      }, writeTimeoutMs);
      socket.on('error', (err) => {
        failure ??= err.message;
      });
      socket.on('data', () => undefined);
      socket.once('close', (hadError) => {
        clearTimeout(timer);
        if (failure !== undefined || hadError) {
          resolve({ ok: false, delivered: 'unknown', error: failure ?? 'connection broke during the job' });
        } else resolve({ ok: true });
      });
      socket.end(bytes);
    });
  }

  async function close(): Promise<void> {
    for (const socket of open) socket.destroy();
    open.clear();
  }

  return { capabilities: { readsStatus: true, confirms: false, receiptProof: true }, probe, send, close };
}
