// `npm run printers`: lists the printers this computer can reach (CUPS queues, Windows printers,
// serial ports, USB printer device files) with the URI to configure; never scans a network.
// `npm run printers -- --test URI [--type epson|star] [--width 48|32]` prints the test page there and
// says in one sentence what happened. Exit 0 when it was sent, 1 when not, 2 on bad arguments.
// `--lang TAG` words the sentences (default: the computer's language); each listed printer stays one
// line, its URI first and a tab after it, for scripts.

import { parseArgs } from 'node:util';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { discoverPrinters } from './discovery.js';
import { testPageBytes, testPrint } from './test-print.js';
import { linkForUri } from './transports/link-for-printer.js';
import { errorText } from '../../common/error-text.js';
import { cliLanguage } from '../core/cli-language.js';

// Option names and placeholders, the same in every language.
const SYNOPSIS = 'printers [--test URI [--type epson|star] [--width 48|32]] [--lang TAG]';

async function main(argv: string[]): Promise<number> {
  const language = cliLanguage(argv);
  const { t } = language.words;
  if ('error' in language) {
    process.stderr.write(`${language.error}\n${t('cli.usage', { synopsis: SYNOPSIS })}\n`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: language.args, options: { test: { type: 'string' }, type: { type: 'string', default: 'epson' }, width: { type: 'string', default: '48' } } }));
  } catch (err) {
    process.stderr.write(`${t('cli.badArguments', { error: errorText(err) })}\n${t('cli.usage', { synopsis: SYNOPSIS })}\n`);
    return 2;
  }
  if (values.test === undefined) {
    const candidates = await discoverPrinters();
    if (candidates.length === 0) {
      process.stdout.write(`${t('cli.printers.none')}\n`);
    }
    for (const { uri, kind, label, detail } of candidates) {
      const speed = kind === 'serial' ? `: ${t('cli.printers.serialSpeed')}` : '';
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
    process.stderr.write(`${t('cli.printers.badType', { value: values.type })}\n`);
    return 2;
  }
  if (values.width !== '48' && values.width !== '32') {
    process.stderr.write(`${t('cli.printers.badWidth', { value: values.width })}\n`);
    return 2;
  }
  const link = linkForUri(values.test);
  try {
    const bytes = testPageBytes({ type: values.type, width: Number(values.width) as 48 | 32, printedAt: new Date().toISOString() });
    const report = await testPrint(link, values.test, bytes, 'text', language.words);
    process.stdout.write(`${report.sentence}\n`);
    return report.sent ? 0 : 1;
  } finally {
    await link.close();
  }
}

// No top-level await: the bundle is CommonJS (scripts/build.mjs, commonJsCli).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
