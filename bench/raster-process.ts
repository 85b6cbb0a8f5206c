// Raster tickets drawn by the raster process (main/printing/raster-process.ts), as the bridge prints
// them: one ticket at a time, a burst over the multi-script fixtures of test/fixtures/raster/ on 80 mm
// paper. Prints the bridge process's RSS before the burst and after it (the child exited), the
// child's own peak while it drew, and the time per ticket; the in-process peer (raster-render.ts's
// way: Skia loaded in the bridge) runs the same burst in a process of its own, for its RSS added.
// The child runs from sources here (through tsx): its start, paid by the first ticket of a burst, is
// slower than from the shipped bundle, so the first ticket is reported apart from the others.
// The CPU time per ticket (the child's from /proc, the peer's own) is the figure to compare on a busy machine.
// Run: npx tsx bench/raster-process.ts [--tickets 200]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createRasterProcess } from '../main/printing/raster-process.js';
import { renderTicket, type TicketDocument } from '../main/tickets/index.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';
import { rasterFixtureTickets, settledRss } from './support/raster-tickets.js';
import { cpuSeconds, rssBytes } from './support/proc-stats.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '200' }, 'in-process': { type: 'boolean', default: false } } });
const count = Number(values.tickets);
const tickets: TicketDocument[] = rasterFixtureTickets();
const target = { type: 'epson' as const, width: 48 as const, render: 'raster' as const };
const mb = (bytes: number): number => bytes / (1024 * 1024);


if (values['in-process']) {
  // The peer: the same burst drawn in this process; prints the RSS it added, once collected.
  const before = await settledRss();
  const peerTimes: number[] = [];
  let cpuFrom = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    await nextTurn();
    const started = performance.now();
    renderTicket(tickets[i % tickets.length]!, target);
    if (i > 0) peerTimes.push(performance.now() - started);
    else cpuFrom = process.cpuUsage();
  }
  const cpu = process.cpuUsage(cpuFrom);
  const cpuMs = (cpu.user + cpu.system) / 1000 / (count - 1);
  const p99 = percentile([...peerTimes].sort((a, b) => a - b), 99);
  console.log(JSON.stringify({ addedMb: mb((await settledRss()) - before), p99, cpuMs }));
  process.exit(0);
}

const raster = createRasterProcess({ idleMs: 500, onFallback: (reason) => console.error(`fallback: ${reason}`) });
const rssBefore = await settledRss();
const times: number[] = [];
let childPeak = 0;
let firstMs = 0;
// The child's CPU time (all its threads) over the burst but its first ticket: a load-proof figure
// where the wall-clock p99 is not (two processes, each waiting for the other to be scheduled).
let childCpuFrom = 0;
let childCpuTo = 0;
for (let i = 0; i < count; i++) {
  const started = performance.now();
  await raster.render(tickets[i % tickets.length]!, target);
  const ms = performance.now() - started;
  if (i === 0) firstMs = ms;
  else times.push(ms);
  const pid = raster.pid();
  if (pid !== undefined && i % 10 === 0) childPeak = Math.max(childPeak, rssBytes(pid));
  if (pid !== undefined && i === 0) childCpuFrom = cpuSeconds(pid);
  if (pid !== undefined && i === count - 1) childCpuTo = cpuSeconds(pid);
}
const childCpuMs = ((childCpuTo - childCpuFrom) * 1000) / (count - 1);
const rssBurst = await settledRss();
while (raster.pid() !== undefined) await new Promise((resolve) => setTimeout(resolve, 50));
const rssAfter = await settledRss();
raster.close();

const peer = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--in-process', '--tickets', String(count)], { encoding: 'utf8' });
const peerResult = JSON.parse(peer.stdout.trim().split('\n').at(-1) ?? '{}') as { addedMb?: number; p99?: number; cpuMs?: number };
const inProcessMb = peerResult.addedMb ?? NaN;
const inProcessP99 = peerResult.p99 ?? NaN;
const inProcessCpuMs = peerResult.cpuMs ?? NaN;

const sorted = [...times].sort((a, b) => a - b);
const [p50, p99] = [percentile(sorted, 50), percentile(sorted, 99)];
console.log(`raster process: ${count} tickets one at a time over ${tickets.length} fixtures (48 columns, 576 dots)`);
console.log(`  bridge RSS ${mb(rssBefore).toFixed(1)} MB before, ${mb(rssBurst).toFixed(1)} MB right after the burst, ${mb(rssAfter).toFixed(1)} MB once the child exited`);
console.log(`  child peak RSS ${mb(childPeak).toFixed(1)} MB (given back when it exits); the same burst in-process adds ${inProcessMb.toFixed(1)} MB for good`);
console.log(`  per ticket p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (in-process peer p99 ${inProcessP99.toFixed(2)} ms); first ticket (child start, from sources) ${firstMs.toFixed(0)} ms`);
console.log(`  CPU per ticket (mean, the first apart): child ${childCpuMs.toFixed(2)} ms, in-process peer ${inProcessCpuMs.toFixed(2)} ms`);
printBenchLine(
  'raster-process',
  [
    atMost('bridge RSS added by raster (child exited)', mb(rssAfter - rssBefore), 'MB', 60, '< 60 MB'),
    { name: 'bridge RSS added, right after the burst', value: mb(rssBurst - rssBefore), unit: 'MB' },
    { name: 'raster child peak RSS (transient)', value: mb(childPeak), unit: 'MB' },
    { name: 'in-process peer: RSS added', value: inProcessMb, unit: 'MB' },
    { name: 'per ticket p50', value: p50, unit: 'ms' },
    atMost('per ticket p99', p99, 'ms', 50, '< 50 ms'),
    { name: 'in-process peer: per ticket p99', value: inProcessP99, unit: 'ms' },
    { name: 'raster child: CPU per ticket, mean', value: childCpuMs, unit: 'ms' },
    { name: 'in-process peer: CPU per ticket, mean', value: inProcessCpuMs, unit: 'ms' },
    { name: 'first ticket of a burst (child start, from sources)', value: firstMs, unit: 'ms' },
  ],
  { tickets: count, fixtures: tickets.length, dots: 576 },
);
