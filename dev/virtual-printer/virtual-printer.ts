import { EventEmitter, once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { EscPosDecoder, type Dialect, type PaperMotion } from './escpos-decoder.js';
import { printedImagePng, RasterCollector, type PrintedImage } from './raster-image.js';
import { statusAnswer, type SimulatedState } from './status-bytes.js';

// A network ESC/POS printer on a TCP port, for tests and the demo: it prints (decodes) what it is sent,
// answers DLE EOT like an Epson, and can be told to fail the ways real printers fail. It can also sit
// on a serial line (a socat pty pair in the tests): the same printer, one byte stream, no connections.

/** `image`: the raster data of the ticket, when it had any. */
export type PrintedTicket = { text: string; raw: Buffer; at: number; image?: PrintedImage };

export type VirtualPrinterOptions = {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  dialect?: Dialect;
  /** How `ESC J` and `GS P` move the paper: CLONE_MOTION (one dot per unit) unless set. */
  motion?: PaperMotion;
  /** When set, every ticket is also written there as ticket-NNNN.txt (and ticket-NNNN.png when raster). */
  outDir?: string;
  now?: () => number;
};

export type VirtualPrinter = {
  readonly port: number;
  /** `tcp://host:port`, the form printer configs use. */
  readonly url: string;
  /** Emits 'ticket' (PrintedTicket) and 'fragment' (PrintedTicket). */
  readonly events: EventEmitter;
  /** Complete tickets, in the order they were cut. */
  tickets(): PrintedTicket[];
  /** Jobs cut short by a dropped connection or paper running out: text that reached the paper uncut. */
  fragments(): PrintedTicket[];
  waitForTickets(count: number, timeoutMs?: number): Promise<PrintedTicket[]>;
  statusRequests(): number;
  setState(state: SimulatedState): void;
  /** Each received chunk (and status answer) is held back this long. */
  setSlow(ms: number): void;
  /** Resets the next connection carrying job bytes once it has received this many of them. */
  dropNextJobAfter(bytes: number): void;
  /** Paper runs out after this many more job bytes: the rest is not printed and status says paper-out. */
  runOutOfPaperAfter(bytes: number): void;
  /** A clone that never answers DLE EOT. */
  setSilent(silent: boolean): void;
  /**
   * Also serves the serial port or pty at `path` until `stop` or the returned detach. A dropped job
   * (dropNextJobAfter) closes the port, as a printer switched off mid-job drops its line.
   */
  attachSerial(path: string, baudRate?: number): Promise<() => Promise<void>>;
  stop(): Promise<void>;
};

/** A status probe sends nothing but DLE EOT n triples; anything else is (part of) a job. */
function onlyStatusRequests(chunk: Buffer): boolean {
  if (chunk.length === 0 || chunk.length % 3 !== 0) return false;
  for (let i = 0; i < chunk.length; i += 3) if (chunk[i] !== 0x10 || chunk[i + 1] !== 0x04) return false;
  return true;
}

export async function createVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const dialect = options.dialect ?? 'epson';
  const now = options.now ?? Date.now;
  const events = new EventEmitter();
  const printed: PrintedTicket[] = [];
  const partial: PrintedTicket[] = [];
  const sockets = new Set<Socket | Duplex>();
  let state: SimulatedState = 'ok';
  let slowMs = 0;
  let silent = false;
  let dropAfter: number | undefined;
  let paperLeft: number | undefined;
  let statusCount = 0;

  if (options.outDir) mkdirSync(options.outDir, { recursive: true });

  const record = (ticket: PrintedTicket): void => {
    printed.push(ticket);
    if (options.outDir) {
      const name = `ticket-${String(printed.length).padStart(4, '0')}`;
      writeFileSync(join(options.outDir, `${name}.txt`), ticket.text);
      if (ticket.image) writeFileSync(join(options.outDir, `${name}.png`), printedImagePng(ticket.image));
    }
    events.emit('ticket', ticket);
  };

  function serve(socket: Socket | Duplex): void {
    sockets.add(socket);
    const decoder = new EscPosDecoder(dialect, options.motion);
    const raster = new RasterCollector();
    let text: string[] = [];
    let raw: Buffer[] = [];
    let jobBytes = 0;
    let dropThis: number | undefined;
    let streamOffset = 0;

    const keepFragment = (): void => {
      const joined = text.join('');
      if (joined.trim().length > 0) {
        const fragment = { text: joined, raw: Buffer.concat(raw), at: now() };
        partial.push(fragment);
        events.emit('fragment', fragment);
      }
      text = [];
      raw = [];
    };

    const print = (segment: Buffer, printing: boolean, answers: number[]): void => {
      const segmentStart = streamOffset;
      streamOffset += segment.length;
      let sliceStart = 0;
      for (const event of decoder.push(segment)) {
        if (event.type === 'status-request') {
          statusCount++;
          if (!silent) answers.push(statusAnswer(state, event.n));
        } else if (!printing) {
          continue;
        } else if (event.type === 'text') {
          text.push(event.text);
        } else if (event.type === 'image') {
          raster.addRows(event.bytesPerRow, event.rows, event.data);
        } else if (event.type === 'feed') {
          raster.addFeed(event.dots);
        } else if (event.type === 'cut') {
          const at = Math.max(sliceStart, Math.min(event.end - segmentStart, segment.length));
          raw.push(segment.subarray(sliceStart, at));
          sliceStart = at;
          const image = raster.take();
          record({ text: text.join(''), raw: Buffer.concat(raw), at: now(), ...(image ? { image } : {}) });
          text = [];
          raw = [];
        }
      }
      if (printing) raw.push(segment.subarray(sliceStart));
    };

    const handle = (incoming: Buffer): void => {
      if (socket.destroyed) return;
      let chunk = incoming;
      const isJob = !onlyStatusRequests(chunk);
      if (isJob && dropThis === undefined && dropAfter !== undefined) {
        dropThis = dropAfter;
        dropAfter = undefined;
      }
      const cutShort = isJob && dropThis !== undefined && jobBytes + chunk.length > dropThis;
      if (cutShort) chunk = chunk.subarray(0, Math.max(0, dropThis! - jobBytes));
      if (isJob) jobBytes += chunk.length;
      const answers: number[] = [];
      const runsOut = isJob && state === 'ok' && paperLeft !== undefined && chunk.length >= paperLeft;
      if (runsOut) {
        const left = paperLeft!;
        print(chunk.subarray(0, left), true, answers);
        paperLeft = undefined;
        state = 'paper-out';
        print(chunk.subarray(left), false, answers);
        keepFragment();
      } else {
        if (isJob && state === 'ok' && paperLeft !== undefined) paperLeft -= chunk.length;
        print(chunk, state === 'ok', answers);
      }
      if (answers.length > 0) socket.write(Buffer.from(answers));
      if (cutShort) {
        keepFragment();
        if ('resetAndDestroy' in socket) socket.resetAndDestroy();
        else socket.destroy();
      }
    };

    // Chunks go through one chain so that a slow printer delays its answers and its end of the
    // connection as well: the client must not see a clean close before the job was taken.
    let chain = Promise.resolve();
    const later = (work: () => void): void => {
      const delay = slowMs;
      chain = chain.then(() =>
        delay > 0 ? new Promise<void>((resolve) => setTimeout(() => resolve(work()), delay)) : work(),
      );
    };
    socket.on('data', (chunk: Buffer) => later(() => handle(chunk)));
    socket.on('end', () =>
      later(() => {
        keepFragment();
        if (!socket.destroyed) socket.end();
      }),
    );
    // Clients that reset or vanish mid-job are part of what this printer is for, not a fault of it.
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  }

  const server = createServer({ allowHalfOpen: true }, serve);
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const waitForTickets = (count: number, timeoutMs = 5_000): Promise<PrintedTicket[]> =>
    new Promise((resolve, reject) => {
      if (printed.length >= count) return resolve(printed.slice());
      const onTicket = (): void => {
        if (printed.length < count) return;
        clearTimeout(timer);
        events.off('ticket', onTicket);
        resolve(printed.slice());
      };
      const timer = setTimeout(() => {
        events.off('ticket', onTicket);
        reject(new Error(`virtual printer: ${printed.length} of ${count} tickets after ${timeoutMs} ms`));
      }, timeoutMs);
      events.on('ticket', onTicket);
    });

  return {
    port,
    url: `tcp://${host}:${port}`,
    events,
    tickets: () => printed.slice(),
    fragments: () => partial.slice(),
    waitForTickets,
    statusRequests: () => statusCount,
    setState: (next) => {
      state = next;
      paperLeft = undefined;
    },
    setSlow: (ms) => {
      slowMs = ms;
    },
    dropNextJobAfter: (bytes) => {
      dropAfter = bytes;
    },
    runOutOfPaperAfter: (bytes) => {
      paperLeft = bytes;
    },
    setSilent: (value) => {
      silent = value;
    },
    attachSerial: async (path, baudRate = 115_200) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
      serve(port);
      return () =>
        new Promise<void>((resolve) => {
          if (!port.isOpen) return resolve();
          port.close(() => resolve());
        });
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
