import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Thousands of idle bridges in a child process of their own (bench/support/bridge-fleet-child.ts), so
// that their CPU and memory are neither the relay's nor the load generator's. The parent says which
// sockets to open; the child says when they are open and reports, in batches, every event frame it
// received and when (performance.timeOrigin + performance.now(): one clock for every process on
// the machine).

const CHILD = fileURLToPath(new URL('./bridge-fleet-child.ts', import.meta.url));

/** One simulated bridge: a device token on one relay node, bound to one branch. */
export type FleetBridge = { port: number; token: string; branchId: number };

/** An event frame as a bridge received it: [branch of the receiving bridge, seq, event_id, received at (epoch ms)]. */
export type ReceivedFrame = [branchId: number, seq: number, eventId: string, receivedAtMs: number];

export type ParentMessage = { type: 'connect'; bridges: FleetBridge[]; concurrency: number } | { type: 'loop-delay' } | { type: 'close' };
export type ChildMessage =
  | { type: 'connected'; opened: number; failures: string[] }
  /** The child's longest event-loop delay since the previous ask: how late it may have noted a frame. */
  | { type: 'loop-delay'; maxMs: number }
  | { type: 'frames'; frames: ReceivedFrame[] }
  /** A socket closed that the parent did not ask to close: its bridge would have reconnected. */
  | { type: 'dropped'; branchId: number; code: number };

export type BridgeFleet = {
  /** Opens the sockets (at most `concurrency` upgrades at once), each sending hello after 0; resolves when all opened or failed. */
  connect(bridges: FleetBridge[], concurrency: number): Promise<{ opened: number; failures: string[] }>;
  /** The fleet's own longest event-loop delay since the previous call (or its start), in ms. */
  loopDelayMaxMs(): Promise<number>;
  /** Sockets the relay closed on its own so far. */
  readonly dropped: number;
  /** Closes every socket and ends the child. */
  stop(): Promise<void>;
};

/** The clock of every frame time and POST time: the same for the fleet's process and the bench's. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

export function spawnBridgeFleet(onFrames: (frames: ReceivedFrame[]) => void): BridgeFleet {
  const child: ChildProcess = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let dropped = 0;
  let connected: ((result: { opened: number; failures: string[] }) => void) | undefined;
  let loopDelay: ((maxMs: number) => void) | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'frames') onFrames(message.frames);
    else if (message.type === 'dropped') dropped++;
    else if (message.type === 'loop-delay') loopDelay?.(message.maxMs);
    else connected?.(message);
  });
  const send = (message: ParentMessage): void => {
    child.send(message);
  };
  return {
    connect(bridges, concurrency) {
      return new Promise((resolve, reject) => {
        connected = resolve;
        void exited.then(() => reject(new Error('the bridge fleet exited while connecting')));
        send({ type: 'connect', bridges, concurrency });
      });
    },
    loopDelayMaxMs() {
      return new Promise((resolve) => {
        loopDelay = resolve;
        send({ type: 'loop-delay' });
      });
    },
    get dropped() {
      return dropped;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) send({ type: 'close' });
      await exited;
    },
  };
}
