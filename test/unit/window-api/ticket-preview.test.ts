import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../../main/printing/types.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { SEE_SCREEN, TOO_LONG_TO_SHOW } from '../../../main/tickets/ticket-caps.js';
import { createTicketPreviewer } from '../../../main/window-api/ticket-preview.js';
import { enqueueJob, handOverWaiting, markSent } from '../../../main/store/print-jobs.js';
import { getOrder } from '../../../main/store/orders.js';
import { seedOrder } from './fakes.js';

// Issue 19: a 1 MB note without a space stalled the window's ticket preview past 60 s. The preview
// goes further than the paper (the paper's "see screen" points to it) but is capped all the same.

let db: Db | undefined;
afterEach(() => db?.close());

const printer = (render: 'text' | 'raster'): PrinterConfig => ({ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48, statusProbe: 'off', copies: 1, render });

describe('the ticket preview of a hostile order', () => {
  it.each(['text', 'raster'] as const)('caps a 1 MB note and a 250,000-character id on a %s printer, and says it is too long to show', (render) => {
    db = openDatabase(':memory:');
    const note = 'N'.repeat(1_000_000);
    seedOrder(db, 701, '2026-06-24T12:01:00.000Z', { order_comment: note, external_id: 'E'.repeat(250_000), short_id: 'S'.repeat(250_000) });
    const preview = createTicketPreviewer({ db, printers: () => [printer(render)], timeZone: 'UTC' })(701)!;
    expect(preview.text).toContain(TOO_LONG_TO_SHOW);
    expect(preview.text).not.toContain(SEE_SCREEN);
    expect(preview.text.length).toBeLessThan(20_000);
    expect(preview.html.length).toBeLessThan(60_000);
    expect(preview.html).toContain(TOO_LONG_TO_SHOW);
    // The paper was cut ("see screen"): the window shows its longer text, not the printed image.
    expect(preview.image).toBeUndefined();
    // More of the order than paper shows: the note's first 4,000 characters.
    expect(preview.text.split('N').length - 1).toBeGreaterThan(3000);
  });

  it('shows the printed image of a raster ticket that was not cut', () => {
    db = openDatabase(':memory:');
    seedOrder(db, 702, '2026-06-24T12:01:00.000Z', { order_comment: 'no ice' });
    const preview = createTicketPreviewer({ db, printers: () => [printer('raster')], timeZone: 'UTC' })(702)!;
    expect(preview.image).toMatch(/^data:image\/png;base64,/);
    expect(preview.text).toContain('NOTE: no ice');
    expect(preview.text).not.toContain(TOO_LONG_TO_SHOW);
  });
});

describe('the ticket preview of a ticket a backup printed', () => {
  it('shows a ticket a backup printed on the backup paper (58 mm here), stamped for its station', () => {
    db = openDatabase(':memory:');
    seedOrder(db, 703, '2026-06-24T12:01:00.000Z');
    const job = enqueueJob(db, { orderId: 703, printerId: 'kitchen', kind: 'new', version: 'v1', payload: { order: getOrder(db, 703)!.body }, now: '2026-06-24T12:01:00.000Z' })!;
    handOverWaiting(db, 'kitchen', 'bar', '2026-06-24T12:01:31.000Z');
    markSent(db, job, '2026-06-24T12:01:32.000Z');
    const bar: PrinterConfig = { ...printer('text'), id: 'bar', name: 'Bar', width: 32 };
    const preview = createTicketPreviewer({ db, printers: () => [printer('text'), bar], timeZone: 'UTC' })(703)!;
    expect(preview.text.split('\n')[0]!.length).toBeLessThanOrEqual(32);
    expect(preview.text.replace(/\s+/g, ' ')).toContain('****** BACKUP FOR Kitchen ****** Take this ticket to Kitchen #S703');
  });
});
