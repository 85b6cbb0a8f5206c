import { parseArgs } from 'node:util';
import { formatChaosReport } from './report.js';
import { runChaos } from './run.js';

const USAGE = `usage: npm run chaos -- --orders N --seed S [--faults F] [--pace MS] [--keep] [--verbose]
Runs simulator -> relay -> bridge -> virtual printer on 127.0.0.1 with seeded faults, then checks the
result against the simulator's record of truth. Exits 1 on any violation (and prints the seed).`;

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '300' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    faults: { type: 'string' },
    pace: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const orders = Number(values.orders);
const seed = Number(values.seed);
const faults = values.faults === undefined ? undefined : Number(values.faults);
const paceMs = Number(values.pace);
if (values.help || !(Number.isInteger(orders) && orders > 0) || !Number.isInteger(seed) || (faults !== undefined && !(Number.isInteger(faults) && faults >= 0)) || !(paceMs >= 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  const report = await runChaos({ orders, seed, faults, paceMs, keepData: values.keep, log: values.verbose ? (line) => console.error(line) : undefined });
  console.log(formatChaosReport(report));
  if (values.keep) console.log(`\ndata kept in ${report.workDir}`);
  process.exit(report.violations.length === 0 ? 0 : 1);
} catch (err) {
  console.error(`chaos run aborted (seed ${seed}): ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
}
