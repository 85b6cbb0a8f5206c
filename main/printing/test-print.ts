import { buildTicket } from '../tickets/build-ticket.js';
import type { PaperWidth } from '../tickets/document.js';
import { renderEscPos } from '../tickets/render-escpos.js';
import { describeStatus } from './status.js';
import type { PrinterLink, PrinterStatus, PrinterType } from './types.js';

// A test print straight through a transport, outside any queue (setup: `npm run printers -- --test
// URI`), told back in one sentence: was it sent or confirmed, could the status be read, the paper.

export type TestPrintReport = { sent: boolean; sentence: string };

/** The test page (its lines in each script show whether the printer needs raster), as ESC/POS bytes. */
export function testPageBytes(options: { type: PrinterType; width: PaperWidth; printedAt: string }): Buffer {
  return renderEscPos(buildTicket({ kind: 'test', order: null }, { width: options.width, printedAt: options.printedAt }), options);
}

function paperClause(status: PrinterStatus): string {
  switch (status.state) {
    case 'ready':
      return status.paperNearEnd ? 'the printer answered and its paper is running low' : 'the printer answered and its paper is fine';
    case 'unknown':
      return 'its status could not be read, so the paper state is unknown';
    default:
      return `the printer then reported: ${describeStatus(status)}`;
  }
}

/** What to look for on a text test page: its lines in other scripts need the printer's raster mode. */
const TEXT_PAGE_HINT = 'any script line printed as ? means this printer needs raster';

export async function testPrint(link: PrinterLink, name: string, bytes: Buffer, hint = TEXT_PAGE_HINT): Promise<TestPrintReport> {
  const before = await link.probe();
  if (before.state !== 'ready' && before.state !== 'unknown') {
    return { sent: false, sentence: `Not sent to ${name}: ${describeStatus(before)}.` };
  }
  const sent = await link.send(bytes);
  if (!sent.ok) {
    const partly = sent.delivered === 'unknown' ? ' (part of it may have printed)' : '';
    return { sent: false, sentence: `The test ticket did not reach ${name}${partly}: ${sent.error}.` };
  }
  const after = link.capabilities.readsStatus && !link.capabilities.confirms ? await link.probe() : before;
  const how = sent.confirmed ? `printed on ${name}, confirmed by the spooler` : `sent to ${name}`;
  const status = link.capabilities.confirms ? 'the spooler does not report paper state' : paperClause(after);
  return { sent: true, sentence: `The test ticket was ${how}; ${status}; ${hint}.` };
}
