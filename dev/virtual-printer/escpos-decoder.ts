// A streaming decoder for the ESC/POS subset node-thermal-printer emits (Epson and Star line mode):
// it recognises commands, skips their parameters and payloads (so raster or barcode data is never
// read as text or as a status request), and reports text, cuts and real-time status requests.
// Paper feed is reported as the distance the paper moved, in dots of the head: `ESC J n` counts vertical
// motion units, whose default differs by maker and which `GS P` changes (see PaperMotion).

export type Dialect = 'epson' | 'star';

/**
 * How an ESC/POS printer moves its paper: its head's dots per inch down the paper, the vertical motion
 * unit (1/n inch) that `ESC J` counts in after power-on or `ESC @`, and whether `GS P` can change it.
 */
export type PaperMotion = { dotsPerInch: number; defaultVerticalUnit: number; ignoresMotionUnits?: boolean };

/** A 203-dpi clone: one dot per unit; the virtual printer's default. */
export const CLONE_MOTION: PaperMotion = { dotsPerInch: 203, defaultVerticalUnit: 203 };
/** Epson TM-T88 (its GS P defaults, x = 180, y = 360): a 180-dpi head, 1/360 in units, half a dot. */
export const EPSON_TM_T88_MOTION: PaperMotion = { dotsPerInch: 180, defaultVerticalUnit: 360 };
/** Epson TM-L90 (x = 203, y = 406): a 203-dpi head, 1/406 in units, half a dot. */
export const EPSON_TM_L90_MOTION: PaperMotion = { dotsPerInch: 203, defaultVerticalUnit: 406 };

export type DecodedEvent =
  /** `bold`: emphasis was on when the text was printed. */
  | { type: 'text'; text: string; bold: boolean }
  /** `end` is the stream offset just after the cut command, to split the raw bytes per ticket. */
  | { type: 'cut'; end: number }
  | { type: 'status-request'; n: number }
  /** Raster rows (`GS v 0` band or one Star raster row): `bytesPerRow` bytes each, MSB the leftmost dot. */
  | { type: 'image'; bytesPerRow: number; rows: number; data: Buffer }
  /** Paper fed (`ESC J n`, Star `ESC * r Y n NUL`), in dots of the head: a fraction when the unit is finer. */
  | { type: 'feed'; dots: number }
  | { type: 'init' };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const HT = 0x09;

/** Epson `ESC t n` code pages that the WHATWG decoder knows; other pages decode to U+FFFD. */
const EPSON_CODE_PAGES: Record<number, string> = {
  15: 'iso-8859-7',
  16: 'windows-1252',
  17: 'ibm866',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  45: 'windows-1250',
  46: 'windows-1251',
  47: 'windows-1253',
  48: 'windows-1254',
  49: 'windows-1255',
  50: 'windows-1256',
  51: 'windows-1257',
  52: 'windows-1258',
};
const STAR_CODE_PAGES: Record<number, string> = { 32: 'windows-1252', 33: 'windows-1250', 34: 'windows-1251' };

/** `ESC x` commands of the Epson dialect and how many parameter bytes follow them. */
const EPSON_ESC_ARGS: Record<number, number> = {
  0x40: 0, 0x32: 0, 0x45: 1, 0x21: 1, 0x2d: 1, 0x61: 1, 0x64: 1, 0x74: 1, 0x4d: 1, 0x47: 1, 0x33: 1,
  0x3d: 1, 0x7b: 1, 0x52: 1, 0x56: 1, 0x4a: 1, 0x42: 2, 0x70: 1, 0x3f: 2, 0x20: 1, 0x24: 2, 0x5c: 2,
  0x63: 2, 0x4c: 0, 0x53: 0, 0x54: 1, 0x72: 1, 0x55: 1, 0x25: 1, 0x69: 0, 0x6d: 0,
};
/** `ESC x` commands of Star line mode. `ESC d n` is a cut there, not a feed. */
const STAR_ESC_ARGS: Record<number, number> = {
  0x40: 0, 0x45: 0, 0x46: 0, 0x34: 0, 0x35: 0, 0x30: 0, 0x69: 2, 0x2d: 1, 0x64: 1, 0x7a: 1, 0x3d: 1,
  0x3f: 2, 0x70: 1, 0x42: 0, 0x61: 1, 0x4a: 1, 0x07: 3, 0x52: 1, 0x2f: 1, 0x33: 1,
};
/** `GS x` commands with a fixed number of parameter bytes (both dialects). */
const GS_ARGS: Record<number, number> = {
  0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x7c: 1, 0x72: 1, 0x4c: 2, 0x57: 2,
  0x62: 1, 0x61: 1, 0x49: 1, 0x24: 2, 0x5c: 2, 0x54: 1,
};

type Step = { consumed: number; event?: DecodedEvent | { type: 'cut' } } | 'incomplete';

const u16 = (buf: Buffer, i: number): number => buf[i]! + buf[i + 1]! * 256;

