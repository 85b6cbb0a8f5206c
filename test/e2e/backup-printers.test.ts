import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { EVENT_CREATED, envelopeOf } from '../../dev/simulator/scenarios.js';
import { printedImagePng } from '../../dev/virtual-printer/raster-image.js';
import type { PrintedTicket } from '../../dev/virtual-printer/virtual-printer.js';
import type { Bridge } from '../../main/core/bridge.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';
import { startStack, type Stack } from './stack.js';

// Backup printers through relay → bridge → three virtual printers. The kitchen takes mains, the bar
// drinks, expo everything; the kitchen's backup is the bar, the bar's is expo. A held printer's tickets
// move to the backup after its grace, stamped for the station they belong to, exactly once each.

const CLI = fileURLToPath(new URL('../../main/core/cli.ts', import.meta.url));
const GRACE_SECONDS = 1;
const STATIONS = [
  { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] }, backup: 'bar', backupAfterSeconds: GRACE_SECONDS },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] }, backup: 'expo', backupAfterSeconds: GRACE_SECONDS },
  { id: 'expo', name: 'Expo' },
];

let stack: Stack | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stack?.close();
  stack = undefined;
});

/** A GrabFood pickup order: two mains (the kitchen's) and a drink (the bar's). */
function stationOrder(s: Stack): SimOrder {
  const order = s.sim.generator.next({ brandIds: [5297], type: 1, providerId: 6, scheduled: false, status: 2, lineCount: 3, driveThru: false });
  order.cart_v2 = order.cart_v2.map((line, i) => ({ ...line, name: `${i === 2 ? 'Iced Tea' : 'Nasi Goreng'} ${i + 1}`, klikit_category_name: i === 2 ? 'Drinks' : 'Mains' }));
  return order;
}

async function send(s: Stack, order: SimOrder): Promise<void> {
  s.sim.record.publish(order);
  const delivery = await s.sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), orders: [order] });
  expect(delivery.outcome).toBe('delivered');
}

const itemLines = (ticket: PrintedTicket): string[] => ticket.text.split('\n').filter((l) => /^(\([A-Z]+\) )*\d+ x /.test(l.trim())).map((l) => l.trim());
const mains = (order: SimOrder): string[] => order.cart_v2.slice(0, 2).map((l) => `${l.quantity} x ${l.name}`);
const drinks = (order: SimOrder): string[] => order.cart_v2.slice(2).map((l) => `${l.quantity} x ${l.name}`);
const printerState = (bridge: Bridge, id: string) => bridge.health().printers.find((p) => p.printerId === id)!;
/** The share of black dots in the first rows of a raster ticket: an inverted banner is nearly all black. */
function topDarkness(image: NonNullable<PrintedTicket['image']>, rows = 8): number {
  const bytes = image.data.subarray(0, (image.width / 8) * rows);
  let black = 0;
  for (const byte of bytes) for (let bit = 0; bit < 8; bit++) black += (byte >> bit) & 1;
  return black / (bytes.length * 8);
}
const queuesEmpty = (bridge: Bridge): boolean => Object.keys(bridge.health().queueDepth).length === 0;
const ofOrder = (tickets: readonly PrintedTicket[], order: SimOrder): PrintedTicket[] => tickets.filter((t) => t.text.includes(`#${order.short_id}`));
const kitchenJobs = (bridge: Bridge) =>
  bridge.db.prepare(`SELECT order_id AS orderId, state, backup_printer_id AS backup, possible_duplicate AS dup FROM print_jobs WHERE printer_id = 'kitchen' ORDER BY id`).all();

