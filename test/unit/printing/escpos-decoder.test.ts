import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { CLONE_MOTION, EPSON_TM_L90_MOTION, EPSON_TM_T88_MOTION, EscPosDecoder, type DecodedEvent, type PaperMotion } from '../../../dev/virtual-printer/escpos-decoder.js';
import { RasterCollector } from '../../../dev/virtual-printer/raster-image.js';
import { statusAnswer } from '../../../dev/virtual-printer/status-bytes.js';
import { decodeStatus } from '../../../main/printing/status.js';

const textOf = (events: DecodedEvent[]): string =>
  events.map((e) => (e.type === 'text' ? e.text : e.type === 'cut' ? '<CUT>' : '')).join('');

function ticketBytes(type: PrinterTypes): Buffer {
  const printer = new ThermalPrinter({ type, interface: 'tcp://127.0.0.1:1', width: 32 });
  printer.alignCenter();
  printer.bold(true);
  printer.println('ORDER #A12');
  printer.bold(false);
  printer.alignLeft();
  printer.invert(true);
  printer.println('NEW');
  printer.invert(false);
  printer.underline(true);
  printer.println('2x Nasi Lemak');
  printer.underline(false);
  printer.leftRight('Total', '24.00');
  printer.drawLine();
  printer.cut();
  return printer.getBuffer();
}

