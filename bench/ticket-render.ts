// The cost of one kitchen ticket, step by step: order JSON → ticket document (parse and build), the
// document → preview text, the document → ESC/POS bytes. Uses the multi-brand fixture (brands, nested
// modifiers, comments) on 80 mm paper.
// Run: npx tsx bench/ticket-render.ts [--tickets 2000] [--time-zone Asia/Jakarta]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderEscPos, renderText, ticketForJob, type TicketDocument } from '../main/tickets/index.js';
import { printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '2000' }, 'time-zone': { type: 'string', default: 'Asia/Jakarta' } },
});
const count = Number(values.tickets);
const timeZone = values['time-zone'];
const warmup = 200;

const fixture = new URL('../../shared/fixtures/klikit/created-v2.multi-brand-modifiers.envelope.json', import.meta.url);
const envelope = JSON.parse(readFileSync(fixture, 'utf8')) as { orders: unknown[] };
const order = envelope.orders[0];
if (order === undefined) throw new Error('the fixture has no order');


function timed<T>(samples: number[], record: boolean, run: () => T): T {
  const started = performance.now();
  const result = run();
  if (record) samples.push(performance.now() - started);
  return result;
}

const build: number[] = [];
const text: number[] = [];
const escpos: number[] = [];
let textLength = 0;
let byteLength = 0;
for (let i = 0; i < warmup + count; i++) {
  const record = i >= warmup;
  // A different minute each time, like the queue's `printedAt`, so no cache can answer from the last call.
  const printedAt = new Date(Date.UTC(2026, 5, 25, 9, 0) + i * 60_000).toISOString();
  const result = timed(build, record, () =>
    ticketForJob({ kind: 'new', payload: { order }, possibleDuplicate: false }, { width: 48, copies: 1, printedAt, timeZone }),
  );
  if (!result.ok) throw new Error(result.error);
  const ticket: TicketDocument = result.ticket;
  textLength = timed(text, record, () => renderText(ticket, 48)).length;
  byteLength = timed(escpos, record, () => renderEscPos(ticket, { type: 'epson', width: 48 })).length;
}

const ms = (n: number): string => `${n.toFixed(3)} ms`;
const p50p99 = (samples: number[]): [number, number] => {
  const sorted = [...samples].sort((a, b) => a - b);
  return [percentile(sorted, 50), percentile(sorted, 99)];
};
function line(label: string, samples: number[]): string {
  const [p50, p99] = p50p99(samples);
  return `  ${label.padEnd(36)} p50 ${ms(p50)}  p99 ${ms(p99)}  max ${ms(Math.max(...samples))}`;
}
const totals = build.map((b, i) => b + text[i]! + escpos[i]!);
console.log(`ticket render, ${count} renders of the multi-brand fixture (48 columns, ${timeZone}; ${textLength} chars, ${byteLength} bytes)`);
console.log(line('build (ticketForJob: parse + build)', build));
console.log(line('text (renderText)', text));
console.log(line('ESC/POS (renderEscPos)', escpos));
console.log(line('total', totals));
const [totalP50, totalP99] = p50p99(totals);
printBenchLine(
  'ticket-render',
  [
    { name: 'build p99', value: p50p99(build)[1], unit: 'ms' },
    { name: 'ESC/POS p99', value: p50p99(escpos)[1], unit: 'ms' },
    { name: 'total p50', value: totalP50, unit: 'ms' },
    { name: 'total p99', value: totalP99, unit: 'ms' },
  ],
  { tickets: count, 'warm-up': warmup, columns: 48 },
);
