// `npm run ticket -- ORDER.json [--width 48|32] [--printer URI] [--type epson|star]
//  [--kind new|update|cancel|reprint|test] [--tz ZONE]`: previews the kitchen ticket of every order in
// the file on stdout and, with --printer, sends the ESC/POS bytes. Any failure is one line on stderr.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { linkForUri } from '../printing/transports/link-for-printer.js';
import { buildTicket } from './build-ticket.js';
import type { PaperWidth, TicketKind } from './document.js';
import { ordersFromInput } from './order-input.js';
import { renderEscPos } from './render-escpos.js';
import { renderText } from './render-text.js';

const USAGE = 'usage: ticket ORDER.json [--width 48|32] [--printer URI] [--type epson|star] [--kind new|update|cancel|reprint|test] [--tz ZONE]';
const KINDS: readonly TicketKind[] = ['new', 'update', 'cancel', 'reprint', 'test'];

type Settings = { file: string; width: PaperWidth; printer?: string; type: 'epson' | 'star'; kind: TicketKind; timeZone?: string };

function settingsFrom(argv: string[]): Settings | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        width: { type: 'string', default: '48' },
        printer: { type: 'string' },
        type: { type: 'string', default: 'epson' },
        kind: { type: 'string', default: 'new' },
        tz: { type: 'string' },
      },
    });
  } catch (err) {
    return { error: `${err instanceof Error ? err.message : String(err)}; ${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return { error: USAGE };
  if (values.width !== '48' && values.width !== '32') return { error: `--width must be 48 or 32, got "${values.width}"` };
  if (values.type !== 'epson' && values.type !== 'star') return { error: `--type must be epson or star, got "${values.type}"` };
  const kind = KINDS.find((k) => k === values.kind);
  if (!kind) return { error: `--kind must be one of ${KINDS.join(', ')}, got "${values.kind}"` };
  if (values.printer !== undefined) {
    const address = parsePrinterUri(values.printer);
    if ('error' in address) return { error: `--printer: ${address.error}` };
  }
  if (values.tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: values.tz });
    } catch {
      return { error: `--tz: unknown time zone "${values.tz}"` };
    }
  }
  return { file: positionals[0]!, width: values.width === '32' ? 32 : 48, printer: values.printer, type: values.type, kind, timeZone: values.tz };
}

function readJson(file: string): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `not JSON: ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function main(argv: string[]): Promise<number> {
  const settings = settingsFrom(argv);
  if ('error' in settings) {
    process.stderr.write(`${settings.error}\n`);
    return 1;
  }
  const json = readJson(settings.file);
  const input = json.ok ? ordersFromInput(json.value) : json;
  if (!input.ok) {
    process.stderr.write(`${input.error.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
  const options = { width: settings.width, timeZone: settings.timeZone };
  const tickets = input.orders.map((order) => buildTicket({ kind: settings.kind, order }, options));
  process.stdout.write(tickets.map((t) => renderText(t, settings.width)).join('\n'));
  if (!settings.printer) return 0;

  const link = linkForUri(settings.printer);
  try {
    for (const ticket of tickets) {
      const outcome = await link.send(renderEscPos(ticket, { type: settings.type, width: settings.width }));
      if (!outcome.ok) {
        process.stderr.write(`printer ${settings.printer}: ${outcome.error}\n`);
        return 2;
      }
    }
  } finally {
    await link.close();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
