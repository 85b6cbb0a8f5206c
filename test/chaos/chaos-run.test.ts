import { describe, expect, it } from 'vitest';
import { runChaos } from '../../dev/chaos/run.js';
import { formatChaosReport } from '../../dev/chaos/report.js';
import { ALL_FAULTS } from '../../dev/chaos/schedule.js';
import { hasSocat } from '../../dev/virtual-printer/pty-pair.js';

// The short seeded chaos run that is part of `npm test`: every fault kind at least once, relay and
// bridge SIGKILLed and restarted as real processes, and a verdict against the simulator's record of
// truth. The long run (10,000 orders) is `npm run chaos -- --orders 10000 --seed S`.

describe('chaos run', () => {
  it('200 orders under 30+ seeded faults: nothing lost, no silent duplicate, nothing invalid printed', async () => {
    const report = await runChaos({ orders: 200, seed: 20260624, faults: 30, paceMs: 10 });
    const printout = formatChaosReport(report);
    expect(report.violations, printout).toEqual([]);
    for (const fault of ALL_FAULTS) expect(report.faults.find((f) => f.kind === fault)?.injected, fault).toBeGreaterThan(0);
    expect(report.outcomes['valid orders']).toBeGreaterThanOrEqual(200);
    expect(report.outcomes['kitchen tickets']).toBeGreaterThan(0);
    if (hasSocat) expect(report.outcomes['serial printer: kitchen tickets']).toBeGreaterThanOrEqual(report.outcomes['kitchen tickets']! / 2);
    // A backstop only: the run fails on its own once the chain stops moving (SETTLE_IDLE_MS), however
    // slowly a loaded machine lets it move.
  }, 900_000);
});
