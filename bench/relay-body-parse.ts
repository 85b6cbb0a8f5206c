import { parseArgs } from 'node:util';
import { parseBodyJson } from '../relay/webhook/body-json.js';
import { printBenchLine } from './report/print-bench-line.js';
import { klikitEnvelopes } from './support/klikit-envelopes.js';

// The relay's parse of a webhook body (relay/webhook/body-json.ts): read as Latin-1, against the UTF-8
// reading it replaced, CPU per body over real klikit envelopes (bench/support/klikit-envelopes.ts),
// best of several rounds each, the two readings alternated.
// Run: npx tsx bench/relay-body-parse.ts [--bodies 5000] [--rounds 7]

const { values } = parseArgs({ options: { bodies: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '7' } } });
const BODIES = Number(values.bodies);
const ROUNDS = Number(values.rounds);
const envelopes = klikitEnvelopes();
const bodies = Array.from({ length: BODIES }, (_, i) => envelopes.next(95_000_000 + i));
const meanBytes = bodies.reduce((sum, b) => sum + b.length, 0) / BODIES;
const nonAscii = bodies.filter((b) => b.some((byte) => byte >= 0x80)).length;

const readings = {
  latin1: (body: Buffer): unknown => parseBodyJson(body),
  utf8: (body: Buffer): unknown => JSON.parse(body.toString('utf8')),
};
const best: Record<keyof typeof readings, number> = { latin1: Infinity, utf8: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 === 0 ? (['latin1', 'utf8'] as const) : (['utf8', 'latin1'] as const)) {
    const started = process.cpuUsage();
    for (const body of bodies) readings[name](body);
    const cpu = process.cpuUsage(started);
    best[name] = Math.min(best[name], (cpu.user + cpu.system) / BODIES);
  }
}
console.log(`${BODIES} bodies, mean ${meanBytes.toFixed(0)} bytes, ${nonAscii} with bytes past ASCII: Latin-1 ${best.latin1.toFixed(2)} µs, UTF-8 ${best.utf8.toFixed(2)} µs per body`);
printBenchLine(
  'relay-body-parse',
  [
    { name: 'body parse, Latin-1 (the relay)', value: best.latin1, unit: 'µs/body' },
    { name: 'body parse, UTF-8 (before)', value: best.utf8, unit: 'µs/body' },
    { name: 'Latin-1 / UTF-8', value: best.latin1 / best.utf8, unit: '×' },
  ],
  { bodies: BODIES, rounds: ROUNDS, 'mean body bytes': Math.round(meanBytes) },
);
