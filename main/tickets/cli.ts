// `npm run ticket -- ORDER.json [--width 48|42|32] [--printer URI] [--type epson|star]
//  [--kind new|update|cancel|reprint|test] [--tz ZONE] [--lang TAG] [--render auto|text|raster] [--dots N] [--png FILE]`:
// previews the kitchen ticket of every order in the file on stdout (in --lang: `th`, `id`, `ar`…; English
// by default), with --png writes the raster image
// (FILE, FILE-2.png… for more orders) and with --printer sends the bytes. Any failure is one line on stderr.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { buildTicket } from './build-ticket.js';
import type { PaperWidth, TicketKind } from './document.js';
import { ordersFromInput } from './order-input.js';
import { bitmapToPng } from './bitmap.js';
import { renderRaster } from './render-raster.js';
import { defaultDots, renderTicket, textRendering, type RenderMode } from './render-ticket.js';
import { renderText } from './render-text.js';
import { errorText } from '../../common/error-text.js';
import { LOCALES, matchLocale } from '../../common/i18n/locales.js';
import { ticketLanguage } from './ticket-language.js';

const USAGE =
  'usage: ticket ORDER.json [--width 48|42|32] [--printer URI] [--type epson|star] [--kind new|update|cancel|reprint|test] [--tz ZONE] [--lang TAG] [--render auto|text|raster] [--dots N] [--png FILE]';
const RENDERS: readonly RenderMode[] = ['auto', 'text', 'raster'];
const KINDS: readonly TicketKind[] = ['new', 'update', 'cancel', 'reprint', 'test'];

type Settings = {
  file: string;
  width: PaperWidth;
  printer?: string;
  type: 'epson' | 'star';
  kind: TicketKind;
  timeZone?: string;
  language?: string;
  render: RenderMode;
  dots: number;
  png?: string;
};

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
        lang: { type: 'string' },
        render: { type: 'string', default: 'auto' },
        dots: { type: 'string' },
        png: { type: 'string' },
      },
    });
  } catch (err) {
    return { error: `${errorText(err)}; ${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return { error: USAGE };
  const width = ([48, 42, 32] as const).find((w) => String(w) === values.width);
  if (!width) return { error: `--width must be 48, 42 or 32, got "${values.width}"` };
  const render = RENDERS.find((r) => r === values.render);
  if (!render) return { error: `--render must be one of ${RENDERS.join(', ')}, got "${values.render}"` };
  const dots = values.dots === undefined ? defaultDots(width) : Number(values.dots);
  if (!Number.isInteger(dots) || dots < 128 || dots > 2048 || dots % 8 !== 0) return { error: `--dots must be a multiple of 8 between 128 and 2048, got "${values.dots}"` };
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
  if (values.lang !== undefined && matchLocale(values.lang) === null) return { error: `--lang must be one of ${LOCALES.join(', ')}, got "${values.lang}"` };
  return { file: positionals[0]!, width, printer: values.printer, type: values.type, kind, timeZone: values.tz, language: values.lang, render, dots, png: values.png };
}

function readJson(file: string): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${file}: ${errorText(err)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `not JSON: ${file}: ${errorText(err)}` };
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
  const language = ticketLanguage([settings.language], settings.render);
  if (language.warning) process.stderr.write(`${language.warning}\n`);
  const options = { width: settings.width, timeZone: settings.timeZone, language: language.language };
  const tickets = input.orders.map((order) => buildTicket({ kind: settings.kind, order }, options));
  process.stdout.write(tickets.map((t) => renderText(t, settings.width)).join('\n'));
  const target = { type: settings.type, width: settings.width, render: settings.render, dots: settings.dots };
  if (!settings.png && !settings.printer) {
    // A preview needs the warnings, not the bytes: a text ticket's are known without building them.
    tickets.forEach((ticket) => {
      const asText = textRendering(ticket, target);
      const warning = asText.text ? asText.warning : renderTicket(ticket, target).warning;
      if (warning) process.stderr.write(`ticket ${ticket.title}: ${warning}\n`);
    });
    return 0;
  }
  const rendered = tickets.map((ticket) => renderTicket(ticket, target));
  rendered.forEach((r, i) => r.warning && process.stderr.write(`ticket ${tickets[i]!.title}: ${r.warning}\n`));
  if (settings.png) {
    const png = settings.png;
    tickets.forEach((ticket, i) => {
      const file = i === 0 ? png : png.replace(/(\.png)?$/i, `-${i + 1}.png`);
      const image = rendered[i]!.raster ?? renderRaster(ticket, { width: settings.width, dots: settings.dots });
      writeFileSync(file, bitmapToPng(image.bitmap));
    });
  }
  if (!settings.printer) return 0;

  // Loaded only to print: the transports bring Node's network and process modules with them.
  const { linkForUri } = await import('../printing/transports/link-for-printer.js');
  const link = linkForUri(settings.printer);
  try {
    for (const { bytes } of rendered) {
      const outcome = await link.send(bytes);
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

// No top-level await: the bundle is CommonJS (scripts/build.mjs, commonJsCli).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
