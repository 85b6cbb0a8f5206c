// ESC/POS bytes built with node-thermal-printer's command builder, without ever connecting: the
// interface URL is a placeholder and only `getBuffer()` is used. Sending is the print queue's job.

import type { ThermalPrinter } from 'node-thermal-printer';
import type { PaperWidth, TextSize, TicketDocument } from './document.js';
import { cellsFor, layoutTicket } from './layout.js';
import { asciiTextEncoder, NO_BREAK_SPACE, type TextEncoderForPrinter } from './printable-text.js';
import { thermalPrinterModule } from './thermal-printer-module.js';
import { columns } from './wrap.js';

export type EscPosTarget = { type: 'epson' | 'star'; width: PaperWidth };

/** ESC @: the library only re-initialises after a cut, but a job must not inherit a previous job's modes. */
const INIT = Buffer.from([0x1b, 0x40]);
/**
 * ESC R 0 (USA) and, on Epson, ESC t 0 (PC437) after every initialisation: ESC @ returns to the
 * printer's own defaults, and a clone set to another country prints `#` as `£`.
 */
const CHARSET: Record<EscPosTarget['type'], Buffer> = { epson: Buffer.from([0x1b, 0x52, 0x00, 0x1b, 0x74, 0x00]), star: Buffer.from([0x1b, 0x52, 0x00]) };

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Same bytes as `printer.println(text)`, which encodes a string one character at a time (a buffer
 * and a concatenation per character): that was most of a ticket's ESC/POS cost. ASCII needs no code
 * page, so printable ASCII goes in whole; anything else still takes the library's code-page path.
 */
function printLine(printer: ThermalPrinter, line: string): void {
  const text = line.replaceAll(NO_BREAK_SPACE, ' ');
  if (PRINTABLE_ASCII.test(text)) printer.add(Buffer.from(`${text}\n`, 'ascii'));
  else printer.println(text);
}

type Mode = { bold: boolean; size: TextSize; invert: boolean; align: 'left' | 'center' | 'right' };

function applyMode(printer: ThermalPrinter, from: Mode | null, to: Mode): void {
  if (from?.align !== to.align) {
    if (to.align === 'center') printer.alignCenter();
    else if (to.align === 'right') printer.alignRight();
    else printer.alignLeft();
  }
  if (from?.size !== to.size) {
    if (to.size === 'big') printer.setTextQuadArea();
    else if (to.size === 'wide') printer.setTextDoubleWidth();
    else if (to.size === 'tall') printer.setTextDoubleHeight();
    else printer.setTextNormal();
  }
  // Epson's ESC ! (the library's size commands) also clears emphasis: bold is set again after it.
  if (from?.bold !== to.bold || from?.size !== to.size) printer.bold(to.bold);
  if (from?.invert !== to.invert) printer.invert(to.invert);
}

/**
 * The library appends by copying its whole buffer each time: taken out after every line, a ticket's
 * bytes cost time in proportion to their length, not to its square.
 */
function drain(printer: ThermalPrinter, chunks: Buffer[]): void {
  const buffer = printer.getBuffer();
  if (buffer) chunks.push(buffer);
  printer.clear();
}

function drawOnce(printer: ThermalPrinter, doc: TicketDocument, target: EscPosTarget, encoder: TextEncoderForPrinter, chunks: Buffer[]): void {
  let mode: Mode | null = null;
  const setMode = (next: Mode): void => {
    applyMode(printer, mode, next);
    mode = next;
  };
  for (const line of layoutTicket(doc, target.width, (t) => encoder.toPrintable(t))) {
    switch (line.type) {
      case 'text':
        setMode({ bold: line.bold, size: line.size, invert: false, align: line.align });
        printLine(printer, line.text.trimEnd());
        break;
      case 'banner': {
        // Padded to the full row so the inverted bar spans the paper, like a banner should.
        const cells = cellsFor(target.width, line.size);
        const free = Math.max(0, cells - columns(line.text));
        const left = Math.floor(free / 2);
        setMode({ bold: true, size: line.size, invert: true, align: 'left' });
        printLine(printer, ' '.repeat(left) + line.text + ' '.repeat(free - left));
        break;
      }
      case 'blank':
        setMode({ bold: false, size: 'normal', invert: false, align: 'left' });
        printer.newLine();
        break;
      case 'cut':
        setMode({ bold: false, size: 'normal', invert: false, align: 'left' });
        printer.cut();
        printer.add(CHARSET[target.type]);
        mode = null;
        break;
    }
    drain(printer, chunks);
  }
}

export function renderEscPos(doc: TicketDocument, target: EscPosTarget, encoder: TextEncoderForPrinter = asciiTextEncoder): Buffer {
  const { BreakLine, PrinterTypes, ThermalPrinter } = thermalPrinterModule();
  const printer = new ThermalPrinter({
    type: target.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: 'tcp://0.0.0.0',
    width: target.width,
    breakLine: BreakLine.NONE,
  });
  const chunks: Buffer[] = [INIT, CHARSET[target.type]];
  for (let copy = 0; copy < Math.max(1, doc.copies); copy++) drawOnce(printer, doc, target, encoder, chunks);
  drain(printer, chunks);
  return Buffer.concat(chunks);
}
