import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TicketDocument } from '../tickets/document.js';
import { renderTicket, type TicketTarget } from '../tickets/render-ticket.js';
import type { RasterReply, RasterRequest } from './raster-child.js';

// Raster tickets are drawn in a child process that exits once a burst is over. Skia and the fonts add
// about 80 MB to the process that draws them, and a Node process never gives that memory back (nor
// does a worker thread); a child gives it back when it exits. A burst pays the child's start once.
// If the child cannot start or dies, the ticket is drawn here instead: a ticket never waits on it.

export type RasterTicketBytes = { bytes: Buffer; warning?: string };

export type RasterProcess = {
  /** The ticket drawn as an image, with the warning renderTicket would give. Rejects only when the drawing itself fails. */
  render(doc: TicketDocument, target: TicketTarget): Promise<RasterTicketBytes>;
  /** The child's pid while it runs (benches read its memory). */
  pid(): number | undefined;
  close(): void;
};

export type RasterProcessOptions = {
  /** The child exits after this long without a ticket. */
  idleMs?: number;
  /** Told when the child could not draw and the ticket was drawn in this process. */
  onFallback?: (reason: string) => void;
};

const DEFAULT_IDLE_MS = 5_000;

/** The child's entry: its bundle beside this one, or its source (run through tsx) when running from sources. */
function childEntry(): { path: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? { path: join(dirname(here), 'raster-child.ts'), execArgv: ['--import', 'tsx'] }
    : { path: join(dirname(here), 'raster-child.js'), execArgv: [] };
}

const inProcess = (doc: TicketDocument, target: TicketTarget): RasterTicketBytes => {
  const { bytes, warning } = renderTicket(doc, target);
  return warning === undefined ? { bytes } : { bytes, warning };
};

export function createRasterProcess(options: RasterProcessOptions = {}): RasterProcess {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  type Pending = { doc: TicketDocument; target: TicketTarget; resolve: (r: RasterTicketBytes) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  let child: ChildProcess | undefined;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | undefined;

  const drawHere = (reason: string, request: Pending): void => {
    options.onFallback?.(reason);
    try {
      request.resolve(inProcess(request.doc, request.target));
    } catch (err) {
      request.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  function start(): ChildProcess {
    const entry = childEntry();
    // Under Electron, execPath is Electron itself: ELECTRON_RUN_AS_NODE makes it a plain Node.
    const started = fork(entry.path, [], {
      execArgv: entry.execArgv,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    started.on('message', (reply: RasterReply) => {
      const request = pending.get(reply.id);
      if (!request) return;
      pending.delete(reply.id);
      if ('error' in reply) request.reject(new Error(reply.error));
      else request.resolve(reply.warning === undefined ? { bytes: Buffer.from(reply.bytes) } : { bytes: Buffer.from(reply.bytes), warning: reply.warning });
      if (pending.size === 0) armIdle();
    });
    const lost = (reason: string): void => {
      if (child === started) child = undefined;
      const orphans = [...pending.values()];
      pending.clear();
      for (const request of orphans) drawHere(reason, request);
    };
    started.on('error', (err) => lost(`the raster process failed: ${err.message}`));
    started.on('exit', (code, signal) => lost(`the raster process exited (${signal ?? code})`));
    return started;
  }

  function armIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0) child?.disconnect();
    }, idleMs);
    idleTimer.unref();
  }

  return {
    render(doc, target) {
      clearTimeout(idleTimer);
      return new Promise<RasterTicketBytes>((resolve, reject) => {
        const request: Pending = { doc, target, resolve, reject };
        const id = nextId++;
        try {
          child ??= start();
          pending.set(id, request);
          child.send({ id, doc, target } satisfies RasterRequest, (err) => {
            if (err && pending.delete(id)) drawHere(`the raster process did not take the ticket: ${err.message}`, request);
          });
        } catch (err) {
          drawHere(`the raster process could not start: ${err instanceof Error ? err.message : String(err)}`, request);
        }
      });
    },
    pid: () => child?.pid,
    close() {
      clearTimeout(idleTimer);
      child?.kill();
      child = undefined;
    },
  };
}