export class EscPosDecoder {
  private pending = Buffer.alloc(0);
  private codePage = 0;
  private bold = false;
  /** Star raster mode (`ESC * r A` … `ESC * r B`): a `b` starts a row there, not text. */
  private starRaster = false;
  /** Stream offset of the first pending byte. */
  private position = 0;
  /** The vertical motion unit in force, 1/n inch. */
  private verticalUnit: number;

  constructor(
    private readonly dialect: Dialect = 'epson',
    private readonly motion: PaperMotion = CLONE_MOTION,
  ) {
    this.verticalUnit = motion.defaultVerticalUnit;
  }

  /** Decodes as much of `chunk` (plus what was left over) as forms complete commands. */
  push(chunk: Buffer): DecodedEvent[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const events: DecodedEvent[] = [];
    let i = 0;
    let textStart = -1;
    const flushText = (end: number): void => {
      if (textStart >= 0 && end > textStart) events.push({ type: 'text', text: this.decodeText(buf.subarray(textStart, end)), bold: this.bold });
      textStart = -1;
    };
    while (i < buf.length) {
      const byte = buf[i]!;
      if (byte >= 0x20 && !(this.starRaster && byte === 0x62)) {
        if (textStart < 0) textStart = i;
        i++;
        continue;
      }
      flushText(i);
      const step = this.step(buf, i);
      if (step === 'incomplete') break;
      i += step.consumed;
      if (step.event) events.push(step.event.type === 'cut' ? { type: 'cut', end: this.position + i } : step.event);
    }
    flushText(i);
    this.position += i;
    this.pending = Buffer.from(buf.subarray(i));
    return events;
  }

  /** Bytes of a command cut short by the end of the stream. */
  get leftover(): number {
    return this.pending.length;
  }

  private decodeText(bytes: Buffer): string {
    const pages = this.dialect === 'epson' ? EPSON_CODE_PAGES : STAR_CODE_PAGES;
    const label = pages[this.codePage];
    if (label) return new TextDecoder(label).decode(bytes);
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : '\uFFFD';
    return out;
  }

  private step(buf: Buffer, i: number): Step {
    const byte = buf[i]!;
    const need = (n: number): boolean => i + n <= buf.length;
    if (byte === LF) return { consumed: 1, event: { type: 'text', text: '\n', bold: this.bold } };
    if (byte === HT) return { consumed: 1, event: { type: 'text', text: '\t', bold: this.bold } };
    if (byte === DLE) {
      if (!need(3)) return 'incomplete';
      const fn = buf[i + 1]!;
      if (fn === 0x04) return { consumed: 3, event: { type: 'status-request', n: buf[i + 2]! } };
      if (fn === 0x05) return { consumed: 3 };
      if (fn === 0x14) return need(5) ? { consumed: 5 } : 'incomplete';
      return { consumed: 2 };
    }
    if (byte === 0x62) {
      if (!need(3)) return 'incomplete';
      const length = u16(buf, i + 1);
      if (!need(3 + length)) return 'incomplete';
      return { consumed: 3 + length, event: { type: 'image', bytesPerRow: length, rows: 1, data: Buffer.from(buf.subarray(i + 3, i + 3 + length)) } };
    }
    if (byte === ESC) return this.escape(buf, i);
    if (byte === GS) return this.groupSeparator(buf, i);
    if (byte === FS) {
      if (!need(2)) return 'incomplete';
      const fnArgs: Record<number, number> = { 0x2e: 0, 0x26: 0, 0x43: 1, 0x21: 1, 0x2d: 1, 0x70: 2, 0x57: 1 };
      const n = fnArgs[buf[i + 1]!] ?? 0;
      return need(2 + n) ? { consumed: 2 + n } : 'incomplete';
    }
    return { consumed: 1 };
  }

