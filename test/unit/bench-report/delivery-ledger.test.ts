import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../bench/support/delivery-ledger.js';

describe("the relay-cluster bench's delivery ledger", () => {
  it('takes only the first frame at the right bridge as the delivery and counts every other frame against the relay', () => {
    const ledger = new DeliveryLedger();
    ledger.post('a', 7, 1000);
    ledger.post('b', 8, 1010);
    ledger.post('c', 9, 1020);
    ledger.answeredOk('a');
    ledger.answeredOk('b');
    ledger.answeredOk('c');
    ledger.receive([
      [7, 1, 'a', 1004],
      [7, 1, 'a', 1050],
      [9, 2, 'b', 1015],
      [9, 3, 'unknown', 1016],
      [9, 4, 'c', 1032],
    ]);
    expect(ledger.sortedDelays()).toEqual([4, 12]);
    expect(ledger.duplicates).toBe(1);
    expect(ledger.misdelivered).toBe(2);
    expect(ledger.answeredCount).toBe(3);
    expect(ledger.undelivered()).toBe(1);
    ledger.receive([[8, 2, 'b', 1030]]);
    expect(ledger.undelivered()).toBe(0);
  });

  it('does not count a webhook that was never answered 200 as lost', () => {
    const ledger = new DeliveryLedger();
    ledger.post('refused', 7, 0);
    expect(ledger.undelivered()).toBe(0);
    expect(ledger.answeredCount).toBe(0);
  });
});
