import { describe, expect, it } from 'vitest';
import type { CardLine, OrderSummary } from '../../../common/bridge-api.js';
import { readyToHandOut, stationsOf } from '../../../renderer/expo-orders.js';
import { tileWidth } from '../../../renderer/pickup-tiles.js';
import { screenFeatures } from '../../../renderer/screen-features.js';

// What each kind of LAN screen shows, and which orders its views take.

const line = (name: string, stations: string[]): CardLine => ({ quantity: 1, name, modifiers: [], comment: '', stations });

function order(id: number, extra: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id,
    shortId: String(id),
    queueNumber: null,
    provider: 'GrabFood',
    brands: [],
    orderType: 'PICKUP',
    tableNo: '',
    createdAt: null,
    firstSeenAt: `2026-06-24T12:0${id}:00.000Z`,
    itemCount: 1,
    status: 2,
    statusLabel: 'ACCEPTED',
    cancelled: false,
    acknowledged: true,
    print: { state: 'printed', reason: '', possibleDuplicate: false },
    active: true,
    dueAt: null,
    lines: [],
    moreLines: 0,
    removedLines: [],
    orderComment: '',
    customerName: '',
    rider: null,
    waitingForAcceptance: false,
    actions: ['ready'],
    lastAction: null,
    changedAfterSeen: null,
    attention: null,
    stationsDone: [],
    ...extra,
  };
}

describe('screenFeatures', () => {
  it('gives only the desktop window the settings, and a counter screen the rest of the board', () => {
    expect(screenFeatures({ kind: 'desktop' })).toEqual({ view: 'board', tabs: ['queue', 'done', 'problems', 'settings', 'stock', 'allday', 'numbers'], station: null, accepts: true, settings: true });
    expect(screenFeatures({ kind: 'counter' })).toEqual({ view: 'board', tabs: ['queue', 'done', 'problems', 'stock', 'allday', 'numbers'], station: null, accepts: true, settings: false });
  });

  it('fixes a station screen to its station, without accepting or settings', () => {
    expect(screenFeatures({ kind: 'station', station: 'bar' })).toEqual({ view: 'board', tabs: ['queue', 'stock', 'allday'], station: 'bar', accepts: false, settings: false });
  });

  it('gives expo and the pickup board their own views', () => {
    expect(screenFeatures({ kind: 'expo' })).toEqual({ view: 'expo' });
    expect(screenFeatures({ kind: 'pickup' })).toEqual({ view: 'pickup' });
  });
});

describe('expo', () => {
  it('names each station an order’s lines go to once, in order', () => {
    expect(stationsOf(order(1, { lines: [line('A', ['grill']), line('B', ['bar']), line('C', ['grill'])] }))).toEqual(['grill', 'bar']);
    expect(stationsOf(order(1, { lines: [{ quantity: 1, name: 'A', modifiers: [], comment: '' }] }))).toEqual([]);
  });

  it('hands out the orders awaiting pickup, oldest first', () => {
    const orders = [order(3, { active: false, awaitingPickup: true }), order(1, { active: false, awaitingPickup: true }), order(2), order(4, { active: false, awaitingPickup: false })];
    expect(readyToHandOut(orders).map((o) => o.id)).toEqual([1, 3]);
  });
});

describe('the pickup board’s tiles', () => {
  it('are as wide as the room allows while few orders are ready, and narrower as more are', () => {
    const widths = [1, 2, 3, 4, 5, 6, 7, 30].map(tileWidth);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(tileWidth(1)).toBeGreaterThan(tileWidth(7));
  });
});