describe('backup printers end to end', () => {
  it('a kitchen out of paper: after the grace its held and new tickets print once on the bar, stamped; paper back, new tickets return', async () => {
    stack = await startStack({ klikit: false, stations: STATIONS });
    const s = stack;
    const { kitchen, bar, expo } = s.printers as Record<'kitchen' | 'bar' | 'expo', NonNullable<Stack['printers'][string]>>;
    const bridge = await s.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    kitchen.setState('paper-out');
    const first = stationOrder(s);
    await send(s, first);
    const [barOwn] = await waitForPrinted(bar, 1);
    expect(itemLines(barOwn!)).toEqual(drinks(first));
    const heldSince = await waitFor('the kitchen held', () => printerState(bridge, 'kitchen').heldSince);

    // After the grace the held ticket prints on the bar, for the kitchen: its lines, its name on top.
    const [, backup] = await waitForPrinted(bar, 2);
    expect(backup!.at - Date.parse(heldSince)).toBeGreaterThanOrEqual(GRACE_SECONDS * 1_000);
    expect(backup!.text).toContain('BACKUP FOR Kitchen');
    expect(backup!.text.replace(/\s+/g, ' ')).toContain('BACKUP FOR Kitchen Take this ticket to Kitchen #');
    expect(backup!.text).not.toContain('POSSIBLE DUPLICATE');
    expect(itemLines(backup!)).toEqual(mains(first));
    expect(backup!.text.indexOf('BACKUP FOR Kitchen')).toBeLessThan(backup!.text.indexOf(`#${first.short_id}`));
    expect(printerState(bridge, 'kitchen')).toMatchObject({ backupTo: 'bar', status: { state: 'paper-out' } });
    expect(printerState(bridge, 'kitchen').alarm).toBeUndefined();

    // A new order while the kitchen is still out goes to the bar at once.
    const second = stationOrder(s);
    await send(s, second);
    await waitForPrinted(bar, 4);
    const secondOnBar = ofOrder(bar.tickets(), second);
    expect(secondOnBar.map((t) => t.text.includes('BACKUP FOR Kitchen')).sort()).toEqual([false, true]);
    expect(itemLines(secondOnBar.find((t) => t.text.includes('BACKUP FOR'))!)).toEqual(mains(second));
    expect(kitchen.tickets()).toHaveLength(0);

    // Paper back: the kitchen is seen ready by itself and new tickets print there, without the stamp.
    kitchen.setState('ok');
    await waitFor('the kitchen back', () => printerState(bridge, 'kitchen').heldSince === undefined, { timeoutMs: 15_000 });
    expect(printerState(bridge, 'kitchen').backupTo).toBeUndefined();
    const third = stationOrder(s);
    await send(s, third);
    const [kitchenTicket] = await waitForPrinted(kitchen, 1);
    await waitForPrinted(bar, 5);
    await waitForPrinted(expo, 3);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect(itemLines(kitchenTicket!)).toEqual(mains(third));
    expect(kitchenTicket!.text).not.toContain('BACKUP');

    // Exactly once each: nothing printed on the backup came back to the kitchen, nothing printed twice.
    expect(kitchen.tickets()).toHaveLength(1);
    expect(bar.tickets()).toHaveLength(5);
    expect(expo.tickets()).toHaveLength(3);
    for (const order of [first, second]) expect(ofOrder(bar.tickets(), order).filter((t) => t.text.includes('BACKUP FOR Kitchen'))).toHaveLength(1);
    expect(ofOrder(bar.tickets(), third).map((t) => itemLines(t))).toEqual([drinks(third)]);
    expect(kitchenJobs(bridge)).toEqual([
      { orderId: first.id, state: 'confirmed', backup: 'bar', dup: 0 },
      { orderId: second.id, state: 'confirmed', backup: 'bar', dup: 0 },
      { orderId: third.id, state: 'confirmed', backup: null, dup: 0 },
    ]);
  });

  it('paper running out mid-ticket: the ticket prints once on the backup, marked POSSIBLE DUPLICATE', async () => {
    stack = await startStack({ klikit: false, stations: STATIONS });
    const s = stack;
    const { kitchen, bar } = s.printers as Record<'kitchen' | 'bar', NonNullable<Stack['printers'][string]>>;
    const bridge = await s.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    kitchen.runOutOfPaperAfter(120);
    const order = stationOrder(s);
    await send(s, order);
    await waitFor('the kitchen held', () => printerState(bridge, 'kitchen').heldSince !== undefined);
    await waitForPrinted(bar, 2);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect(kitchen.tickets()).toHaveLength(0);
    expect(kitchen.fragments()).toHaveLength(1);
    const everywhere = Object.values(s.printers).flatMap((p) => p.tickets());
    const doubtful = everywhere.filter((t) => t.text.includes('POSSIBLE DUPLICATE'));
    expect(doubtful).toHaveLength(1);
    expect(doubtful[0]!.text).toContain('BACKUP FOR Kitchen');
    expect(itemLines(doubtful[0]!)).toEqual(mains(order));
    expect(kitchenJobs(bridge)).toEqual([{ orderId: order.id, state: 'confirmed', backup: 'bar', dup: 1 }]);
  });

  it('a chain: kitchen and bar both out, both go to expo, printed as an image stamped for each station', async () => {
    const stations = [STATIONS[0]!, { ...STATIONS[1]!, backupAfterSeconds: 3 * GRACE_SECONDS }, { ...STATIONS[2]!, render: 'raster' as const }];
    stack = await startStack({ klikit: false, stations });
    const s = stack;
    const { kitchen, bar, expo } = s.printers as Record<'kitchen' | 'bar' | 'expo', NonNullable<Stack['printers'][string]>>;
    const bridge = await s.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');

    kitchen.setState('paper-out');
    bar.setState('cover-open');
    const order = stationOrder(s);
    await send(s, order);
    // Expo's own ticket, then the kitchen's (its backup, the bar, is held too), then the bar's after its longer grace.
    const tickets = await waitForPrinted(expo, 3);
    await waitFor('every queue drained', () => queuesEmpty(bridge));
    expect(kitchen.tickets()).toHaveLength(0);
    expect(bar.tickets()).toHaveLength(0);
    expect(tickets.every((t) => t.image !== undefined)).toBe(true);
    const jobs = bridge.db.prepare(`SELECT printer_id AS station, backup_printer_id AS backup, state FROM print_jobs ORDER BY id`).all();
    expect(jobs).toEqual([
      { station: 'kitchen', backup: 'expo', state: 'confirmed' },
      { station: 'bar', backup: 'expo', state: 'confirmed' },
      { station: 'expo', backup: null, state: 'confirmed' },
    ]);
    if (process.env.BACKUP_TICKET_PNG) writeFileSync(process.env.BACKUP_TICKET_PNG, printedImagePng(tickets[1]!.image!));
    // The stamped tickets open with the inverted BACKUP FOR bar (looked at: BACKUP FOR Kitchen, then
    // "Take this ticket to Kitchen" and the kitchen's lines); expo's own opens with the order number.
    expect(tickets.map((t) => Math.round(topDarkness(t.image!) * 10) / 10)).toEqual([0, 1, 1]);
  });
});

