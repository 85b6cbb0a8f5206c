// Order → bytes decoded at a virtual printer on localhost, through the durable queue (enqueue, probe,
// send, probe after, mark sent) versus bare node-thermal-printer `raw()` of the same ticket bytes.
// Run: npx tsx bench/print-latency.ts [--tickets 500] [--data DIR]
// --data puts the database elsewhere (e.g. /dev/shm) to separate our code from the disk's fsync time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { createVirtualPrinter, type VirtualPrinter } from '../dev/virtual-printer/virtual-printer.js';
import { systemClock, systemRandom } from '../ground/clock.js';
import { createPrintQueue } from '../main/printing/queue.js';
import { createJobRenderer } from '../main/printing/render-job.js';
import { createTcpLink } from '../main/printing/transports/tcp.js';
import type { PrinterConfig } from '../main/printing/types.js';
import { openDatabase } from '../main/store/connection.js';
import { enqueueJob, getJob } from '../main/store/print-jobs.js';
import { ordersFromInput } from '../main/tickets/order-input.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '500' }, data: { type: 'string', default: tmpdir() } } });
const count = Number(values.tickets);
const warmup = 20;

const fixture = new URL('../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url);
const parsed = ordersFromInput(JSON.parse(readFileSync(fixture, 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const order = parsed.orders[0]!;


function summary(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}

function nextTicket(printer: VirtualPrinter): Promise<number> {
  return new Promise((resolve) => printer.events.once('ticket', () => resolve(performance.now())));
}

async function throughQueue(printer: VirtualPrinter): Promise<{ samples: number[]; bytes: Buffer }> {
  const dir = mkdtempSync(join(values.data, 'bench-print-'));
  const db = openDatabase(join(dir, 'bridge.db'));
  const config: PrinterConfig = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, statusProbe: 'best-effort', copies: 1 };
  const render = createJobRenderer({ clock: systemClock });
  const link = createTcpLink(printer.url);
  const queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: systemRandom, render: (job) => render(job, config) });
  queue.start();
  const samples: number[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  for (let i = 0; i < warmup + count; i++) {
    const printed = nextTicket(printer);
    const started = performance.now();
    const id = enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'new', version: `v${i}`, payload: { order }, now: new Date().toISOString() });
    queue.wake();
    const at = await printed;
    if (i >= warmup) samples.push(at - started);
    if (i === 0) {
      const job = getJob(db, id!)!;
      const rendered = render(job, config);
      if ('error' in rendered) throw new Error(rendered.error);
      bytes = rendered.bytes;
    }
  }
  await queue.stop();
  await link.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { samples, bytes };
}

/** The renderer's own share of the latency: order JSON → ticket document → ESC/POS bytes. */
function renderCost(): number[] {
  const config: PrinterConfig = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48, statusProbe: 'off', copies: 1 };
  const render = createJobRenderer({ clock: systemClock });
  const job = { id: 1, orderId: null, printerId: 'kitchen', kind: 'new' as const, version: 'v', state: 'queued' as const, payload: { order }, possibleDuplicate: false, attempts: 0, lastError: '', nextAttemptAt: null, createdAt: '', updatedAt: '', sentAt: null, warning: '', backupPrinterId: null };
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    render(job, config);
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return samples;
}

async function bare(printer: VirtualPrinter, bytes: Buffer): Promise<number[]> {
  const thermal = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: printer.url });
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const printed = nextTicket(printer);
    const started = performance.now();
    await thermal.raw(bytes);
    const at = await printed;
    if (i >= warmup) samples.push(at - started);
  }
  return samples;
}

const printer = await createVirtualPrinter();
const queued = await throughQueue(printer);
const direct = await bare(printer, queued.bytes);
const rendering = summary(renderCost());
await printer.stop();

const q = summary(queued.samples);
const d = summary(direct);
const ms = (n: number): string => `${n.toFixed(2)} ms`;
console.log(`print latency, ${count} tickets of ${queued.bytes.length} bytes, enqueue → decoded at the virtual printer (database in ${values.data})`);
console.log(`  queue (probe, send, probe, SQLite FULL sync):  p50 ${ms(q.p50)}  p99 ${ms(q.p99)}  max ${ms(q.max)}`);
console.log(`  bare node-thermal-printer raw():              p50 ${ms(d.p50)}  p99 ${ms(d.p99)}  max ${ms(d.max)}`);
console.log(`  of which rendering the ticket alone:           p50 ${ms(rendering.p50)}  p99 ${ms(rendering.p99)}`);
console.log(`  ratio queue/bare:                              p50 ${(q.p50 / d.p50).toFixed(2)}x  p99 ${(q.p99 / d.p99).toFixed(2)}x`);
console.log(`  target p99 < 20 ms: ${q.p99 < 20 ? 'met' : 'NOT met'}`);
printBenchLine(
  'print-latency',
  [
    { name: 'order → bytes at printer p50', value: q.p50, unit: 'ms' },
    atMost('order → bytes at printer p99', q.p99, 'ms', 20, 'p99 < 20 ms'),
    { name: 'bare node-thermal-printer p99', value: d.p99, unit: 'ms' },
    { name: 'ratio queue/bare p50', value: q.p50 / d.p50, unit: '×' },
    { name: 'ratio queue/bare p99', value: q.p99 / d.p99, unit: '×' },
    { name: 'rendering alone p99', value: rendering.p99, unit: 'ms' },
  ],
  { tickets: count, 'warm-up': warmup, 'ticket bytes': queued.bytes.length },
);
