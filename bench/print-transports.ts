// Order → ticket decoded at the virtual printer through each transport, in one run: TCP, CUPS (a
// private cupsd with a raw queue to the printer's port), serial at 115200 baud (a socat pty pair), each
// through the durable queue with the real renderer, closed loop (one order at a time), p50/p99.
// Then a raster-sized ticket (--raster-kb, default 60) over serial: a pty has no baud rate, so the
// bench times our side of the write and adds the time the bytes take on the wire at 115200 and 9600.
// Needs socat and CUPS (cupsd, lp, lpadmin, lpstat); a missing one is reported, not fatal.
// Run: npx tsx bench/print-transports.ts [--tickets 100] [--raster-kb 60]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createVirtualPrinter, type VirtualPrinter } from '../dev/virtual-printer/virtual-printer.js';
import { systemClock, systemRandom } from '../ground/clock.js';
import { createPrintQueue } from '../main/printing/queue.js';
import { createJobRenderer } from '../main/printing/render-job.js';
import { linkForUri } from '../main/printing/transports/link-for-printer.js';
import type { PrinterConfig } from '../main/printing/types.js';
import { openDatabase } from '../main/store/connection.js';
import { enqueueJob } from '../main/store/print-jobs.js';
import { ordersFromInput } from '../main/tickets/order-input.js';
import { hasCups, startPrivateCups } from '../test/integration/printing/private-cups.js';
import { hasSocat, startPtyPair } from '../dev/virtual-printer/pty-pair.js';
import { printBenchLine } from './report/print-bench-line.js';
import type { Figure } from './report/bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '100' }, 'raster-kb': { type: 'string', default: '60' } } });
const count = Number(values.tickets);
const rasterBytes = Number(values['raster-kb']) * 1024;
const warmup = 5;

const fixture = new URL('../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url);
const parsed = ordersFromInput(JSON.parse(readFileSync(fixture, 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const order = parsed.orders[0]!;

const p50p99 = (samples: number[]): { p50: number; p99: number } => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

/** Milliseconds from enqueueing each order to its ticket at the printer, one order at a time. */
async function orderToTicket(printer: VirtualPrinter, uri: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-transport-'));
  const db = openDatabase(join(dir, 'bridge.db'));
  const config: PrinterConfig = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: uri, width: 48, statusProbe: 'best-effort', copies: 1 };
  const render = createJobRenderer({ clock: systemClock });
  const link = linkForUri(uri);
  const queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: systemRandom, render: (job) => render(job, config) });
  queue.start();
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const before = printer.tickets().length;
    const started = performance.now();
    enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'new', version: `v${i}`, payload: { order }, now: new Date().toISOString() });
    queue.wake();
    await printer.waitForTickets(before + 1, 30_000);
    if (i >= warmup) samples.push(performance.now() - started);
  }
  await queue.stop();
  await link.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return samples;
}

/** Our side of writing `bytes` to a serial port (open, write, drain): what a pty can measure. */
async function serialWriteMs(uri: string, bytes: number): Promise<number> {
  const link = linkForUri(uri);
  const started = performance.now();
  const outcome = await link.send(Buffer.alloc(bytes, 0x55));
  const elapsed = performance.now() - started;
  await link.close();
  if (!outcome.ok) throw new Error(outcome.error);
  return elapsed;
}

/** Seconds the bytes take on the wire at 8N1 (10 bits a byte). */
const wireSeconds = (bytes: number, baud: number): number => (bytes * 10) / baud;

const figures: Figure[] = [];
const lines: string[] = [];
const printer = await createVirtualPrinter();
const workDir = mkdtempSync(join(tmpdir(), 'bench-transports-'));
try {
  const tcp = p50p99(await orderToTicket(printer, printer.url));
  lines.push(`  tcp://          p50 ${tcp.p50.toFixed(2)} ms  p99 ${tcp.p99.toFixed(2)} ms`);
  figures.push({ name: 'tcp order → ticket p50', value: tcp.p50, unit: 'ms' }, { name: 'tcp order → ticket p99', value: tcp.p99, unit: 'ms' });

  if (hasCups) {
    // Its own temp dir: cupsd opens up the directories it owns, never a 0700 parent its backends (user lp) must cross.
    const cupsDir = mkdtempSync(join(tmpdir(), 'bench-cups-'));
    const cups = await startPrivateCups(cupsDir);
    try {
      cups.addRawQueue('kitchen', `socket://127.0.0.1:${printer.port}`);
      const viaCups = p50p99(await orderToTicket(printer, `cups://kitchen?server=${cups.server}`));
      lines.push(`  cups://         p50 ${viaCups.p50.toFixed(2)} ms  p99 ${viaCups.p99.toFixed(2)} ms`);
      figures.push({ name: 'cups order → ticket p50', value: viaCups.p50, unit: 'ms' }, { name: 'cups order → ticket p99', value: viaCups.p99, unit: 'ms' });
    } finally {
      await cups.stop();
      rmSync(cupsDir, { recursive: true, force: true });
    }
  } else lines.push('  cups: CUPS is not installed, skipped');

  if (hasSocat) {
    const pair = await startPtyPair(workDir);
    try {
      const detach = await printer.attachSerial(pair.b);
      const serial = p50p99(await orderToTicket(printer, `serial://${pair.a}?baud=115200`));
      lines.push(`  serial://115200 p50 ${serial.p50.toFixed(2)} ms  p99 ${serial.p99.toFixed(2)} ms (pty: no wire time)`);
      figures.push({ name: 'serial order → ticket p50', value: serial.p50, unit: 'ms' }, { name: 'serial order → ticket p99', value: serial.p99, unit: 'ms' });
      // Raster-sized filler (no cut, so no ticket): what our side of the write costs.
      const ours = await serialWriteMs(`serial://${pair.a}?baud=115200`, rasterBytes);
      await detach();
      for (const baud of [115_200, 9_600]) {
        const seconds = wireSeconds(rasterBytes, baud) + ours / 1000;
        lines.push(`  ${rasterBytes} bytes of raster at ${baud} baud: ${seconds.toFixed(2)} s a ticket (our side ${ours.toFixed(1)} ms + wire)`);
        figures.push({ name: `raster ticket over serial at ${baud}`, value: seconds, unit: 's' });
      }
    } finally {
      await pair.stop();
    }
  } else lines.push('  serial: socat is not installed, skipped');
} finally {
  await printer.stop();
  rmSync(workDir, { recursive: true, force: true });
}

console.log(`order → ticket at the virtual printer per transport, ${count} orders one at a time (after ${warmup} warm-up)`);
for (const line of lines) console.log(line);
printBenchLine('print-transports', figures, { tickets: count, 'warm-up': warmup, 'raster bytes': rasterBytes });
