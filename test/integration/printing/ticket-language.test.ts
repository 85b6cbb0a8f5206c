import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { printedImagePng } from '../../../dev/virtual-printer/raster-image.js';
import { createJobRenderer } from '../../../main/printing/render-job.js';
import { enqueueJob, getJob } from '../../../main/store/print-jobs.js';
import { waitFor } from '../../helpers/wait.js';
import { orderBody, seedOrder } from '../../unit/window-api/fakes.js';
import { printerConfig, printingTestScope } from './helpers.js';

// Issue 22: each printer prints the same order in its own language: the printer's `language`, else
// the window's; a text-mode printer cannot print Thai words and prints English ones, saying why.

const { virtualPrinter, database, queueFor } = printingTestScope();

const NOW = '2026-06-24T12:01:00.000Z';
const CART = {
  cart_v2: [{ name: 'Nasi Goreng', quantity: 2, comment: '', modifier_groups: [], klikit_name_translation: { en: 'Fried Rice', id: 'Nasi Goreng Spesial', 'th-TH': 'ข้าวผัด' } }],
};
const ORDER = orderBody(701, CART);

describe('one order on printers in different languages', () => {
  it('the Thai kitchen gets Thai words and the Thai dish name as an image; the counter prints Indonesian text; a Thai text printer prints English and says so, not as an incomplete ticket', async () => {
    const [kitchenPrinter, counterPrinter, barPrinter] = [await virtualPrinter(), await virtualPrinter(), await virtualPrinter()];
    const db = database();
    seedOrder(db, 701, NOW, CART);
    const printers = [
      printerConfig('kitchen', kitchenPrinter.url, { language: 'th', render: 'auto' }),
      printerConfig('counter', counterPrinter.url, { render: 'auto' }),
      printerConfig('bar', barPrinter.url, { language: 'th', render: 'text' }),
    ];
    // The window's language (Indonesian) for printers without their own.
    const fallbacks: string[] = [];
    const render = createJobRenderer({ clock: systemClock, timeZone: 'Asia/Jakarta', language: 'id', onLanguageFallback: (printer, note) => fallbacks.push(`${printer.id}: ${note}`) });
    const queues = printers.map((config) => queueFor(db, config, { render: (job) => render(job, config) }));
    const jobs = printers.map((p) => enqueueJob(db, { orderId: 701, printerId: p.id, kind: 'new', version: 'v1', payload: { order: ORDER }, now: NOW })!);
    for (const queue of queues) queue.wake();

    const [kitchen] = await kitchenPrinter.waitForTickets(1);
    const [counter] = await counterPrinter.waitForTickets(1);
    const [bar] = await barPrinter.waitForTickets(1);

    expect(kitchen!.image).toBeDefined();
    mkdirSync('test-results/ticket-language', { recursive: true });
    writeFileSync('test-results/ticket-language/printed-kitchen-th.png', printedImagePng(kitchen!.image!));

    expect(counter!.image).toBeUndefined();
    for (const words of ['ANTREAN 1', 'MAKAN DI TEMPAT', 'MEJA 12', '2 x Nasi Goreng Spesial', 'ITEM: 2']) expect(counter!.text).toContain(words);
    expect(counter!.text).not.toContain('ITEMS');

    expect(bar!.image).toBeUndefined();
    for (const words of ['QUEUE 1', 'DINE-IN', 'TABLE 12', '2 x Fried Rice', 'ITEMS: 2']) expect(bar!.text).toContain(words);
    const barJob = await waitFor('the bar job printed', () => {
      const job = getJob(db, jobs[2]!);
      return job && ['sent', 'confirmed'].includes(job.state) && job;
    });
    // A setting to fix, told to the owner (the bridge logs it once per printer), not a ticket printed incomplete.
    expect(barJob.warning).toBe('');
    expect(fallbacks).toEqual(['bar: tickets print in English: Thai needs raster printing, and this printer is set to text (set render to auto or raster)']);
    await waitFor('the counter job printed', () => ['sent', 'confirmed'].includes(getJob(db, jobs[1]!)?.state ?? ''));
    expect(getJob(db, jobs[1]!)!.warning).toBe('');
  });
});
