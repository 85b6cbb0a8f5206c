import { readFileSync } from 'node:fs';
import type WebSocket from 'ws';
import { addDevice } from '../relay/admin.js';
import { connectBridge, spawnRelay } from './relay-harness.js';

// Memory per connected idle bridge: the relay runs as a child process and its RSS is read from
// /proc before and after CLIENTS sockets connect and say hello. Run: npx tsx bench/relay-idle-memory.ts

const CLIENTS = Number(process.env.CLIENTS ?? 2000);

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error('VmRSS not found');
  return Number(kb) * 1024;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2000));

const relay = await spawnRelay();
try {
  const { token } = addDevice(relay.dataDir, 'bench', [7]);
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
  const metrics = await (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
  const connected = /relay_connected_devices (\d+)/.exec(metrics)?.[1];
  console.log(`idle bridges: ${CLIENTS} connected (relay reports ${connected})`);
  console.log(`  relay RSS ${(before / 2 ** 20).toFixed(1)} MiB → ${(after / 2 ** 20).toFixed(1)} MiB, ${((after - before) / CLIENTS / 1024).toFixed(1)} KiB per idle bridge`);
  for (const ws of sockets) ws.terminate();
} finally {
  await relay.stop();
}
process.exit(0);