describe('EscPosDecoder', () => {
  it.each([
    ['epson', PrinterTypes.EPSON],
    ['star', PrinterTypes.STAR],
  ] as const)('keeps only the text of a node-thermal-printer %s ticket and sees its cut', (dialect, type) => {
    const events = new EscPosDecoder(dialect).push(ticketBytes(type));
    expect(textOf(events)).toBe(
      `ORDER #A12\nNEW\n2x Nasi Lemak\nTotal${' '.repeat(22)}24.00\n${'-'.repeat(32)}\n<CUT>`,
    );
  });

  it('decodes the same text however the bytes are split into chunks', () => {
    const bytes = ticketBytes(PrinterTypes.EPSON);
    const whole = textOf(new EscPosDecoder().push(bytes));
    const decoder = new EscPosDecoder();
    const pieces: DecodedEvent[] = [];
    for (let i = 0; i < bytes.length; i++) pieces.push(...decoder.push(bytes.subarray(i, i + 1)));
    expect(textOf(pieces)).toBe(whole);
    expect(decoder.leftover).toBe(0);
  });

  it('reports the stream offset after each cut', () => {
    const one = ticketBytes(PrinterTypes.EPSON);
    const events = new EscPosDecoder().push(Buffer.concat([one, one]));
    const cuts = events.filter((e) => e.type === 'cut');
    // node-thermal-printer ends a cut with ESC @ (2 bytes) after GS V 0.
    expect(cuts.map((c) => c.end)).toEqual([one.length - 2, 2 * one.length - 2]);
  });

  it('sees DLE EOT requests and GS V with a feed amount', () => {
    const events = new EscPosDecoder().push(Buffer.from([0x10, 0x04, 0x01, 0x41, 0x1d, 0x56, 0x41, 0x03, 0x10, 0x04, 0x04]));
    expect(events).toEqual([
      { type: 'status-request', n: 1 },
      { type: 'text', text: 'A', bold: false },
      { type: 'cut', end: 8 },
      { type: 'status-request', n: 4 },
    ]);
  });

  it('reads raster image data as an image, never as text or status requests', () => {
    const image = Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x10, 0x04, 0x01, 0x41]);
    const events = new EscPosDecoder().push(Buffer.concat([image, Buffer.from('ok\n')]));
    expect(events).toEqual([
      { type: 'image', bytesPerRow: 2, rows: 2, data: Buffer.from([0x10, 0x04, 0x01, 0x41]) },
      { type: 'text', text: 'ok', bold: false },
      { type: 'text', text: '\n', bold: false },
    ]);
  });

  it('Star raster mode: rows, feed and form feed; outside it a b is text', () => {
    const bytes = Buffer.concat([
      Buffer.from('b\n'),
      Buffer.from([0x1b, 0x2a, 0x72, 0x41, 0x1b, 0x2a, 0x72, 0x50, 0x30, 0x00]),
      Buffer.from([0x62, 0x02, 0x00, 0x10, 0x04]),
      Buffer.from([0x1b, 0x2a, 0x72, 0x59, 0x31, 0x32, 0x00]),
      Buffer.from([0x1b, 0x0c, 0x00, 0x1b, 0x2a, 0x72, 0x42]),
      Buffer.from('b'),
    ]);
    expect(new EscPosDecoder('star').push(bytes)).toEqual([
      { type: 'text', text: 'b', bold: false },
      { type: 'text', text: '\n', bold: false },
      { type: 'image', bytesPerRow: 2, rows: 1, data: Buffer.from([0x10, 0x04]) },
      { type: 'feed', dots: 12 },
      { type: 'cut', end: 27 },
      { type: 'text', text: 'b', bold: false },
    ]);
  });

  describe('paper feed by motion unit', () => {
    const ESC_J = (n: number) => [0x1b, 0x4a, n];
    const GS_P = (x: number, y: number) => [0x1d, 0x50, x, y];
    const feeds = (motion: PaperMotion, bytes: number[]): number[] =>
      new EscPosDecoder('epson', motion).push(Buffer.from(bytes)).flatMap((e) => (e.type === 'feed' ? [e.dots] : []));
    const job = [...ESC_J(24), ...GS_P(0, 180), ...ESC_J(24), ...GS_P(0, 0), ...ESC_J(24), ...GS_P(0, 180), 0x1b, 0x40, ...ESC_J(24)];

    it('ESC J moves half a dot per unit on a genuine Epson until GS P sets the unit; GS P 0 0 and ESC @ restore the default', () => {
      expect(feeds(EPSON_TM_T88_MOTION, job)).toEqual([12, 24, 12, 12]);
      expect(feeds(EPSON_TM_L90_MOTION, [...ESC_J(24), ...GS_P(0, 203), ...ESC_J(24)])).toEqual([12, 24]);
    });

    it('one dot per unit on a clone; a clone that ignores GS P keeps its own unit', () => {
      expect(feeds(CLONE_MOTION, [...ESC_J(24), ...GS_P(0, 203), ...ESC_J(24)])).toEqual([24, 24]);
      expect(feeds({ ...CLONE_MOTION, ignoresMotionUnits: true }, job)).toEqual([24, 24, 24, 24]);
      expect(feeds(CLONE_MOTION, job)[1]).toBeCloseTo((24 * 203) / 180, 6);
    });

    it('the printed image places rows by the distance fed, fractions included', () => {
      const collector = new RasterCollector();
      collector.addRows(1, 1, Buffer.from([0x80]));
      for (const dots of feeds(EPSON_TM_T88_MOTION, [...ESC_J(3), ...ESC_J(3)])) collector.addFeed(dots);
      collector.addRows(1, 1, Buffer.from([0x01]));
      expect([...collector.take()!.data]).toEqual([0x80, 0, 0, 0, 0x01]);
    });
  });

  it('decodes text in the code page selected by ESC t', () => {
    const events = new EscPosDecoder().push(Buffer.from([0x1b, 0x74, 16, 0x43, 0x61, 0x66, 0xe9]));
    expect(textOf(events)).toBe('Café');
  });

  it('marks bytes outside a known code page as unreadable rather than guessing', () => {
    expect(textOf(new EscPosDecoder().push(Buffer.from([0x41, 0x82])))).toBe('A\uFFFD');
  });
});

describe('virtual printer status bytes', () => {
  const answer = (state: 'ok' | 'paper-out' | 'cover-open'): Buffer =>
    Buffer.from([1, 2, 3, 4].map((n) => statusAnswer(state, n)));

  it('answers like an Epson in each simulated state', () => {
    expect([...answer('ok')]).toEqual([0x12, 0x12, 0x12, 0x12]);
    expect([...answer('paper-out')]).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    expect([...answer('cover-open')]).toEqual([0x1a, 0x16, 0x12, 0x12]);
    expect(decodeStatus(answer('paper-out'))).toEqual({ state: 'paper-out' });
    expect(decodeStatus(answer('cover-open'))).toEqual({ state: 'cover-open' });
  });
});
