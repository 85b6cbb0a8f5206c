import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_DEFAULTS, acceptanceClock } from '../../../common/acceptance.js';
import type { Health, OrderSummary } from '../../../common/bridge-api.js';
import { aboutToBeCancelled, createOrderAlerts, notificationText } from '../../../main/app/order-alerts.js';
import { trayStatus } from '../../../main/app/tray-state.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const en = createTranslator('en');

// The desktop glue for acceptance deadlines (electron itself is not needed: these are the pure parts
// main.ts hands to Notification and Tray): a second, sharper notification and the tray naming the
// order in its last minutes before the platform cancels it.

const PLACED = '2026-12-07T10:00:00.000Z';
const at = (minutes: number): number => Date.parse(PLACED) + minutes * 60_000;

function waiting(id: number): OrderSummary {
  return {
    id,
    shortId: `A${id}`,
    queueNumber: null,
    provider: 'GrabFood',
    brands: ['Kopi'],
    orderType: 'DELIVERY',
    tableNo: '',
    createdAt: PLACED,
    firstSeenAt: PLACED,
    itemCount: 2,
    status: 1,
    statusLabel: 'PLACED',
    cancelled: false,
    acknowledged: false,
    print: { state: 'printed', reason: '', possibleDuplicate: false },
    active: true,
    dueAt: null,
    lines: [],
    moreLines: 0,
    removedLines: [],
    orderComment: '',
    customerName: '',
    rider: null,
    waitingForAcceptance: true,
    actions: ['accepted', 'rejected'],
    lastAction: null,
    changedAfterSeen: null,
    attention: 'new',
    stationsDone: [],
    acceptBy: acceptanceClock(PLACED, PLACED, 6, ACCEPTANCE_DEFAULTS),
  };
}

const health: Health = {
  connection: { mode: 'relay', since: null, lastEventAt: null, detail: '', fallback: { state: 'standby', detail: '' } },
  printers: [],
  queueDepth: 0,
  lastOrderAt: null,
  klikit: { state: 'ok', waitingActions: 0, detail: '' },
};

describe('acceptance alerts on the desktop', () => {
  it('notify a waiting order once when it arrives and once more in its last minutes', () => {
    const alerts = createOrderAlerts();
    expect(alerts.fresh([], at(0))).toEqual([]);
    expect(alerts.fresh([waiting(1)], at(0)).map((o) => o.id)).toEqual([1]);
    expect(alerts.fresh([waiting(1)], at(5))).toEqual([]);
    expect(alerts.fresh([waiting(1)], at(8)).map((o) => o.id)).toEqual([1]);
    expect(alerts.fresh([waiting(1)], at(9))).toEqual([]);
    expect(notificationText(waiting(1), en, at(8.5))).toEqual({
      title: 'Order #A1 is cancelled in 1:30',
      body: 'Accept it now or GrabFood cancels it and counts a missed order · GrabFood · Kopi · DELIVERY · 2 items',
    });
    expect(notificationText(waiting(1), en, at(1)).title).toBe('Accept order #A1');
    // In Arabic the order number and the countdown are isolated, so they read left to right among the words.
    const arabic = notificationText(waiting(1), createTranslator('ar'), at(8.5)).title;
    expect(arabic).toContain('\u2066A1\u2069');
    expect(arabic).toContain('\u20661:30\u2069');
    expect(aboutToBeCancelled({ ...waiting(1), waitingForAcceptance: false }, at(9))).toBe(false);
  });

  it('name the orders about to be cancelled first in the tray', () => {
    expect(trayStatus(en, health, 3, 1)).toEqual({ level: 'offline', tooltip: 'Kitchen bridge: 1 order ABOUT TO BE CANCELLED: accept now; 2 orders WAITING FOR ACCEPTANCE' });
    expect(trayStatus(en, health, 1, 1).tooltip).toBe('Kitchen bridge: 1 order ABOUT TO BE CANCELLED: accept now');
  });
});
