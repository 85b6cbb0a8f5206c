import type { ChaosReport } from './run.js';

// The chaos run's printout: what was injected, what came out, and every violation with the seed
// needed to replay the run.

function table(title: string, rows: Array<[string, string | number]>): string {
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(7)}`);
  return [title, ...lines].join('\n');
}

export function formatChaosReport(report: ChaosReport): string {
  const parts = [
    `chaos run: ${report.orders} orders, seed ${report.seed}, ${(report.durationMs / 1000).toFixed(1)} s`,
    table(
      `faults injected (${report.faults.reduce((sum, f) => sum + f.injected, 0)})`,
      report.faults.map((f) => [f.kind, f.injected]),
    ),
    table('outcomes', Object.entries(report.outcomes)),
  ];
  if (report.violations.length === 0) {
    parts.push('violations: none (0 lost, 0 silent duplicates, 0 invalid printed, statuses final, databases ok)');
  } else {
    parts.push(`violations (${report.violations.length}):`);
    for (const v of report.violations.slice(0, 50)) parts.push(`  [${v.rule}]${v.orderId === undefined ? '' : ` order ${v.orderId}`}: ${v.detail}`);
    if (report.violations.length > 50) parts.push(`  ... and ${report.violations.length - 50} more`);
    parts.push(`FAILED: replay with --orders ${report.orders} --seed ${report.seed}`);
  }
  return parts.join('\n\n');
}
