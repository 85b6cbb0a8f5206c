import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmStage, timeLeftMs } from '../../../common/acceptance.js';
import type { MissedCount } from '../../../common/acceptance.js';
import { startBridge } from '../../../main/core/bridge.js';
import { parseConfig } from '../../../main/core/config.js';
import { serveHealth } from '../../../main/core/health-server.js';
import { startHeadlessWindow } from '../../../main/window-api/headless-window.js';
import { waitFor } from '../../helpers/wait.js';
import { manualClock, startStack, type Stack } from './stack.js';

// Acceptance deadlines against the real core host and the simulated klikit, with one injected clock:
// each waiting order counts down to its provider's deadline, escalates at the configured points and
// stops on Accept; an order nobody accepts is cancelled by the simulator as the platform would, and
// counted as missed; the auto-accept rule accepts through the outbox, once, never an out-of-stock order.

const UBER_EATS = 2;
const GRABFOOD = 6;
const MIN = 60_000;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('acceptance deadlines', () => {
  it('count down to the provider’s deadline, escalate at the configured points and stop on Accept', async () => {
    const clock = manualClock();
    stack = await startStack(clock, { expiry: {}, overrides: { acceptance: { warnAtShare: 0.5, takeoverMinutes: 2 } } });
    const s = stack;
    const { order } = await s.sim.scenarios.created({ status: 1, providerId: UBER_EATS });
    const waiting = await waitFor('the order to wait for acceptance', async () => {
      const o = await s.order(order.id);
      return o?.waitingForAcceptance && o.acceptBy ? o : null;
    });
    const placed = Date.parse(order.created_at);
    expect(waiting.acceptBy).toEqual({
      placedAt: new Date(placed).toISOString(),
      warnAt: new Date(placed + 5.75 * MIN).toISOString(),
      urgentAt: new Date(placed + 9.5 * MIN).toISOString(),
      cancelsAt: new Date(placed + 11.5 * MIN).toISOString(),
    });
    expect(timeLeftMs(waiting.acceptBy!, clock.now())).toBe(11.5 * MIN - (clock.now() - placed));
    expect(alarmStage(waiting.acceptBy!, clock.now())).toBe('calm');
    clock.advance(6 * MIN);
    expect(alarmStage((await s.order(order.id))!.acceptBy!, clock.now())).toBe('warning');
    clock.advance(4 * MIN);
    expect(alarmStage((await s.order(order.id))!.acceptBy!, clock.now())).toBe('urgent');

    expect(await s.host.handle('orderAction', { orderId: order.id, action: 'accepted' })).toMatchObject({ ok: true, value: { ok: true } });
    await waitFor('klikit to have the order accepted', () => s.sim.record.latest(order.id)?.status === 2);
    const accepted = await waitFor('the countdown to stop', async () => {
      const o = await s.order(order.id);
      return o && !o.waitingForAcceptance && o.acceptBy === null ? o : null;
    });
    expect(accepted.acceptBy).toBeNull();
    // Past the platform's deadline: an accepted order is not the platform's to cancel.
    clock.advance(5 * MIN);
    expect(await s.sim.expireUnaccepted()).toEqual([]);
    expect(s.sim.statusPatches().filter((p) => p.orderId === order.id)).toHaveLength(1);
    expect((await s.health()).missed).toEqual({ today: 0, days: [] });
  });

  it('an order nobody accepts is cancelled by the simulator at its deadline and counted as missed, once', async () => {
    const clock = manualClock();
    stack = await startStack(clock, { expiry: { deadlineMinutes: { [GRABFOOD]: 7 } }, overrides: { acceptance: { deadlineMinutes: { [GRABFOOD]: 7 } } } });
    const s = stack;
    const { order } = await s.sim.scenarios.created({ status: 1, providerId: GRABFOOD });
    const { order: other } = await s.sim.scenarios.created({ status: 1, providerId: UBER_EATS });
    await waitFor('both orders to wait', async () => (await s.order(order.id))?.waitingForAcceptance && (await s.order(other.id))?.waitingForAcceptance);
    expect(Date.parse((await s.order(order.id))!.acceptBy!.cancelsAt)).toBe(Date.parse(order.created_at) + 7 * MIN);

    clock.advance(7 * MIN - 1_000);
    expect(await s.sim.expireUnaccepted()).toEqual([]);
    clock.advance(1_000);
    const cancelled = await s.sim.expireUnaccepted();
    expect(cancelled.map((o) => o.id)).toEqual([order.id]);
    expect(cancelled[0]!.status).toBe(3);
    await waitFor('the bridge to see the cancellation', async () => (await s.order(order.id))?.cancelled);
    const missed = await waitFor('the missed count', async () => {
      const h = await s.health();
      return h.missed && h.missed.today === 1 ? h.missed : null;
    });
    expect(missed.days).toEqual([{ day: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), total: 1, byProvider: [{ providerId: GRABFOOD, provider: 'GrabFood', count: 1 }] }]);
    // The same cancellation again (klikit's retry under a new event id) is not a second miss.
    await s.sim.scenarios.resendNewEventId(s.sim.record.deliveries().at(-1)!);
    await s.sim.scenarios.status(s.sim.record.latest(order.id)!, 3);
    await waitFor('the repeats to be ingested', async () => (await s.orders()).length === 2);
    expect((await s.health()).missed?.today).toBe(1);

    // Uber Eats' 11.5 minutes are not up yet; at 11.5 it goes too.
    clock.advance(4.5 * MIN - 1_000);
    expect(await s.sim.expireUnaccepted()).toEqual([]);
    clock.advance(1_000);
    expect((await s.sim.expireUnaccepted()).map((o) => o.id)).toEqual([other.id]);
    await waitFor('two missed orders today', async () => (await s.health()).missed?.today === 2);

    // The headless bridge on the same data directory answers the same count at GET /health.
    await s.stopHost();
    const config = parseConfig({ relay: { url: s.relay.bridgeUrl, token: s.deviceToken }, printers: [], dataDir: s.dataDir });
    if (!config.ok) throw new Error(config.error);
    const bridge = await startBridge(config.config, { clock, random: Math.random, logger: pino({ level: 'silent' }) });
    const server = await serveHealth(() => bridge.health(), 0, pino({ level: 'silent' }));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { missed: MissedCount };
      expect(answer.missed.today).toBe(2);
      expect(answer.missed.days[0]!.byProvider).toEqual([
        { providerId: GRABFOOD, provider: 'GrabFood', count: 1 },
        { providerId: UBER_EATS, provider: 'Uber Eats', count: 1 },
      ]);
    } finally {
      server.close();
      await bridge.stop();
    }
  });

  it('a rejected order cancelled by klikit is not a missed one', async () => {
    const clock = manualClock();
    stack = await startStack(clock, { expiry: {} });
    const s = stack;
    const { order } = await s.sim.scenarios.created({ status: 1, providerId: GRABFOOD });
    await waitFor('the order to wait', async () => (await s.order(order.id))?.waitingForAcceptance);
    expect(await s.host.handle('orderAction', { orderId: order.id, action: 'rejected', reasonCode: 'kitchen_busy' })).toMatchObject({ ok: true, value: { ok: true } });
    await waitFor('klikit to have the order cancelled', () => s.sim.record.latest(order.id)?.status === 3);
    await s.sim.scenarios.status(s.sim.record.latest(order.id)!, 3);
    await waitFor('the bridge to see the cancellation', async () => (await s.order(order.id))?.cancelled);
    expect((await s.health()).missed?.today).toBe(0);
  });
});

