// A burst of orders to one printer, through the durable queue and the TCP transport with its default
// timeouts: time from the burst's enqueue to its last ticket decoded at the virtual printer, for a
// printer that answers DLE EOT, a silent clone and probing off, in one run. Each printer first prints
// one ticket, as a printer in service has: a clone is found silent once (one status timeout) and
// remembered, so its bursts after that are what the kitchen lives with. 'silent, restarted' is the first
// burst of a new queue on the same file (a bridge restart): the silence is remembered there too (kv).
// Run: npx tsx bench/print-burst.ts [--orders 20] [--runs 5]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createVirtualPrinter } from '../dev/virtual-printer/virtual-printer.js';
import { systemClock, systemRandom } from '../ground/clock.js';
import { createPrintQueue } from '../main/printing/queue.js';
import { createJobRenderer } from '../main/printing/render-job.js';
import { createTcpLink } from '../main/printing/transports/tcp.js';
import type { PrinterConfig } from '../main/printing/types.js';
import { openDatabase } from '../main/store/connection.js';
import { enqueueJob } from '../main/store/print-jobs.js';
import { ordersFromInput } from '../main/tickets/order-input.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '20' }, runs: { type: 'string', default: '5' } } });
const burst = Number(values.orders);
const runs = Number(values.runs);

const fixture = new URL('../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url);
const parsed = ordersFromInput(JSON.parse(readFileSync(fixture, 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const order = parsed.orders[0]!;

type Mode = 'answering' | 'silent' | 'probing off' | 'silent, restarted';

/** Milliseconds from enqueueing the burst to its last ticket, the queue started beforehand and idle. */
async function burstToLastTicket(mode: Mode, run: number): Promise<number> {
  const printer = await createVirtualPrinter();
  printer.setSilent(mode === 'silent' || mode === 'silent, restarted');
  const dir = mkdtempSync(join(tmpdir(), 'bench-burst-'));
  const db = openDatabase(join(dir, 'bridge.db'));
  const config: PrinterConfig = {
    id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48,
    statusProbe: mode === 'probing off' ? 'off' : 'best-effort', copies: 1,
  };
  const render = createJobRenderer({ clock: systemClock });
  let link = createTcpLink(printer.url);
  let queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: systemRandom, render: (job) => render(job, config) });
  queue.start();
  enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'new', version: `r${run}-first`, payload: { order }, now: new Date().toISOString() });
  queue.wake();
  await printer.waitForTickets(1, 60_000);
  if (mode === 'silent, restarted') {
    // A bridge restart: a new queue and link on the same file; the burst is the first thing it prints.
    await queue.stop();
    await link.close();
    link = createTcpLink(printer.url);
    queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: systemRandom, render: (job) => render(job, config) });
    queue.start();
  }
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < burst; i++) {
      enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'new', version: `r${run}-${i}`, payload: { order }, now: new Date().toISOString() });
    }
  })();
  queue.wake();
  await printer.waitForTickets(burst + 1, 120_000);
  const elapsed = performance.now() - started;
  await queue.stop();
  await link.close();
  await printer.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return elapsed;
}

const modes: Mode[] = ['answering', 'silent', 'probing off', 'silent, restarted'];
const best: Record<Mode, number> = { answering: Infinity, silent: Infinity, 'probing off': Infinity, 'silent, restarted': Infinity };
for (let run = 0; run < runs; run++) {
  for (const mode of modes) best[mode] = Math.min(best[mode], await burstToLastTicket(mode, run));
}
const ratio = best.silent / best.answering;
console.log(`burst of ${burst} orders → last ticket at the virtual printer (best of ${runs} runs)`);
for (const mode of modes) console.log(`  ${mode.padEnd(12)} ${best[mode].toFixed(1)} ms`);
console.log(`  silent / answering: ${ratio.toFixed(2)}× (target ≤ 1.5×)`);
printBenchLine(
  'print-burst',
  [
    { name: 'burst → last ticket, answering', value: best.answering, unit: 'ms' },
    { name: 'burst → last ticket, silent', value: best.silent, unit: 'ms' },
    { name: 'burst → last ticket, probing off', value: best['probing off'], unit: 'ms' },
    atMost('silent / answering', ratio, '×', 1.5, '≤ 1.5×', true),
    { name: 'first burst after a restart, silent', value: best['silent, restarted'], unit: 'ms' },
    atMost('silent after a restart / answering', best['silent, restarted'] / best.answering, '×', 1.5, '≤ 1.5× (no status timeout after a start)', true),
  ],
  { orders: burst, runs },
);
