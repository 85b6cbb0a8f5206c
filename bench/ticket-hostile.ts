// The cost of issue 19's hostile order (every text field 250,000 characters without a space, hundreds
// of brands and lines): order JSON → ticket (parse and build), → preview text, → ESC/POS bytes, → raster
// image and its bytes, and the window's preview (text, HTML). Before the fix one such field blocked the
// bridge for 17-23 s and printed 27 m of paper; the target is well under 100 ms and under a metre.
// Run: npx tsx bench/ticket-hostile.ts [--tickets 100] [--length 250000]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { encodeRaster, renderEscPos, renderHtml, renderRaster, renderText, ticketForJob, type TicketDocument, type TicketOptions } from '../main/tickets/index.js';
import { hostileOrderBody } from '../test/helpers/hostile-order.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '100' }, length: { type: 'string', default: '250000' } } });
const count = Number(values.tickets);
const length = Number(values.length);
const warmup = 3;
const order = hostileOrderBody(71290001, length);

function timed<T>(samples: number[], record: boolean, run: () => T): T {
  const started = performance.now();
  const result = run();
  if (record) samples.push(performance.now() - started);
  return result;
}

function ticket(options: TicketOptions): TicketDocument {
  const result = ticketForJob({ kind: 'new', payload: { order }, possibleDuplicate: false }, options);
  if (!result.ok) throw new Error(result.error);
  return result.ticket;
}

const build: number[] = [];
const text: number[] = [];
const escpos: number[] = [];
const raster: number[] = [];
const preview: number[] = [];
let escposBytes = 0;
let paperMm = 0;
let previewChars = 0;
for (let i = 0; i < warmup + count; i++) {
  const record = i >= warmup;
  const doc = timed(build, record, () => ticket({ width: 48, copies: 1, timeZone: 'Asia/Jakarta' }));
  timed(text, record, () => renderText(doc, 48));
  escposBytes = timed(escpos, record, () => renderEscPos(doc, { type: 'epson', width: 48 })).length;
  // 576 dots across 80 mm paper: 203 dpi, 8 dots a millimetre.
  const image = timed(raster, record, () => {
    const drawn = renderRaster(doc, { width: 48, dots: 576 });
    encodeRaster(drawn.bitmap, { type: 'epson', copies: 1 });
    return drawn;
  });
  paperMm = image.bitmap.height / 8;
  previewChars = timed(preview, record, () => {
    const screen = ticket({ width: 48, copies: 1, timeZone: 'Asia/Jakarta', forScreen: true });
    return renderText(screen, 48).length + renderHtml(screen).length;
  });
}

const sorted = (samples: number[]): number[] => [...samples].sort((a, b) => a - b);
const p = (samples: number[], q: number): number => percentile(sorted(samples), q);
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const line = (label: string, samples: number[]): string => `  ${label.padEnd(40)} p50 ${ms(p(samples, 50))}  p99 ${ms(p(samples, 99))}  max ${ms(Math.max(...samples))}`;
const paperTotal = build.map((b, i) => b + escpos[i]!);
console.log(`hostile ticket render, ${count} renders (fields of ${length.toLocaleString('en')} characters, 48 columns)`);
console.log(line('build (ticketForJob: parse + build)', build));
console.log(line('text (renderText)', text));
console.log(line('ESC/POS (renderEscPos)', escpos));
console.log(line('raster (renderRaster + encodeRaster)', raster));
console.log(line("window's preview (build, text, HTML)", preview));
console.log(line('paper total (build + ESC/POS)', paperTotal));
console.log(`  printed: ${escposBytes} ESC/POS bytes, ${paperMm.toFixed(0)} mm as an image; the window's preview ${previewChars} characters`);
printBenchLine(
  'ticket-hostile',
  [
    atMost('paper total p50', p(paperTotal, 50), 'ms', 100, '< 100 ms'),
    atMost('paper total p99', p(paperTotal, 99), 'ms', 100, '< 100 ms'),
    atMost('raster p99', p(raster, 99), 'ms', 1000, '< 1 s'),
    atMost('preview p99', p(preview, 99), 'ms', 250, '< 250 ms'),
    atMost('paper length', paperMm, 'mm', 1000, '< 1 m'),
  ],
  { tickets: count, 'field length': length, columns: 48 },
);