describe('auto-accept', () => {
  it('accepts while fewer orders are open than the limit, oldest first, once each, never an out-of-stock order', async () => {
    const clock = manualClock();
    const outOfStock = new Set<number>();
    stack = await startStack(clock, {
      overrides: { acceptance: { autoAcceptBelowOpenOrders: 2 } },
      host: { isOutOfStock: (order) => outOfStock.has((order as { id: number }).id) },
    });
    const s = stack;
    // The generator's next id is known before the order is sent: mark it out of stock first.
    const flagged = s.sim.generator.next({ status: 1, providerId: GRABFOOD });
    outOfStock.add(flagged.id);
    s.sim.record.publish(flagged);
    await s.sim.sender.send({ eventType: 'klikit.order.created.v2', body: { brand_id: flagged.brand_id, branch_id: flagged.branch_id, orders: [flagged] }, orders: [flagged] });
    const first = (await s.sim.scenarios.created({ status: 1, providerId: GRABFOOD })).order;
    clock.advance(1_000);
    const second = (await s.sim.scenarios.created({ status: 1, providerId: UBER_EATS })).order;
    clock.advance(1_000);
    const third = (await s.sim.scenarios.created({ status: 1, providerId: GRABFOOD })).order;

    await waitFor('two orders accepted at klikit', () => s.sim.record.latest(first.id)?.status === 2 && s.sim.record.latest(second.id)?.status === 2, { timeoutMs: 15_000 });
    await waitFor('the bridge to see them accepted', async () => (await s.order(second.id))?.status === 2);
    // Two open orders now: the third waits for a person, and so does the out-of-stock one.
    await waitFor('the third order on the board', async () => (await s.order(third.id))?.waitingForAcceptance);
    const patches = (): number[] => s.sim.statusPatches().map((p) => p.orderId);
    expect(patches().filter((id) => id === first.id)).toHaveLength(1);
    expect(patches().filter((id) => id === second.id)).toHaveLength(1);
    expect(patches()).not.toContain(third.id);
    expect(patches()).not.toContain(flagged.id);
    expect((await s.order(flagged.id))?.waitingForAcceptance).toBe(true);

    // One order leaves the kitchen: the rule accepts the third, never the out-of-stock one.
    await s.sim.scenarios.status(s.sim.record.latest(first.id)!, 4);
    await waitFor('the third order accepted by itself', () => s.sim.record.latest(third.id)?.status === 2, { timeoutMs: 15_000 });
    expect(patches()).not.toContain(flagged.id);
  });

  it('a headless bridge serving the board accepts by the same rule', async () => {
    const clock = manualClock();
    stack = await startStack(clock);
    const s = stack;
    await s.stopHost();
    const config = parseConfig({
      relay: { url: s.relay.bridgeUrl, token: s.deviceToken },
      klikit: s.klikit,
      printers: [],
      dataDir: s.dataDir,
      acceptance: { autoAcceptBelowOpenOrders: 1 },
      timing: { apiBackoffBaseMs: 50, apiBackoffCapMs: 200, reconcileIntervalMs: 3_600_000 },
    });
    if (!config.ok) throw new Error(config.error);
    const logger = pino({ level: 'silent' });
    const bridge = await startBridge(config.config, { clock, random: Math.random, logger });
    const board = startHeadlessWindow({ bridge, config: config.config, clock, random: Math.random, logger, publish: () => undefined, autoAcceptCheckMs: 50 });
    try {
      const order = (await s.sim.scenarios.created({ status: 1, providerId: GRABFOOD })).order;
      await waitFor('the order accepted by itself at klikit', () => s.sim.record.latest(order.id)?.status === 2, { timeoutMs: 15_000 });
      expect(s.sim.statusPatches().filter((p) => p.orderId === order.id)).toHaveLength(1);
    } finally {
      await board.stop();
      await bridge.stop();
    }
  });
});
