import type { ActionOutcome, PrinterCandidateTest } from '../../common/bridge-api.js';
import { describePrinterAddress } from '../../common/printer-choice.js';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { isoAt, type Clock } from '../../ground/clock.js';
import { buildTicket, renderTicket } from '../tickets/index.js';
import { testPrint } from './test-print.js';
import { printerAddressProblem } from './transports/device-file.js';
import { linkForUri } from './transports/link-for-printer.js';
import type { PrinterLink } from './types.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// A test print to a printer picked in Settings before it is saved: straight through the transport its
// address names, outside any queue, told back in one sentence. Only ever to a device, a spooler or the
// network: an address naming a regular file is refused before anything is opened, so the window can
// never overwrite a file by calling it a printer. One test at a time: two tests at one device would
// interleave their bytes.

export type CandidateTesterOptions = {
  clock: Clock;
  /** The transport for an address (tests pass fakes). */
  linkFor?: (uri: string) => PrinterLink;
  /** The test page's language when the candidate has none (the window's, else the OS's). */
  language?: () => string | undefined;
  /** The window's language now; English when absent. */
  words?: () => Translator;
};

export function createCandidateTester(options: CandidateTesterOptions): (candidate: PrinterCandidateTest) => Promise<ActionOutcome> {
  const linkFor = options.linkFor ?? ((uri: string) => linkForUri(uri));
  const windowWords = options.words ?? ENGLISH;

  async function testOnce(candidate: PrinterCandidateTest): Promise<ActionOutcome> {
    const words = windowWords();
    const address = parsePrinterUri(candidate.interface);
    if ('error' in address) return { ok: false, message: words.t('core.testPrint.notAddress', { error: address.error }) };
    const notDevice = printerAddressProblem(candidate.interface, { mustExist: true });
    if (notDevice) return { ok: false, message: words.t('core.testPrint.nothingPrinted', { problem: notDevice }) };
    const name = describePrinterAddress(candidate.interface);
    const language = candidate.language ?? options.language?.();
    const ticket = buildTicket({ kind: 'test', order: null }, { width: candidate.width, printedAt: isoAt(options.clock), ...(language ? { language } : {}) });
    const { bytes } = renderTicket(ticket, { type: candidate.type, width: candidate.width });
    const link = linkFor(candidate.interface);
    try {
      // Printed the way its tickets will be (text, or an image for other scripts): every line is to be checked.
      const report = await testPrint(link, name, bytes, 'setup', words);
      if (report.sent) return { ok: true, message: report.sentence };
      // A network printer that answered (out of paper, cover open) needs no advice about the network.
      const unreached = address.scheme === 'tcp' && report.unreached === true;
      return { ok: false, message: unreached ? words.t('core.testPrint.networkAdvice', { sentence: report.sentence }) : report.sentence };
    } finally {
      await link.close();
    }
  }

  let chain: Promise<unknown> = Promise.resolve();
  return (candidate) => {
    const run = chain.then(() => testOnce(candidate));
    chain = run.catch(() => undefined);
    return run;
  };
}
