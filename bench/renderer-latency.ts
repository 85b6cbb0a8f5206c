// Order committed in the core → its row on screen, through the whole chain (relay → core child
// process → test transport push → renderer in Chromium). The commit time is the order's
// first_seen_at, stamped by the ingest transaction; the screen time is taken in the page by a
// MutationObserver. Both clocks are this machine's.  Run: npx tsx bench/renderer-latency.ts [--orders 40]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../main/store/connection.js';
import { startHarness } from '../test/integration/window-api/support/harness.js';
import { printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '40' } } });
const count = Number(values.orders);
const h = await startHarness();
await h.page.evaluate(`(() => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const row of document.querySelectorAll('[data-order-id]')) {
      const id = row.getAttribute('data-order-id');
      if (!(id in window.__seen)) window.__seen[id] = performance.timeOrigin + performance.now();
    }
  }).observe(document.getElementById('queue'), { childList: true, subtree: true });
})()`);

const db = openDatabase(join(h.dataDir, 'bridge.db'), { busyTimeoutMs: 5000 });
const latencies: number[] = [];
try {
  for (let i = 0; i < count; i++) {
    const id = 90_000 + i;
    await h.postOrder(id);
    await h.page.waitForSelector(`[data-order-id="${id}"]`, { timeout: 5000 });
    const seenAt = (await h.page.evaluate(`window.__seen[${JSON.stringify(String(id))}]`)) as number;
    const row = db.prepare('SELECT first_seen_at FROM orders WHERE id = ?').get(id) as { first_seen_at: string };
    latencies.push(seenAt - Date.parse(row.first_seen_at));
  }
} finally {
  db.close();
  await h.stop();
}

latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
console.log(`order committed → row on screen, ${count} orders (push feed interval 50 ms in the test transport)`);
console.log(`p50 ${pct(50).toFixed(0)} ms   p99 ${pct(99).toFixed(0)} ms   max ${latencies.at(-1)!.toFixed(0)} ms`);
printBenchLine(
  'renderer-latency',
  [
    { name: 'order committed → row on screen p50', value: pct(50), unit: 'ms' },
    { name: 'order committed → row on screen p99', value: pct(99), unit: 'ms' },
  ],
  { orders: count, 'push feed interval ms': 50 },
);
