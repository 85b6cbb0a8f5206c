import type { Health } from '../../common/bridge-api.js';
import { connectionNotice } from '../../common/connection-notice.js';
import { trayFailoverWords } from '../../common/backup-words.js';
import type { Translator } from '../../common/i18n/translator.js';

// The tray shows the worst thing that is true right now, so a glance at the taskbar says whether
// the kitchen is getting its tickets and whether an order waits for someone to accept it.

export type TrayLevel = 'fine' | 'printer' | 'offline';

/**
 * `aboutToBeCancelled`: waiting orders in their last minutes before the platform cancels them (named
 * first). `words`: the window's language (settings.language), which the tray speaks too.
 */
export function trayStatus(words: Translator, health: Health | null, waitingForAcceptance = 0, aboutToBeCancelled = 0): { level: TrayLevel; tooltip: string } {
  const { t } = words;
  if (!health) return { level: 'offline', tooltip: t('core.tray.starting') };
  const notice = connectionNotice(health.connection, words);
  const faulty = health.printers.filter((p) => (p.state !== 'online' && p.state !== 'unknown') || p.alarm !== undefined || p.backupTo !== undefined);
  const alarmed = health.printers.some((p) => p.alarm !== undefined);
  const urgent = aboutToBeCancelled > 0 ? t('core.tray.aboutToBeCancelled', { count: aboutToBeCancelled }) : '';
  const waiting = waitingForAcceptance > aboutToBeCancelled ? t('core.tray.waiting', { count: waitingForAcceptance - aboutToBeCancelled }) : '';
  const problems = [
    urgent,
    waiting,
    notice.level !== 'ok' ? notice.title : '',
    ...faulty.map((p) => trayFailoverWords(words, p.name, p.state, { backupName: p.backupTo?.name, alarm: p.alarm !== undefined })),
  ].filter(Boolean);
  // A printer whose tickets nothing prints is as bad as no orders arriving.
  const level: TrayLevel = notice.level === 'bad' || waiting || urgent || alarmed ? 'offline' : notice.level === 'warn' || faulty.length > 0 ? 'printer' : 'fine';
  // The problems are separate findings, one after another as the tray has always listed them.
  if (problems.length > 0) return { level, tooltip: t('core.tray.problems', { problems: problems.join('; ') }) };
  const count = health.printers.length;
  return { level, tooltip: health.connection.mode === 'relay' ? t('core.tray.fineLive', { count }) : t('core.tray.fineConnecting', { count }) };
}

/** The tray menu's two entries, in the window's language. */
export const trayMenuWords = ({ t }: Translator): { show: string; quit: string } => ({ show: t('core.tray.showOrders'), quit: t('core.tray.quit') });

const COLOURS: Record<TrayLevel, [number, number, number]> = { fine: [61, 220, 132], printer: [255, 176, 32], offline: [255, 92, 92] };

/** A filled circle as a BGRA bitmap for nativeImage.createFromBitmap: no icon files to ship. */
export function trayBitmap(level: TrayLevel, size = 16): Buffer {
  const [r, g, b] = COLOURS[level];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = Math.hypot(x - centre, y - centre) <= size / 2 - 0.5;
      pixels.set(inside ? [b, g, r, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return pixels;
}
