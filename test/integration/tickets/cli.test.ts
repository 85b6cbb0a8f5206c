import { execFile } from 'node:child_process';
import { loadImage } from '@napi-rs/canvas';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTicket, renderText } from '../../../main/tickets/index.js';
import { ordersFromInput } from '../../../main/tickets/order-input.js';
import { KLIKIT_FIXTURES_DIR, klikitFixtureNames, readKlikitFixture } from '../../helpers/fixtures.js';
import { RASTER_FIXTURES_DIR } from '../../helpers/raster-fixtures.js';
import { waitFor } from '../../helpers/wait.js';

const CLI = fileURLToPath(new URL('../../../main/tickets/cli.ts', import.meta.url));

type Run = { code: number; stdout: string; stderr: string };
function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticket-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run ticket', () => {
  it('previews every fixture exactly as the library renders it', async () => {
    const names = klikitFixtureNames();
    const runs = await Promise.all(names.map((name) => runCli([join(KLIKIT_FIXTURES_DIR, name), '--width', '32', '--tz', 'Asia/Jakarta'])));
    names.forEach((name, i) => {
      const input = ordersFromInput(readKlikitFixture(name));
      if (!input.ok) throw new Error(input.error);
      const expected = input.orders.map((order) => renderText(buildTicket({ kind: 'new', order }, { width: 32, timeZone: 'Asia/Jakarta' }), 32)).join('\n');
      expect(runs[i]).toEqual({ code: 0, stdout: expected, stderr: '' });
      expect(runs[i]!.stdout).toContain('ITEMS: ');
    });
  });

  it('prints every order of an envelope and accepts a bare order', async () => {
    const base = { id: 5, short_id: 'B7', provider_id: 6, status: 2, created_at: '2026-06-25T09:14:11Z', cart_v2: [{ name: 'Teh', quantity: 1 }] };
    const envelope = join(dir, 'two.json');
    writeFileSync(envelope, JSON.stringify({ brand_id: 1, branch_id: 2, orders: [base, { ...base, id: 6, short_id: 'B8' }] }));
    const run = await runCli([envelope, '--tz', 'UTC']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('#B7\n');
    expect(run.stdout).toContain('#B8\n');
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, JSON.stringify(base));
    expect((await runCli([bare])).stdout).toContain('1 x Teh\n');
  });

  it('rejects a file that is not an order with one line and exit code 1', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        JSON.stringify({ brand_id: 1, branch_id: 2, orders: [{ id: 1, status: 'x', created_at: '2026-06-25T09:14:11Z' }] }),
        /^not an order: orders\.0\.status: Invalid input: expected number, received string\n$/,
      ],
      ['{"orders": [', /^not JSON: .+\n$/],
      ['[1, 2]', /^not an order: \(root\): expected an object\n$/],
      [JSON.stringify({ request_id: 'r', data: { id: 'nope' } }), /^not an order: data\.id: .+\n$/],
    ];
    const runs = await Promise.all(
      cases.map(([content], i) => {
        const file = join(dir, `bad-${i}.json`);
        writeFileSync(file, content);
        return runCli([file]);
      }),
    );
    runs.forEach((run, i) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(cases[i]![1]);
    });
  });

  it('rejects bad options with one line and exit code 1', async () => {
    const run = await runCli([join(KLIKIT_FIXTURES_DIR, klikitFixtureNames()[0]!), '--width', '40']);
    expect(run).toMatchObject({ code: 1, stderr: '--width must be 48, 42 or 32, got "40"\n' });
    const render = await runCli([join(KLIKIT_FIXTURES_DIR, klikitFixtureNames()[0]!), '--render', 'image']);
    expect(render).toMatchObject({ code: 1, stderr: '--render must be one of auto, text, raster, got "image"\n' });
    const dots = await runCli([join(KLIKIT_FIXTURES_DIR, klikitFixtureNames()[0]!), '--dots', '500']);
    expect(dots).toMatchObject({ code: 1, stderr: '--dots must be a multiple of 8 between 128 and 2048, got "500"\n' });
  });

  it('--lang th previews and draws the ticket in Thai, the dish from title_v2; --lang refuses a language we do not speak', async () => {
    const order = (readKlikitFixture('created-v2.single-order.envelope.json') as { orders: Array<Record<string, unknown>> }).orders[0]!;
    const cart = order['cart'] as Array<Record<string, unknown>>;
    const file = join(dir, 'thai.json');
    writeFileSync(file, JSON.stringify({ ...order, cart_v2: null, cart: [{ ...cart[0]!, title_v2: { en: 'Cimol Beef Porsi Besar', th: 'ชิมอลเนื้อจานใหญ่' } }] }));
    const png = join(dir, 'thai.png');
    const run = await runCli([file, '--lang', 'th', '--tz', 'Asia/Jakarta', '--png', png]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const words of ['คิว 4', 'ทานที่ร้าน', 'สั่งเมื่อ    พุธ 24 มิ.ย. 19:03', '1 x ชิมอลเนื้อจานใหญ่', 'รายการ: 1']) expect(run.stdout).toContain(words);
    expect(run.stdout).not.toMatch(/QUEUE|ITEMS|Placed/);
    expect((await loadImage(readFileSync(png))).width).toBe(576);

    const text = await runCli([file, '--lang', 'th', '--render', 'text']);
    expect(text.stderr).toBe('tickets print in English: Thai needs raster printing, and this printer is set to text (set render to auto or raster)\n');
    expect(text.stdout).toContain('ITEMS: 1');
    const unknown = await runCli([file, '--lang', 'ko']);
    expect(unknown).toMatchObject({ code: 1, stderr: '--lang must be one of en, id, ms, fil, th, vi, ar, zh, got "ko"\n' });
  });

  it('--png writes the raster image at the printer\'s dots and names what no font has', async () => {
    const png = join(dir, 'mixed.png');
    // Devanagari: no bundled font has it (Korean and emoji, in the fixture, print).
    const order = join(dir, 'mixed-devanagari.json');
    writeFileSync(order, readFileSync(join(RASTER_FIXTURES_DIR, 'mixed.envelope.json'), 'utf8').replace('한식', '한식 पनीर'));
    const run = await runCli([order, '--width', '32', '--png', png]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('ticket #3106: some characters could not be printed: प (U+092A), नी (U+0928 U+0940), र (U+0930)\n');
    const image = await loadImage(readFileSync(png));
    expect(image.width).toBe(384);
    expect(image.height).toBeGreaterThan(500);
  });

  describe('--printer', () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    it('sends the ESC/POS bytes to a TCP printer', async () => {
      const received: Buffer[] = [];
      let ended = false;
      server = createServer((socket) => {
        socket.on('data', (chunk) => received.push(chunk));
        socket.on('end', () => {
          ended = true;
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const fixture = join(KLIKIT_FIXTURES_DIR, 'created-v2.multi-brand-modifiers.envelope.json');
      const run = await runCli([fixture, '--printer', `tcp://127.0.0.1:${port}`, '--type', 'star', '--width', '48']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      await waitFor('the printer connection to end', () => ended);
      const bytes = Buffer.concat(received);
      expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
      expect(bytes.includes(Buffer.from('2 x Cimol Beef Porsi Besar\n'))).toBe(true);
      expect([...bytes.subarray(-8)]).toEqual([0x1b, 0x64, 0x02, 0x1b, 0x40, 0x1b, 0x52, 0x00]);
    });

    it('reports an unreachable printer on one line', async () => {
      server = createServer();
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
      const run = await runCli([join(KLIKIT_FIXTURES_DIR, 'get-order-71280866.response.json'), '--printer', `tcp://127.0.0.1:${port}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^printer tcp://127.0.0.1:${port}: .+\\n$`));
    });
  });
});
