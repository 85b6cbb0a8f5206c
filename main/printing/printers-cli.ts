// `npm run printers`: lists the printers this computer can reach (CUPS queues, Windows printers,
// serial ports, USB printer device files) with the URI to configure; never scans a network.
// `npm run printers -- --test URI [--type epson|star] [--width 48|32]` prints the test page there and
// says in one sentence what happened. Exit 0 when it was sent, 1 when not, 2 on bad arguments.

import { parseArgs } from 'node:util';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { discoverPrinters } from './discovery.js';
import { testPageBytes, testPrint } from './test-print.js';
import { linkForUri } from './transports/link-for-printer.js';
import { errorText } from '../../common/error-text.js';

const USAGE = 'usage: printers [--test URI [--type epson|star] [--width 48|32]]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { test: { type: 'string' }, type: { type: 'string', default: 'epson' }, width: { type: 'string', default: '48' } } }));
  } catch (err) {
    process.stderr.write(`${errorText(err)}; ${USAGE}\n`);
    return 2;
  }
  if (values.test === undefined) {
    const candidates = await discoverPrinters();
    if (candidates.length === 0) {
      process.stdout.write('No printer found on this computer (no CUPS queue, Windows printer, serial port or /dev/usb/lp*). Network printers are tcp://ADDRESS:9100.\n');
    }
    for (const { uri, kind, label, detail } of candidates) {
      const speed = kind === 'serial' ? ": check the printer's baud rate (9600 and 115200 are common)" : '';
      process.stdout.write(`${uri}\t${label}${detail ? ` (${detail})` : ''}${speed}\n`);
    }
    return 0;
  }
  const parsed = parsePrinterUri(values.test);
  if ('error' in parsed) {
    process.stderr.write(`--test: ${parsed.error}\n`);
    return 2;
  }
  if (values.type !== 'epson' && values.type !== 'star') {
    process.stderr.write(`--type must be epson or star, got "${values.type}"\n`);
    return 2;
  }
  if (values.width !== '48' && values.width !== '32') {
    process.stderr.write(`--width must be 48 or 32, got "${values.width}"\n`);
    return 2;
  }
  const link = linkForUri(values.test);
  try {
    const bytes = testPageBytes({ type: values.type, width: Number(values.width) as 48 | 32, printedAt: new Date().toISOString() });
    const report = await testPrint(link, values.test, bytes);
    process.stdout.write(`${report.sentence}\n`);
    return report.sent ? 0 : 1;
  } finally {
    await link.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
