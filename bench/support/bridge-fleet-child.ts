import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { wallClockMs, type ChildMessage, type FleetBridge, type ParentMessage, type ReceivedFrame } from './bridge-fleet.js';

// The child side of bench/support/bridge-fleet.ts: minimal bridges, one ws client each. Each says
// hello after 0, acks every event frame on receipt and notes it; the notes go to the parent every
// 50 ms in one message, so that 200 frames a second cost the parent a few messages, not 200.

const FLUSH_MS = 50;

let pending: ReceivedFrame[] = [];
const sockets = new Set<WebSocket>();
let closing = false;

const tell = (message: ChildMessage): void => {
  process.send!(message);
};

function flush(): void {
  if (pending.length === 0) return;
  tell({ type: 'frames', frames: pending });
  pending = [];
}
const flushTimer = setInterval(flush, FLUSH_MS);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function open(bridge: FleetBridge): Promise<string | undefined> {
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/v1/bridge`, {
    headers: { authorization: `Bearer ${bridge.token}` },
    perMessageDeflate: false,
  });
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; seq: number; event_id: string };
    if (frame.type !== 'event') return;
    pending.push([bridge.branchId, frame.seq, frame.event_id, wallClockMs()]);
    ws.send(`{"type":"ack","seq":${frame.seq}}`);
  });
  ws.on('close', (code) => {
    sockets.delete(ws);
    if (!closing) tell({ type: 'dropped', branchId: bridge.branchId, code });
  });
  return new Promise((resolve) => {
    ws.once('open', () => {
      sockets.add(ws);
      ws.send('{"type":"hello","protocol":1,"after":0}');
      resolve(undefined);
    });
    // Kept after open too: a later error is followed by 'close', which reports the drop.
    ws.on('error', (err) => resolve(`branch ${bridge.branchId}: ${err.message}`));
  });
}

/** Opens every socket, at most `concurrency` upgrades in flight, and says how many opened. */
async function connectAll(bridges: FleetBridge[], concurrency: number): Promise<void> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bridges.length) {
      const failure = await open(bridges[next++]!);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bridges.length) }, worker));
  tell({ type: 'connected', opened: bridges.length - failures.length, failures: failures.slice(0, 10) });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'connect') {
    void connectAll(message.bridges, message.concurrency);
    return;
  }
  if (message.type === 'loop-delay') {
    tell({ type: 'loop-delay', maxMs: loopDelay.max / 1e6 });
    loopDelay.reset();
    return;
  }
  closing = true;
  clearInterval(flushTimer);
  for (const ws of sockets) ws.terminate();
  process.send!({ type: 'frames', frames: pending } satisfies ChildMessage, () => process.exit(0));
});
