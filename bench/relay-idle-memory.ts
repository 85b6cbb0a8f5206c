import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import type { Figure } from './report/bench-line.js';
import { addDevice } from '../relay/admin.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { rssBytes } from './support/proc-stats.js';
import { connectBridge, connectedDevices, spawnRelay } from './support/relay-harness.js';

// Memory per connected idle bridge: the relay runs as a child process and its RSS is read from
// /proc before and after --clients sockets connect and say hello.
// Run: npx tsx bench/relay-idle-memory.ts [--clients 2000]

const { values } = parseArgs({ options: { clients: { type: 'string', default: '2000' } } });
const CLIENTS = Number(values.clients);

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2000));

const figures: Figure[] = [];
// The clients share one device token, so the per-device socket cap is lifted for them.
const relay = await spawnRelay(undefined, ['--max-sockets-per-device', String(CLIENTS + 1)]);
try {
  const { token } = await addDevice(relay.store, 'bench', [7]);
  const warm = await connectBridge(relay.port, token, () => undefined);
  warm.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
  await settle();
  const before = rssBytes(relay.child.pid!);
  const sockets: WebSocket[] = [warm];
  for (let start = 0; start < CLIENTS; start += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, CLIENTS - start) }, () => connectBridge(relay.port, token, () => undefined)));
    for (const ws of batch) ws.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
    sockets.push(...batch);
  }
  await settle();
  const after = rssBytes(relay.child.pid!);
  const connected = await connectedDevices(relay.port);
  console.log(`idle bridges: ${CLIENTS} connected (relay reports ${connected})`);
  const perDeviceKb = (after - before) / CLIENTS / 1000;
  console.log(`  relay RSS ${(before / 2 ** 20).toFixed(1)} MiB → ${(after / 2 ** 20).toFixed(1)} MiB, ${perDeviceKb.toFixed(1)} KB per idle bridge`);
  for (const ws of sockets) ws.terminate();
  figures.push(atMost('relay memory per idle device', perDeviceKb, 'KB', 50, '< 50 KB'), { name: 'relay RSS with all connected', value: after / 2 ** 20, unit: 'MiB' });
} finally {
  await relay.stop();
}
printBenchLine('relay-idle-memory', figures, { 'idle clients': CLIENTS });
process.exit(0);