describe('backup printers in the headless bridge', () => {
  function runBridge(configPath: string): { lines: Record<string, unknown>[]; exited: Promise<number | null> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', CLI, '--config', configPath, '--health-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    proc.stderr!.resume();
    return { lines, exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))) };
  }

  it('refuses a configuration whose backups go round in a loop, naming it', async () => {
    stack = await startStack({ klikit: false });
    const raw = {
      relay: { url: 'ws://127.0.0.1:1', token: 't' },
      printers: [
        { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48, backup: 'bar' },
        { id: 'bar', name: 'Bar', type: 'epson', interface: 'tcp://127.0.0.1:9101', width: 48, backup: 'kitchen' },
      ],
      dataDir: join(stack.root, 'loop'),
    };
    const path = join(stack.root, 'loop.json');
    writeFileSync(path, JSON.stringify(raw));
    const run = runBridge(path);
    expect(await run.exited).toBe(2);
    expect(run.lines.map((l) => String(l.msg)).join('\n')).toContain('printers.0.backup: backup printers go round in a loop: kitchen → bar → kitchen');
  });

  it('without a backup, a printer held past its grace raises its alarm on /health until it is back', async () => {
    stack = await startStack({ klikit: false, stations: [{ id: 'kitchen', name: 'Kitchen', backupAfterSeconds: GRACE_SECONDS }] });
    const s = stack;
    const run = runBridge(s.configPath);
    const listening = await waitFor('health endpoint', () => run.lines.find((l) => l.msg === 'health endpoint listening'), { timeoutMs: 15_000 });
    type PrinterView = { printerId: string; heldSince?: string; alarm?: { since: string; reason: string } };
    const kitchenHealth = async (): Promise<PrinterView & { mode: string }> => {
      const body = (await (await fetch(listening.url as string)).json()) as { connection: { mode: string }; printers: PrinterView[] };
      return { ...body.printers[0]!, mode: body.connection.mode };
    };
    await waitFor('live', async () => (await kitchenHealth()).mode === 'live', { timeoutMs: 15_000 });

    s.printer.setState('paper-out');
    await send(s, stationOrder(s));
    const alarmed = await waitFor('the alarm', async () => {
      const view = await kitchenHealth();
      return view.alarm !== undefined && view;
    });
    expect(alarmed.alarm!.reason).toBe('out of paper');
    expect(Date.parse(alarmed.alarm!.since) - Date.parse(alarmed.heldSince!)).toBeGreaterThanOrEqual(GRACE_SECONDS * 1_000);
    expect(s.printer.tickets()).toHaveLength(0);

    s.printer.setState('ok');
    await waitForPrinted(s.printer, 1);
    await waitFor('the alarm over', async () => (await kitchenHealth()).alarm === undefined);
  });
});
