import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { createRasterProcess, type RasterProcess } from '../../../main/printing/raster-process.js';
import { buildTicket, renderTicket, type TicketTarget } from '../../../main/tickets/index.js';
import { waitFor } from '../../helpers/wait.js';

const dir = new URL('../../fixtures/raster/', import.meta.url);
const fixture = readdirSync(dir).filter((f) => f.endsWith('.envelope.json')).sort()[0]!;
const order = orderSchema.parse((JSON.parse(readFileSync(new URL(fixture, dir), 'utf8')) as { orders: unknown[] }).orders[0]);
const doc = buildTicket({ kind: 'new', order }, { width: 48, timeZone: 'Asia/Jakarta', printedAt: '2026-06-25T10:00:00.000Z' });
const target: TicketTarget = { type: 'epson', width: 48, render: 'raster' };

let raster: RasterProcess | undefined;
afterEach(() => raster?.close());

describe('raster process', () => {
  it('draws the same bytes as the bridge would, in a child that exits once idle', async () => {
    const fallbacks: string[] = [];
    raster = createRasterProcess({ idleMs: 300, onFallback: (reason) => fallbacks.push(reason) });
    const drawn = await raster.render(doc, target);
    const here = renderTicket(doc, target);
    expect(drawn.bytes.equals(here.bytes)).toBe(true);
    expect(drawn.warning).toBe(here.warning);
    expect(fallbacks).toEqual([]);
    const pid = raster.pid();
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    await waitFor('the idle child exits', () => raster!.pid() === undefined, { timeoutMs: 20_000 });
    const again = await raster.render(doc, target);
    expect(again.bytes.equals(here.bytes)).toBe(true);
    expect(raster.pid()).not.toBe(pid);
  });

  it('draws every ticket of a burst in several scripts as the bridge would, with the glyphs it keeps from ticket to ticket', async () => {
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.envelope.json'))
      .sort()
      .map((f) => orderSchema.parse((JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { orders: unknown[] }).orders[0]))
      .map((o) => buildTicket({ kind: 'new', order: o }, { width: 48, timeZone: 'Asia/Jakarta', printedAt: '2026-06-25T10:00:00.000Z' }));
    raster = createRasterProcess();
    for (const round of [1, 2]) {
      for (const [i, each] of docs.entries()) {
        const drawn = await raster.render(each, target);
        expect(drawn.bytes.equals(renderTicket(each, target).bytes), `round ${round}, ticket ${i}`).toBe(true);
      }
    }
  });

  it('draws the ticket in the bridge when the child dies before answering', async () => {
    const fallbacks: string[] = [];
    raster = createRasterProcess({ onFallback: (reason) => fallbacks.push(reason) });
    const drawing = raster.render(doc, target);
    process.kill(raster.pid()!, 'SIGKILL');
    const drawn = await drawing;
    expect(drawn.bytes.equals(renderTicket(doc, target).bytes)).toBe(true);
    expect(fallbacks).toEqual([expect.stringContaining('the raster process exited (SIGKILL)')]);
  });
});
