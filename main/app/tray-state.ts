import type { Health } from '../../common/bridge-api.js';

// The tray shows the worst thing that is true right now, so a glance at the taskbar says whether
// the kitchen is getting its tickets.

export type TrayLevel = 'fine' | 'printer' | 'offline';

export function trayStatus(health: Health | null): { level: TrayLevel; tooltip: string } {
  if (!health) return { level: 'offline', tooltip: 'Kitchen bridge: starting…' };
  const mode = health.connection.mode;
  if (mode === 'offline' || mode === 'unconfigured') {
    return { level: 'offline', tooltip: `Kitchen bridge: ${mode === 'offline' ? 'OFFLINE' : 'not set up'} (${health.connection.detail})` };
  }
  const faulty = health.printers.filter((p) => p.state !== 'online' && p.state !== 'unknown');
  if (faulty.length > 0) {
    return { level: 'printer', tooltip: `Kitchen bridge: ${faulty.map((p) => `${p.name} ${p.state}`).join(', ')}` };
  }
  const via = mode === 'polling' ? 'polling klikit (relay unreachable)' : mode === 'relay' ? 'live' : 'connecting';
  return { level: 'fine', tooltip: `Kitchen bridge: ${via}, ${health.printers.length} printer(s) ready` };
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
