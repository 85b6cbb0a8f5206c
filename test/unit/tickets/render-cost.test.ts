import fc from 'fast-check';
import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderEscPos, renderText, ticketForJob } from '../../../main/tickets/index.js';
import { graphemes } from '../../../main/tickets/wrap.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

// What made a ticket cost milliseconds, pinned by counting calls (never by timing): ICU segmentation of
// plain Latin text, a date formatter per time, and the library's per-character string encoding. The
// shortcuts are only sound if they give the same output, which the property tests check.

const order = (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: unknown[] }).orders[0];

function renderTickets(count: number, timeZone: string): void {
  for (let i = 0; i < count; i++) {
    const printedAt = new Date(Date.UTC(2026, 5, 25, 9, i)).toISOString();
    const result = ticketForJob({ kind: 'reprint', payload: { order }, possibleDuplicate: true }, { width: 48, copies: 1, printedAt, timeZone });
    if (!result.ok) throw new Error(result.error);
    renderText(result.ticket, 48);
    renderEscPos(result.ticket, { type: 'epson', width: 48 });
  }
}

const RealDateTimeFormat = Intl.DateTimeFormat;
afterEach(() => {
  Intl.DateTimeFormat = RealDateTimeFormat;
  vi.restoreAllMocks();
});

describe('ticket rendering cost', () => {
  it('builds date formatters once per time zone, not once per ticket time', () => {
    let built = 0;
    Intl.DateTimeFormat = class extends RealDateTimeFormat {
      constructor(...args: ConstructorParameters<typeof RealDateTimeFormat>) {
        super(...args);
        built++;
      }
    } as typeof Intl.DateTimeFormat;
    renderTickets(20, 'Pacific/Chatham');
    expect(built).toBeLessThanOrEqual(2);
  });

  it('does not run grapheme segmentation over plain Latin text', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    renderTickets(3, 'Asia/Jakarta');
    expect(segment).not.toHaveBeenCalled();
  });

  it('hands printable ASCII lines to the printer library whole, not character by character', () => {
    const println = vi.spyOn(ThermalPrinter.prototype, 'println');
    renderTickets(3, 'Asia/Jakarta');
    expect(println).not.toHaveBeenCalled();
  });

  it('splits Latin-1 text and punctuation into the same graphemes as ICU', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const char = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));
    const latinish = fc.string({ unit: fc.oneof(char(0x20, 0xff), char(0x2008, 0x202f), fc.constantFrom('\u0301', '\u200d', '\r', '\n', 'ข้', '👍🏽')) });
    fc.assert(
      fc.property(latinish, (text) => {
        expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same bytes for a printable ASCII line as the library println', () => {
    const printer = (): ThermalPrinter => new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://0.0.0.0', width: 48, breakLine: BreakLine.NONE });
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (text) => {
        const viaLibrary = printer();
        viaLibrary.println(text);
        expect(Buffer.from(`${text}\n`, 'ascii')).toEqual(viaLibrary.getBuffer());
      }),
      { numRuns: 300 },
    );
  });
});
