// Dead-link detection with the default timings (ping 5 s, dead after 15 s): a TCP proxy between
// bridge and relay stops forwarding (a half-open link); measures freeze → link declared down.
// Run: npx tsx bench/bridge-dead-link.ts [--runs 2]
import { parseArgs } from 'node:util';
import { halfOpenDetectionMs, startStackBehindProxy } from '../test/e2e/half-open-link.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
const results: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const { stack, proxy } = await startStackBehindProxy({ klikit: false });
  const bridge = await stack.startBridge();
  results.push(await halfOpenDetectionMs(bridge, proxy, { timeoutMs: 30_000, intervalMs: 10 }));
  await proxy.close();
  await stack.close();
}
console.log(`half-open link detected after ${results.map((ms) => `${ms} ms`).join(', ')} (bound: 15 000 ms after the last traffic)`);
printBenchLine(
  'bridge-dead-link',
  // DESIGN.md: a link silent for 15 s is dead. The bridge's timer fires at 15 s of silence; what this
  // bench observes from the freeze adds the timer's and the observer's own few milliseconds.
  [atMost('dead-link detection, worst run', Math.max(...results) / 1000, 's', 15.1, '15 s of silence (+ ≤ 100 ms timer slack)', true)],
  { runs: results.length, 'ping / dead after': '5 s / 15 s' },
);
