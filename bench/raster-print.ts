// Order → printer bytes → decoded at a virtual printer on localhost, raster beside text in the same run:
// the job renderer (parse, build, render: text, or raster image and GS v 0 bands) and one TCP
// connection, without the queue and its database (bench/print-latency.ts measures those).
// Text: the Latin single-order fixture; raster: the Thai fixture (auto), and the Latin one forced to raster.
// Run: npx tsx bench/raster-print.ts [--tickets 200]
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createVirtualPrinter, type VirtualPrinter } from '../dev/virtual-printer/virtual-printer.js';
import { systemClock } from '../ground/clock.js';
import { createJobRenderer } from '../main/printing/render-job.js';
import type { PrinterConfig } from '../main/printing/types.js';
import type { PrintJob } from '../main/store/print-jobs.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '200' } } });
const count = Number(values.tickets);
const warmup = 10;

const orderOf = (url: URL): unknown => (JSON.parse(readFileSync(url, 'utf8')) as { orders: unknown[] }).orders[0];
const latin = orderOf(new URL('../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url));
const thai = orderOf(new URL('../test/fixtures/raster/thai.envelope.json', import.meta.url));

const summary = (samples: number[]): { p50: number; p99: number } => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function run(printer: VirtualPrinter, order: unknown, render: PrinterConfig['render']): Promise<{ samples: number[]; bytes: number; image: boolean }> {
  const config: PrinterConfig = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, statusProbe: 'off', copies: 1, ...(render ? { render } : {}) };
  const renderJob = createJobRenderer({ clock: systemClock });
  const socket = connect(printer.port, '127.0.0.1');
  await once(socket, 'connect');
  const samples: number[] = [];
  let bytes = 0;
  let image = false;
  for (let i = 0; i < warmup + count; i++) {
    const job: PrintJob = { id: i, orderId: null, printerId: 'kitchen', kind: 'new', version: `v${i}`, state: 'queued', payload: { order }, possibleDuplicate: false, attempts: 0, lastError: '', nextAttemptAt: null, createdAt: '', updatedAt: '', sentAt: null, warning: '', backupPrinterId: null };
    const printed = once(printer.events, 'ticket');
    const started = performance.now();
    const out = renderJob(job, config);
    if ('error' in out) throw new Error(out.error);
    socket.write(out.bytes);
    const [ticket] = (await printed) as [{ image?: unknown }];
    if (i >= warmup) samples.push(performance.now() - started);
    bytes = out.bytes.length;
    image = ticket.image !== undefined;
  }
  socket.destroy();
  return { samples, bytes, image };
}

const printer = await createVirtualPrinter();
try {
  const text = await run(printer, latin, 'auto');
  const raster = await run(printer, thai, 'auto');
  const forced = await run(printer, latin, 'raster');
  if (text.image || !raster.image || !forced.image) throw new Error('auto did not choose text for Latin and raster for Thai');
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  for (const [label, r] of [['text (Latin, auto)', text], ['raster (Thai, auto)', raster], ['raster (Latin, forced)', forced]] as const) {
    const s = summary(r.samples);
    console.log(`  ${label.padEnd(24)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  ${r.bytes} bytes`);
  }
  printBenchLine(
    'raster-print',
    [
      atMost('raster p99', summary(raster.samples).p99, 'ms', 150, '< 150 ms'),
      { name: 'raster p50', value: summary(raster.samples).p50, unit: 'ms' },
      { name: 'text p99', value: summary(text.samples).p99, unit: 'ms' },
      { name: 'text p50', value: summary(text.samples).p50, unit: 'ms' },
      { name: 'raster bytes', value: raster.bytes, unit: 'B' },
      { name: 'text bytes', value: text.bytes, unit: 'B' },
    ],
    { tickets: count, 'warm-up': warmup, columns: 48, dots: 576 },
  );
} finally {
  await printer.stop();
}
