import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetail, OrderSummary, Problem } from '../../../common/bridge-api.js';
import { systemClock } from '../../../ground/clock.js';
import { startStack, type Stack } from '../acceptance/stack.js';
import { waitFor } from '../../helpers/wait.js';

// The core speaks the window's language: a reason klikit's refusal left on an action reaches the
// window in the settings' language, and saving another language rewords it (stored as a key, not words).

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('the core in the window’s language', () => {
  it('tells the window why klikit refused an Accept in Thai, then in Bahasa Indonesia once the setting changes', async () => {
    stack = await startStack(systemClock);
    const s = stack;
    const call = async <T>(method: string, args: unknown): Promise<T> => {
      const result = await s.host.handle(method as never, args);
      if (!result.ok) throw new Error(`${method}: ${result.error}`);
      return result.value as T;
    };
    expect(await call('saveSettings', { language: 'th' })).toMatchObject({ ok: true });

    const { order } = await s.sim.scenarios.created({ status: 1 });
    await waitFor('the order on the board', async () => (await s.order(order.id))?.waitingForAcceptance === true);
    // klikit moved the order on meanwhile: it refuses the Accept with its own sentence.
    s.sim.record.publish(s.sim.generator.withStatus(s.sim.record.latest(order.id)!, 3));
    expect(await call('orderAction', { orderId: order.id, action: 'accepted' })).toEqual({ ok: true, message: 'รับ: กำลังส่งไปยัง klikit' });

    const refusal = (): Promise<Problem | undefined> => call<Problem[]>('listProblems', undefined).then((problems) => problems.find((p) => p.kind === 'action' && p.orderId === order.id));
    const thai = await waitFor('the refusal in Problems', refusal);
    expect(thai.title).toBe('klikit ไม่ยอมรับ "รับ"');
    expect(thai.reason).toMatch(/^klikit ไม่อนุญาตให้ "รับ" ออเดอร์นี้ในตอนนี้ klikit แจ้งว่า: .+ ตรวจสอบออเดอร์ในแท็บเล็ต klikit$/);
    expect(thai.reason).not.toMatch(/409|request_id/);
    const card = async (): Promise<OrderSummary> => (await s.order(order.id))!;
    expect((await card()).lastAction).toMatchObject({ state: 'refused', message: thai.reason });
    const history = async (): Promise<OrderDetail['history']> => (await call<OrderDetail>('getOrder', order.id)).history;
    expect((await history()).find((e) => e.kind === 'action')).toMatchObject({ title: 'พนักงานกด รับ', detail: expect.stringContaining(`klikit ปฏิเสธ · ${thai.reason}`) });

    expect(await call('saveSettings', { language: 'id' })).toMatchObject({ ok: true });
    const indonesian = (await refusal())!;
    expect(indonesian.title).toBe('klikit menolak Terima');
    expect(indonesian.reason).toMatch(/^klikit tidak mengizinkan "Terima" untuk pesanan ini sekarang\. Kata klikit: .+\. Periksa pesanan di tablet klikit\.$/);
    expect((await card()).lastAction).toMatchObject({ state: 'refused', message: indonesian.reason });
    expect((await history()).find((e) => e.kind === 'action')).toMatchObject({ title: 'Staf menekan Terima', detail: expect.stringContaining(`ditolak klikit · ${indonesian.reason}`) });
    expect((await history()).find((e) => e.kind === 'event')?.title).toBe('Pesanan diterima');
    expect((await s.health()).printers[0]).toMatchObject({ id: 'kitchen' });
    // Tickets follow the window's language through the bridge's config, so the bridge restarts and is back on the relay.
    await waitFor('the bridge back on the relay', async () => (await s.health()).connection.mode === 'relay');
  });
});
