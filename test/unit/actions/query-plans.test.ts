import { describe, expect, it } from 'vitest';
import { latestActionsOf, openActions, stationsDoneOf, unsentActions, waitingActionCount } from '../../../main/actions/action-store.js';
import { plansOf } from '../store/query-plans.js';
import { tempDbPerTest } from '../store/temp-db.js';

// The outbox plans its lanes on every submit and answer, the health feed counts waiting actions ten
// times a second, and every board refresh reads each order's latest action: none of these may scan
// order_actions, which grows with every action ever taken.

const ACTIONS_SCAN = /\bSCAN order_actions\b(?! USING (COVERING )?INDEX)/;
const db = tempDbPerTest();

describe('order action queries that run all day long', () => {
  it('never scan order_actions', () => {
    const connection = db();
    const plans = plansOf(connection, () => {
      openActions(connection);
      waitingActionCount(connection);
      unsentActions(connection, 100);
      latestActionsOf(connection, [1, 2]);
      stationsDoneOf(connection, [1, 2]);
    });
    expect(plans).toHaveLength(5);
    expect(plans.filter((p) => ACTIONS_SCAN.test(p.plan))).toEqual([]);
  });
});
