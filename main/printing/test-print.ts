import { buildTicket } from '../tickets/build-ticket.js';
import type { PaperWidth } from '../tickets/document.js';
import { renderEscPos } from '../tickets/render-escpos.js';
import type { PrinterLink, PrinterStatus, PrinterType } from './types.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// A test print straight through a transport, outside any queue (setup: `npm run printers -- --test
// URI`), told back in one sentence in the reader's language: was it sent or confirmed, could the
// status be read, the paper.

export type TestPrintReport = { sent: boolean; sentence: string; unreached?: true };

/** The test page (its lines in each script show whether the printer needs raster), as ESC/POS bytes. */
export function testPageBytes(options: { type: PrinterType; width: PaperWidth; printedAt: string }): Buffer {
  return renderEscPos(buildTicket({ kind: 'test', order: null }, { width: options.width, printedAt: options.printedAt }), options);
}

/** The status as the test print's sentence names it, in the reader's language. */
function statusWords(status: PrinterStatus, { t }: Translator): string {
  switch (status.state) {
    case 'ready':
      return t('core.printer.status', { state: status.paperNearEnd ? 'low' : 'ready', reason: '' });
    case 'paper-out':
      return t('core.printer.status', { state: 'paperOut', reason: '' });
    case 'cover-open':
      return t('core.printer.status', { state: 'coverOpen', reason: '' });
    case 'offline':
    case 'unreachable':
      return t('core.printer.status', { state: status.state, reason: status.reason });
    case 'unknown':
      return t('core.printer.status', { state: 'unknown', reason: '' });
  }
}

/** What the paper clause of the sentence says: which case, and the status when the printer reported one. */
function paperOf(status: PrinterStatus): 'fine' | 'low' | 'unknown' | 'reported' {
  if (status.state === 'ready') return status.paperNearEnd ? 'low' : 'fine';
  return status.state === 'unknown' ? 'unknown' : 'reported';
}

/**
 * `page`: what to look for on the page: `text` (npm run printers: a script line printed as ? means raster
 * is needed) or `setup` (Settings, printed as its tickets will be: every line readable, the paper cut).
 * `unreached`: the printer could not be reached, so advice about the network may help.
 */
export async function testPrint(link: PrinterLink, name: string, bytes: Buffer, page: 'text' | 'setup' = 'text', words: Translator = ENGLISH()): Promise<TestPrintReport> {
  const { t } = words;
  const before = await link.probe();
  if (before.state !== 'ready' && before.state !== 'unknown') {
    return { sent: false, sentence: t('core.testPrint.notSent', { name, status: statusWords(before, words) }), ...(before.state === 'unreachable' ? { unreached: true as const } : {}) };
  }
  const sent = await link.send(bytes);
  if (!sent.ok) {
    const sentence = sent.delivered === 'unknown' ? t('core.testPrint.notReachedPartly', { name, error: sent.error }) : t('core.testPrint.notReached', { name, error: sent.error });
    return { sent: false, sentence, unreached: true };
  }
  const after = link.capabilities.readsStatus && !link.capabilities.confirms ? await link.probe() : before;
  const paper = link.capabilities.confirms ? 'spooler' : paperOf(after);
  return { sent: true, sentence: t('core.testPrint.sent', { how: sent.confirmed ? 'confirmed' : 'sent', name, paper, status: statusWords(after, words), page }) };
}
