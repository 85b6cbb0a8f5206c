import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLONE_MOTION, EPSON_TM_L90_MOTION, EPSON_TM_T88_MOTION, type PaperMotion } from '../../../dev/virtual-printer/escpos-decoder.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { systemClock } from '../../../ground/clock.js';
import { createJobRenderer } from '../../../main/printing/render-job.js';
import type { PrinterConfig } from '../../../main/printing/types.js';
import type { PrintJob } from '../../../main/store/print-jobs.js';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, renderRaster } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { rasterFixtureOrder } from '../../helpers/raster-fixtures.js';

// The production job renderer's bytes over TCP to the virtual printer, in both dialects.

let printer: VirtualPrinter | undefined;
afterEach(async () => {
  await printer?.stop();
  printer = undefined;
});

const job = (order: unknown): PrintJob => ({ id: 1, orderId: null, printerId: 'kitchen', kind: 'new', version: 'v1', state: 'queued', payload: { order }, possibleDuplicate: false, attempts: 0, lastError: '', nextAttemptAt: null, createdAt: '', updatedAt: '', sentAt: null, warning: '', backupPrinterId: null });

async function print(type: 'epson' | 'star', order: unknown, extra: Partial<PrinterConfig> = {}, motion?: PaperMotion) {
  printer = await createVirtualPrinter({ dialect: type, ...(motion ? { motion } : {}) });
  const config: PrinterConfig = { id: 'kitchen', name: 'Kitchen', type, interface: printer.url, width: 48, statusProbe: 'off', copies: 1, ...extra };
  const warnings: string[] = [];
  const rendered = createJobRenderer({ clock: systemClock, onWarning: (_job, _printer, warning) => warnings.push(warning) })(job(order), config);
  if ('error' in rendered) throw new Error(rendered.error);
  const socket = connect(printer.port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(rendered.bytes);
  const [ticket] = await printer.waitForTickets(1);
  socket.destroy();
  return { ticket: ticket!, warnings };
}

const latin = (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: unknown[] }).orders[0];

describe('raster and text tickets at the virtual printer', () => {
  it.each(['epson', 'star'] as const)('%s: a Latin-only ticket in auto is text, with no image', async (type) => {
    const { ticket, warnings } = await print(type, latin);
    expect(ticket.image).toBeUndefined();
    expect(ticket.text).toContain('Cimol Beef Porsi Besar');
    expect(warnings).toEqual([]);
  });

  it.each(['epson', 'star'] as const)('%s: a Thai ticket in auto arrives as the same bitmap, at most 576 dots wide', async (type) => {
    const order = rasterFixtureOrder('thai.envelope.json');
    const { ticket } = await print(type, order);
    expect(ticket.text).not.toContain('?');
    const image = ticket.image!;
    expect(image.width).toBeLessThanOrEqual(576);
    expect(Math.max(...image.bands)).toBeLessThanOrEqual(256);
    const doc = buildTicket({ kind: 'new', order: orderSchema.parse(order) }, { width: 48 });
    const expected = renderRaster(doc, { width: 48, dots: 576 }).bitmap;
    const rowOf = (data: Uint8Array, stride: number, y: number): Buffer => {
      const row = Buffer.alloc(72);
      row.set(data.subarray(y * stride, y * stride + Math.min(stride, 72)));
      return row;
    };
    // The printed image ends at its last inked row; the rest went as feed to the cutter.
    expect(image.height).toBeGreaterThan(expected.height - 60);
    for (let y = 0; y < expected.height; y++) {
      const want = rowOf(expected.data, 72, y);
      const got = y < image.height ? rowOf(image.data, image.width / 8, y) : Buffer.alloc(72);
      if (!got.equals(want)) throw new Error(`row ${y} differs`);
    }
  });

  it('a printer set to 58 mm and 384 dots gets a 384-dot image; render: text gets text and a warning', async () => {
    const order = rasterFixtureOrder('thai.envelope.json');
    const narrow = await print('epson', order, { width: 32, dots: 384 });
    expect(narrow.ticket.image!.width).toBe(384);
    await printer!.stop();
    const asText = await print('epson', order, { render: 'text' });
    expect(asText.ticket.image).toBeUndefined();
    expect(asText.warnings).toEqual(['some characters could not be printed (render: text prints them as stand-ins)']);
  });

  it.each([
    ['80 mm at 203 dpi: an Epson TM-L90 (1/406 in) and a clone (1/203 in)', { width: 48 } as const, EPSON_TM_L90_MOTION, CLONE_MOTION],
    ['80 mm at 180 dpi: an Epson TM-T88 (1/360 in) and a 1/180-in printer', { width: 42 } as const, EPSON_TM_T88_MOTION, { dotsPerInch: 180, defaultVerticalUnit: 180 }],
  ])('%s print the same image, gaps as drawn', async (_name, paper, epson, other) => {
    const order = rasterFixtureOrder('thai.envelope.json');
    const onEpson = (await print('epson', order, paper, epson)).ticket.image!;
    await printer!.stop();
    const onOther = (await print('epson', order, paper, other)).ticket.image!;
    const doc = buildTicket({ kind: 'new', order: orderSchema.parse(order) }, { width: paper.width });
    const drawn = renderRaster(doc, { width: paper.width, dots: paper.width === 42 ? 512 : 576 }).bitmap;
    const inkRows = (image: { width: number; height: number; data: Uint8Array }): number[] => {
      const stride = image.width / 8;
      return Array.from({ length: image.height }, (_, y) => y).filter((y) => image.data.subarray(y * stride, (y + 1) * stride).some((b) => b !== 0));
    };
    expect(inkRows(onEpson)).toEqual(inkRows(drawn));
    expect(inkRows(onOther)).toEqual(inkRows(drawn));
    expect(Buffer.from(onEpson.data).equals(Buffer.from(onOther.data))).toBe(true);
  });
});
