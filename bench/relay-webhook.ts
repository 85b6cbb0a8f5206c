import { addDevice } from '../relay/admin.js';
import { connectBridge, envelope, ms, percentile, postWebhook, seedEvents, spawnRelay } from './relay-harness.js';

// Relay figures: webhook answer latency at a fixed offered load, webhook → event frame at a
// connected bridge, and catch-up time for a 10,000-event backlog. Run: npx tsx bench/relay-webhook.ts

const RATE = Number(process.env.RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function offeredLoad(): Promise<void> {
  const relay = await spawnRelay();
  try {
    const total = RATE * SECONDS;
    const latencies: number[] = [];
    const failures: number[] = [];
    const started = performance.now();
    const inflight: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      // Open loop: request i is due at i/RATE seconds whether or not earlier ones were answered.
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      inflight.push(
        postWebhook(relay.port, `load-${i}`, envelope(7, i + 1)).then((status) => {
          latencies.push(performance.now() - sent);
          if (status !== 200) failures.push(status);
        }),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`webhook answer @ ${RATE}/s offered for ${SECONDS} s: ${total} requests, ${failures.length} non-200`);
    console.log(`  throughput ${(total / elapsed).toFixed(0)}/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)}`);
  } finally {
    await relay.stop();
  }
}

async function webhookToFrame(): Promise<void> {
  const relay = await spawnRelay();
  try {
    const { token } = addDevice(relay.dataDir, 'bench', [7]);
    const sentAt = new Map<string, number>();
    const delays: number[] = [];
    const ws = await connectBridge(relay.port, token, (frame) => {
      const sent = sentAt.get(frame.event_id);
      if (sent !== undefined) delays.push(performance.now() - sent);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
    const count = 500;
    for (let i = 0; i < count; i++) {
      sentAt.set(`live-${i}`, performance.now());
      await postWebhook(relay.port, `live-${i}`, envelope(7, i + 1));
    }
    while (delays.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    delays.sort((a, b) => a - b);
    console.log(`webhook sent → event frame at a connected bridge (${count} sequential): p50 ${ms(percentile(delays, 50))}, p99 ${ms(percentile(delays, 99))}`);
    ws.terminate();
  } finally {
    await relay.stop();
  }
}

async function catchUp(): Promise<void> {
  const relay = await spawnRelay();
  try {
    const count = 10_000;
    seedEvents(relay.dataDir, 7, count);
    const { token } = addDevice(relay.dataDir, 'bench', [7]);
    let received = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const started = performance.now();
    const ws = await connectBridge(relay.port, token, () => {
      if (++received === count) done();
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
    await finished;
    const elapsed = performance.now() - started;
    console.log(`catch-up of ${count} stored events (connect + hello → last frame): ${ms(elapsed)} (${((count / elapsed) * 1000).toFixed(0)} events/s)`);
    ws.terminate();
  } finally {
    await relay.stop();
  }
}

await offeredLoad();
await webhookToFrame();
await catchUp();
process.exit(0);
