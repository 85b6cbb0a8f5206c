import type { Health } from '../../common/bridge-api.js';
import { connectionNotice } from '../../common/connection-notice.js';
import { trayFailoverWords } from '../../common/backup-words.js';

// The tray shows the worst thing that is true right now, so a glance at the taskbar says whether
// the kitchen is getting its tickets and whether an order waits for someone to accept it.

export type TrayLevel = 'fine' | 'printer' | 'offline';

/** `aboutToBeCancelled`: waiting orders in their last minutes before the platform cancels them (named first). */
export function trayStatus(health: Health | null, waitingForAcceptance = 0, aboutToBeCancelled = 0): { level: TrayLevel; tooltip: string } {
  if (!health) return { level: 'offline', tooltip: 'Kitchen bridge: starting…' };
  const notice = connectionNotice(health.connection);
  const faulty = health.printers.filter((p) => (p.state !== 'online' && p.state !== 'unknown') || p.alarm !== undefined || p.backupTo !== undefined);
  const alarmed = health.printers.some((p) => p.alarm !== undefined);
  const urgent = aboutToBeCancelled > 0 ? `${aboutToBeCancelled} order(s) ABOUT TO BE CANCELLED: accept now` : '';
  const waiting = waitingForAcceptance > aboutToBeCancelled ? `${waitingForAcceptance - aboutToBeCancelled} order(s) WAITING FOR ACCEPTANCE` : '';
  const problems = [
    urgent,
    waiting,
    notice.level !== 'ok' ? notice.title : '',
    ...faulty.map((p) => trayFailoverWords(p.name, p.state, { backupName: p.backupTo?.name, alarm: p.alarm !== undefined })),
  ].filter(Boolean);
  // A printer whose tickets nothing prints is as bad as no orders arriving.
  const level: TrayLevel = notice.level === 'bad' || waiting || urgent || alarmed ? 'offline' : notice.level === 'warn' || faulty.length > 0 ? 'printer' : 'fine';
  if (problems.length > 0) return { level, tooltip: `Kitchen bridge: ${problems.join('; ')}` };
  const via = health.connection.mode === 'relay' ? 'live' : 'connecting';
  return { level, tooltip: `Kitchen bridge: ${via}, ${health.printers.length} printer(s) ready` };
}

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
