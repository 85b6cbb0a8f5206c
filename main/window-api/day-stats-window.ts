import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { DayInNumbers } from '../../common/day-numbers.js';
import type { ExportOutcome } from '../../common/bridge-api.js';
import { errorText } from '../../common/error-text.js';
import type { DayStats } from '../stats/day-stats-service.js';
import { exportedWords, exportFailedWords } from '../stats/words.js';

/** The day in numbers as the window asks for it: figures, and the CSV written under the data directory. */
export function dayStatsForWindow(stats: DayStats, dataDir: string, logger: Logger): { figures(days: number): Promise<DayInNumbers>; exportCsv(days: number): Promise<ExportOutcome> } {
  return {
    figures: (days) => stats.figures(days),
    async exportCsv(days) {
      try {
        const written = await stats.exportCsv(dataDir, days);
        logger.info(written, 'day in numbers exported');
        return { ok: true, path: written.path, message: exportedWords(basename(written.path), Math.max(1, Math.round(written.bytes / 1024))) };
      } catch (err) {
        logger.error({ err }, 'day in numbers export failed');
        return { ok: false, message: exportFailedWords(errorText(err)) };
      }
    },
  };
}
