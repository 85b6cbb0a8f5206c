import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createJobRenderer } from '../../../main/printing/render-job.js';
import { enqueueJob, getJob } from '../../../main/store/print-jobs.js';
import { waitFor } from '../../helpers/wait.js';
import { createHarness, orderBody, seedOrder } from '../../unit/window-api/fakes.js';
import { printerConfig, printingTestScope } from './helpers.js';

// Issue 9 item 4: a glyph no bundled font has prints as a word in brackets, and the job row, the
// printer's queue state and the window all say so for that order (Korean and emoji print: issue 22).

const { virtualPrinter, database, queueFor } = printingTestScope();

const SEEN_AT = '2026-06-24T12:01:00.000Z';
const DEVANAGARI = { cart_v2: [{ name: 'Ramyeon 🍜 김치찌개 पनीर', quantity: 1, comment: '', modifier_groups: [] }] };

describe('a ticket with characters no bundled font has', () => {
  it('prints as an image with stand-ins; its row, the queue state, the order and the Problems list say what is missing', async () => {
    const printer = await virtualPrinter();
    const db = database();
    const window = createHarness({ db });
    seedOrder(db, 501, SEEN_AT, DEVANAGARI);
    seedOrder(db, 502, SEEN_AT);
    const config = printerConfig('kitchen', printer.url);
    const render = createJobRenderer({ clock: systemClock });
    const queue = queueFor(db, config, { render: (job) => render(job, config) });
    const enqueue = (orderId: number): number =>
      enqueueJob(db, { orderId, printerId: 'kitchen', kind: 'new', version: 'v1', payload: { order: orderBody(orderId, orderId === 501 ? DEVANAGARI : {}) }, now: SEEN_AT })!;

    const devanagari = enqueue(501);
    queue.wake();
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.image).toBeDefined();
    const row = await waitFor('the job printed', () => {
      const job = getJob(db, devanagari);
      return job && (job.state === 'sent' || job.state === 'confirmed') && job;
    });
    expect(row.warning).toMatch(/^some characters could not be printed: /);
    expect(row.warning).toContain('प (U+092A)');
    expect(row.warning).not.toMatch(/🍜|김/);
    expect(queue.state().lastWarning).toBe(row.warning);

    const [summary] = window.api.listOrders({ limit: 10 }).filter((o) => o.id === 501);
    expect(summary!.print).toMatchObject({ state: 'printed', warning: `Kitchen: ${row.warning}` });
    expect(window.api.getOrder(501)!.history).toContainEqual(expect.objectContaining({ kind: 'print', detail: expect.stringContaining(row.warning) }));
    expect(window.api.listProblems()).toContainEqual(
      expect.objectContaining({ kind: 'characters', id: devanagari, orderId: 501, orderNumber: 'S501', reason: row.warning }),
    );

    // A Latin ticket after it prints whole: the printer's state no longer warns, and neither does its order.
    const latin = enqueue(502);
    queue.wake();
    await waitFor('the Latin job printed', () => ['sent', 'confirmed'].includes(getJob(db, latin)?.state ?? ''));
    expect(getJob(db, latin)!.warning).toBe('');
    await waitFor('the warning cleared', () => queue.state().lastWarning === undefined);
    const latinSummary = window.api.listOrders({ limit: 10 }).find((o) => o.id === 502)!;
    expect(latinSummary.print.warning).toBeUndefined();
    expect(window.api.listProblems().filter((p) => p.kind === 'characters').map((p) => p.orderId)).toEqual([501]);
  });
});
