import { coreOutboundSchema, type CoreInbound } from '../../common/core-protocol.js';
import type { BridgeMethod, BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// Runs the core as a child (Electron utilityProcess), restarts it when it exits with a growing
// delay (1 s, 2 s, 4 s … capped, reset after a minute of good health), and routes requests to it.
// A request in flight when the core dies gets an error value, never a hang.

export type CoreChild = {
  postMessage(message: CoreInbound): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
};

export type SupervisorOptions = {
  fork(): CoreChild;
  init(): Extract<CoreInbound, { type: 'init' }>;
  onUpdate(update: BridgeUpdate): void;
  log(message: string): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  baseDelayMs?: number;
  capDelayMs?: number;
  healthyAfterMs?: number;
  /** The window's language now, for the errors a request gets while the core restarts; English when absent. */
  words?: () => Translator;
};

export type CoreSupervisor = {
  request(method: BridgeMethod, args: unknown): Promise<BridgeResult<unknown>>;
  restarts(): number;
  stop(): void;
};

export function superviseCore(options: SupervisorOptions): CoreSupervisor {
  const base = options.baseDelayMs ?? 1_000;
  const cap = options.capDelayMs ?? 30_000;
  const healthyAfter = options.healthyAfterMs ?? 60_000;
  const words = options.words ?? ENGLISH;
  const pending = new Map<number, (result: BridgeResult<unknown>) => void>();
  let child: CoreChild | null = null;
  let nextId = 1;
  let failures = 0;
  let restarts = 0;
  let startedAt = 0;
  let stopped = false;

  function start(): void {
    startedAt = options.now();
    const current = options.fork();
    child = current;
    current.on('message', (raw) => {
      const parsed = coreOutboundSchema.safeParse(raw);
      if (!parsed.success) return options.log('ignored a malformed message from the core');
      const message = parsed.data;
      if (message.type === 'response') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'update') {
        options.onUpdate(message.update);
      } else if (message.type === 'fatal') {
        options.log(`core failed to start: ${message.message}`);
      }
    });
    current.on('exit', (code) => {
      if (child !== current) return;
      child = null;
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: words().t('core.service.restarted') });
        pending.delete(id);
      }
      if (stopped) return;
      failures = options.now() - startedAt >= healthyAfter ? 1 : failures + 1;
      const delay = Math.min(cap, base * 2 ** (failures - 1));
      options.log(`core exited with code ${code}; restarting in ${delay} ms`);
      options.setTimer(() => {
        if (stopped) return;
        restarts++;
        start();
        options.onUpdate({ type: 'core-restarted', at: new Date(options.now()).toISOString(), reason: `it exited with code ${code}` });
      }, delay);
    });
    current.postMessage(options.init());
  }

  start();

  return {
    request(method, args) {
      if (!child) return Promise.resolve({ ok: false, error: words().t('core.service.restarting') });
      const id = nextId++;
      const target = child;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        target.postMessage({ type: 'request', id, method, args });
      });
    },
    restarts: () => restarts,
    stop() {
      stopped = true;
      child?.postMessage({ type: 'stop' });
    },
  };
}
