import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../ground/clock.js';
import type { BridgeConfig } from '../core/config.js';
import { DATABASE_FILE } from '../core/bridge.js';
import { openDatabase } from '../store/connection.js';
import { createDayStats } from './day-stats-service.js';

/**
 * `npm run bridge -- --config FILE --day-numbers OUT.csv [--days N]`: the day in numbers of the last
 * N days (default: every kept day) as CSV, brought up to date from the order history first. Safe beside
 * a running bridge (SQLite serialises the two writers).
 */
export async function exportHeadlessDayNumbers(input: { config: BridgeConfig; outPath: string; days?: number | undefined; clock: Clock }): Promise<{ path: string; bytes: number }> {
  const db = openDatabase(join(input.config.dataDir, DATABASE_FILE));
  try {
    const stats = createDayStats({ db, clock: input.clock, stations: () => input.config.printers, timeZone: input.config.ticket.timeZone, retentionDays: input.config.stats.retentionDays });
    const text = await stats.csv(input.days ?? input.config.stats.retentionDays);
    writeFileSync(input.outPath, text);
    return { path: input.outPath, bytes: Buffer.byteLength(text) };
  } finally {
    db.close();
  }
}