  private escape(buf: Buffer, i: number): Step {
    const need = (n: number): boolean => i + n <= buf.length;
    if (!need(2)) return 'incomplete';
    const cmd = buf[i + 1]!;
    if (this.dialect === 'star') {
      if (cmd === 0x1d || cmd === 0x1e) {
        // ESC GS a n / ESC GS t n / ESC RS F n and friends: a sub-command byte and one parameter.
        if (!need(4)) return 'incomplete';
        if (cmd === 0x1d && buf[i + 2] === 0x74) this.codePage = buf[i + 3]!;
        return { consumed: 4 };
      }
      if (cmd === 0x64) {
        if (!need(3)) return 'incomplete';
        return { consumed: 3, event: { type: 'cut' } };
      }
      if (cmd === 0x62) return this.terminated(buf, i, i + 2, 0x1e);
      if (cmd === 0x2a) return this.starRasterCommand(buf, i);
      if (cmd === 0x0c) return need(3) ? { consumed: 3, event: { type: 'cut' } } : 'incomplete';
      const n = STAR_ESC_ARGS[cmd] ?? 0;
      if (!need(2 + n)) return 'incomplete';
      if (cmd === 0x45 || cmd === 0x46 || cmd === 0x40) this.bold = cmd === 0x45;
      return { consumed: 2 + n, ...(cmd === 0x40 ? { event: { type: 'init' } as const } : {}) };
    }
    if (cmd === 0x2a) {
      // ESC * m nL nH d1..dk: bit image, 3 bytes per column in the 24-dot modes.
      if (!need(5)) return 'incomplete';
      const columns = u16(buf, i + 3);
      const total = 5 + columns * (buf[i + 2]! >= 32 ? 3 : 1);
      return need(total) ? { consumed: total } : 'incomplete';
    }
    if (cmd === 0x44) return this.terminated(buf, i, i + 2, 0x00);
    if (cmd === 0x4a) return need(3) ? { consumed: 3, event: { type: 'feed', dots: (buf[i + 2]! * this.motion.dotsPerInch) / this.verticalUnit } } : 'incomplete';
    const n = EPSON_ESC_ARGS[cmd] ?? 0;
    if (!need(2 + n)) return 'incomplete';
    if (cmd === 0x74) this.codePage = buf[i + 2]!;
    // ESC E n sets emphasis; ESC ! n sets it from bit 3 (and so clears it when the bit is off).
    if (cmd === 0x45) this.bold = (buf[i + 2]! & 1) === 1;
    if (cmd === 0x21) this.bold = (buf[i + 2]! & 0x08) !== 0;
    if (cmd === 0x40) {
      this.codePage = 0;
      this.bold = false;
      this.verticalUnit = this.motion.defaultVerticalUnit;
      return { consumed: 2, event: { type: 'init' } };
    }
    return { consumed: 2 + n };
  }

  private groupSeparator(buf: Buffer, i: number): Step {
    const need = (n: number): boolean => i + n <= buf.length;
    if (!need(2)) return 'incomplete';
    const cmd = buf[i + 1]!;
    if (cmd === 0x56) {
      // GS V m, or GS V m n for the feed-and-cut forms (m = 65, 66, 97, 98, 103, 104).
      if (!need(3)) return 'incomplete';
      const withFeed = [65, 66, 97, 98, 103, 104].includes(buf[i + 2]!);
      if (withFeed && !need(4)) return 'incomplete';
      return { consumed: withFeed ? 4 : 3, event: { type: 'cut' } };
    }
    if (cmd === 0x76) {
      // GS v 0 m xL xH yL yH d1..dk: raster image, x bytes wide and y dots high.
      if (!need(8)) return 'incomplete';
      const bytesPerRow = u16(buf, i + 4);
      const rows = u16(buf, i + 6);
      const total = 8 + bytesPerRow * rows;
      if (!need(total)) return 'incomplete';
      return { consumed: total, event: { type: 'image', bytesPerRow, rows, data: Buffer.from(buf.subarray(i + 8, i + total)) } };
    }
    if (cmd === 0x28) {
      // GS ( fn pL pH d1..dk
      if (!need(5)) return 'incomplete';
      const total = 5 + u16(buf, i + 3);
      return need(total) ? { consumed: total } : 'incomplete';
    }
    if (cmd === 0x6b) {
      // GS k m: NUL-terminated data for m <= 6, length-prefixed data for m >= 65.
      if (!need(3)) return 'incomplete';
      const m = buf[i + 2]!;
      if (m <= 6) return this.terminated(buf, i, i + 3, 0x00);
      if (!need(4)) return 'incomplete';
      const total = 4 + buf[i + 3]!;
      return need(total) ? { consumed: total } : 'incomplete';
    }
    if (cmd === 0x50) {
      // GS P x y: motion units of 1/x (across) and 1/y inch (down the paper); 0 is the default.
      if (!need(4)) return 'incomplete';
      if (!this.motion.ignoresMotionUnits) this.verticalUnit = buf[i + 3]! || this.motion.defaultVerticalUnit;
      return { consumed: 4 };
    }
    const n = GS_ARGS[cmd] ?? 0;
    return need(2 + n) ? { consumed: 2 + n } : 'incomplete';
  }

  /** Star `ESC * r x`: A/B/C/R take nothing more, the others a parameter ending in NUL (Y: dots to feed). */
  private starRasterCommand(buf: Buffer, i: number): Step {
    if (i + 4 > buf.length) return 'incomplete';
    if (buf[i + 2] !== 0x72) return { consumed: 2 };
    const sub = buf[i + 3]!;
    if (sub === 0x41 || sub === 0x42) this.starRaster = sub === 0x41;
    if ([0x41, 0x42, 0x43, 0x52].includes(sub)) return { consumed: 4 };
    const end = buf.indexOf(0x00, i + 4);
    if (end < 0) return 'incomplete';
    const consumed = end + 1 - i;
    if (sub !== 0x59) return { consumed };
    return { consumed, event: { type: 'feed', dots: Number(buf.toString('latin1', i + 4, end)) || 0 } };
  }

  /** A command starting at `start` whose data runs from `from` up to and including `terminator`. */
  private terminated(buf: Buffer, start: number, from: number, terminator: number): Step {
    const end = buf.indexOf(terminator, from);
    return end < 0 ? 'incomplete' : { consumed: end + 1 - start };
  }
}
