// Render and update time of the queue with 2,000 orders, in Chromium, with the renderer as built
// for shipping and a stub window.bridge (no core: this measures the window alone).
// Run: npx tsx bench/renderer-render.ts [--orders 2000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { OrderSummary } from '../common/bridge-api.js';
import { DEFAULT_SETTINGS } from '../common/settings.js';
import { CHROMIUM_ARGS } from '../test/integration/window-api/support/harness.js';
import { printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '2000' } } });
const total = Number(values.orders);
const UPDATES = 20;
const root = fileURLToPath(new URL('../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'renderer-bench-'));
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'renderer', '--outdir', out]);

const orders: OrderSummary[] = Array.from({ length: total }, (_, i) => ({
  id: 1_000_000 - i,
  shortId: `A${1000 + i}`,
  queueNumber: i % 100,
  provider: ['GrabFood', 'foodpanda', 'klikit'][i % 3]!,
  brands: i % 7 === 0 ? ['Warung Nasi Bakar Ibu Sari Yang Sangat Terkenal', 'Kopi Kita'] : ['Nasi Bakar'],
  orderType: 'DINE-IN',
  tableNo: String(i % 30),
  createdAt: new Date(Date.now() - i * 60_000).toISOString(),
  firstSeenAt: new Date(Date.now() - i * 60_000).toISOString(),
  itemCount: 1 + (i % 6),
  status: 2,
  statusLabel: 'ACCEPTED',
  cancelled: false,
  acknowledged: i > 5,
  print: { state: i % 50 === 0 ? 'held' : 'printed', reason: i % 50 === 0 ? 'Kitchen: paper out' : '', possibleDuplicate: false },
  active: true,
  dueAt: new Date(Date.now() - i * 60_000 + 15 * 60_000).toISOString(),
  lines: [
    { quantity: 2, name: 'Nasi Bakar Ayam', modifiers: ['Extra sambal', 'No onion'], comment: '' },
    { quantity: 1, name: 'Es Teh Manis', modifiers: ['Less sugar'], comment: 'no straw' },
  ],
  moreLines: 0,
  removedLines: [],
  orderComment: '',
  customerName: '',
  rider: null,
  waitingForAcceptance: false,
  actions: ['ready'],
  lastAction: null,
  changedAfterSeen: null,
  attention: i > 5 ? null : 'new',
  stationsDone: [],
}));

const stub = `(() => {
  const orders = ${JSON.stringify(orders)};
  const listeners = new Set();
  const ok = (value) => Promise.resolve({ ok: true, value });
  window.__orders = orders;
  window.__push = (u) => listeners.forEach((l) => l(u));
  window.bridge = {
    screenGrant: () => ok({ kind: 'desktop' }),
    listOrders: ({ limit }) => ok(window.__orders.slice(0, limit)),
    getHealth: () => ok({ connection: { mode: 'relay', since: null, lastEventAt: null, detail: '', fallback: { state: 'none', detail: '' } }, printers: [{ id: 'k', name: 'Kitchen', state: 'online', detail: '', queueDepth: 0 }], queueDepth: 0, lastOrderAt: null, klikit: { state: 'ok', waitingActions: 0, detail: '' } }),
    getSettings: () => ok({ settings: ${JSON.stringify({ ...DEFAULT_SETTINGS, relayUrl: 'wss://r', klikitBaseUrl: 'https://k' })}, secrets: { relayToken: true, klikitSecretKey: false }, nextSteps: [] }),
    listProblems: () => ok([]),
    listOutOfStock: () => ok([]),
    onUpdate: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
})();`;

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const file = join(out, 'renderer', (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '') || 'index.html');
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // A stub that misses a method the window now calls fails here with the page's own error, not a 30 s timeout.
  const pageError = new Promise<never>((_, reject) => page.once('pageerror', (err) => reject(new Error(`the window failed to start: ${err.message}`))));
  await page.addInitScript({ content: stub });
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await Promise.race([page.waitForSelector('body[data-ready="true"]'), pageError]);
  // Show all of them: the first page is 200 rows; "Show older" grows it in steps of 200.
  const full = (await page.evaluate(`(async () => {
    const t0 = performance.now();
    const button = document.getElementById('load-more');
    while (document.querySelectorAll('[data-order-id]').length < ${total} && !button.hidden) {
      const before = document.querySelectorAll('[data-order-id]').length;
      button.click();
      await new Promise((r) => { const check = () => document.querySelectorAll('[data-order-id]').length > before ? r() : requestAnimationFrame(check); check(); });
    }
    await new Promise((r) => requestAnimationFrame(() => r()));
    return { rows: document.querySelectorAll('[data-order-id]').length, ms: performance.now() - t0 };
  })()`)) as { rows: number; ms: number };

  const measureUpdate = async (change: string): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      times.push((await page.evaluate(`(async () => {
        ${change}
        const t0 = performance.now();
        const done = new Promise((r) => new MutationObserver((_, o) => { o.disconnect(); r(); }).observe(document.getElementById('queue'), { childList: true, subtree: true }));
        window.__push({ type: 'orders' });
        await done;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      })()`)) as number);
    }
    return times.sort((a, b) => a - b);
  };
  const oneNew = await measureUpdate(`window.__orders = [{ ...window.__orders[0], id: window.__orders[0].id + 1, shortId: 'N' + Math.random().toString(36).slice(2, 6), acknowledged: false }, ...window.__orders];`);
  const oneChanged = await measureUpdate(`window.__orders = window.__orders.map((o, i) => i === 10 ? { ...o, print: { ...o.print, state: o.print.state === 'printed' ? 'failed' : 'printed' } } : o);`);
  const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)]!;

  console.log(`queue window with ${full.rows} orders on screen (Chromium ${browser.version()}, 1280×800)`);
  console.log(`grow 200 → ${full.rows} rows in steps of 200: ${full.ms.toFixed(0)} ms total`);
  console.log(`push "one new order" → DOM updated + frame: median ${median(oneNew).toFixed(1)} ms, max ${oneNew.at(-1)!.toFixed(1)} ms`);
  console.log(`push "one order's print state changed": median ${median(oneChanged).toFixed(1)} ms, max ${oneChanged.at(-1)!.toFixed(1)} ms`);
  printBenchLine(
    'renderer-render',
    [
      { name: `render 200 → ${full.rows} rows`, value: full.ms, unit: 'ms' },
      { name: 'update: one new order, median', value: median(oneNew), unit: 'ms' },
      { name: 'update: one new order, max', value: oneNew.at(-1)!, unit: 'ms' },
      { name: 'update: one print state changed, median', value: median(oneChanged), unit: 'ms' },
      { name: 'update: one print state changed, max', value: oneChanged.at(-1)!, unit: 'ms' },
    ],
    { orders: total, 'updates per kind': UPDATES, viewport: '1280×800' },
  );
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
