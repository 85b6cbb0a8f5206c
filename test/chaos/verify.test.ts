import { describe, expect, it } from 'vitest';
import { classifyTicket, ticketTokenIndex, verifyChaos, type ChaosEvidence } from '../../dev/chaos/verify.js';

// The chaos verdict must be able to fail: each rule is shown to fire on evidence that breaks it.

const order = (id: number, status = 2, updatedAt = '2026-06-24T12:00:00.000Z') => ({ id, status, updated_at: updatedAt, external_id: `GF-${id}-X` });
const kitchen = (id: number, extra = '') => `${extra}\n#1234\nDELIVERY\nOrder    ${id}\n1 x Nasi Goreng\n`;
const voidSlip = (id: number) => `      VOID      \n#1234\nRef      GF-${id}-X\n`;

function evidence(overrides: Partial<ChaosEvidence> = {}): ChaosEvidence {
  return {
    validOrders: [order(80000001), order(80000002)],
    forgedOrders: [{ id: 80000099, external_id: 'GF-80000099-X' }],
    cancelledBeforeFirstDelivery: [],
    tickets: [kitchen(80000001), kitchen(80000002)],
    bridgeOrders: [order(80000001), order(80000002)],
    integrity: { bridge: 'ok', relay: 'ok' },
    cancelledStatus: 3,
    ...overrides,
  };
}
const rules = (e: ChaosEvidence) => verifyChaos(e).violations.map((v) => `${v.rule}${v.orderId ? ` ${v.orderId}` : ''}`);

describe('chaos verdict', () => {
  it('passes a clean run', () => {
    expect(rules(evidence())).toEqual([]);
  });

  it('classifies tickets by id, or by external id on a VOID slip', () => {
    const index = ticketTokenIndex([order(80000001)]);
    expect(classifyTicket(kitchen(80000001), index)).toEqual({ orderId: 80000001, kind: 'new', possibleDuplicate: false });
    expect(classifyTicket(voidSlip(80000001), index)).toEqual({ orderId: 80000001, kind: 'cancel', possibleDuplicate: false });
    expect(classifyTicket(kitchen(80000001, '** POSSIBLE DUPLICATE **'), index).possibleDuplicate).toBe(true);
  });

  it('attributes a ticket by its order id even when another order shares its external id', () => {
    const twin = { ...order(80000002), external_id: 'GF-80000001-X' };
    const ticket = `#4166\nRef      GF-80000001-X\nOrder    80000002\n`;
    expect(classifyTicket(ticket, ticketTokenIndex([order(80000001), twin])).orderId).toBe(80000002);
    expect(rules(evidence({ validOrders: [order(80000001), twin], bridgeOrders: [order(80000001), twin], tickets: [kitchen(80000001), ticket] }))).toEqual([]);
  });

  it('flags a lost order: never stored, or open and never printed', () => {
    expect(rules(evidence({ bridgeOrders: [order(80000001)], tickets: [kitchen(80000001)] }))).toEqual(['lost order 80000002', 'lost order 80000002']);
  });

  it('flags a second kitchen ticket without the banner, but not one with it', () => {
    expect(rules(evidence({ tickets: [kitchen(80000001), kitchen(80000002), kitchen(80000002)] }))).toEqual(['silent duplicate 80000002']);
    expect(rules(evidence({ tickets: [kitchen(80000001), kitchen(80000002), kitchen(80000002, 'POSSIBLE DUPLICATE')] }))).toEqual([]);
  });

  it('flags a forged order that was printed or stored, and an unattributable ticket', () => {
    const forged = order(80000099);
    expect(rules(evidence({ tickets: [kitchen(80000001), kitchen(80000002), kitchen(80000099)], bridgeOrders: [order(80000001), order(80000002), forged] }))).toEqual([
      'invalid input printed 80000099',
      'invalid input stored 80000099',
    ]);
    expect(rules(evidence({ tickets: [kitchen(80000001), kitchen(80000002), 'garbage'] }))).toEqual(['unattributable ticket']);
  });

  it('flags a status that is not klikit’s latest', () => {
    expect(rules(evidence({ bridgeOrders: [order(80000001), order(80000002, 4, '2026-06-24T11:00:00.000Z')] }))).toEqual(['wrong final status 80000002']);
  });

  it('flags a cancelled-before-delivery order that printed, and a printed-then-cancelled order without VOID', () => {
    const cancelled = [order(80000001), order(80000002, 3)];
    expect(rules(evidence({ validOrders: cancelled, bridgeOrders: cancelled, cancelledBeforeFirstDelivery: [80000002] }))).toEqual([
      'missing VOID 80000002',
      'cancelled order printed 80000002',
    ]);
    expect(rules(evidence({ validOrders: cancelled, bridgeOrders: cancelled, tickets: [kitchen(80000001), kitchen(80000002), voidSlip(80000002)] }))).toEqual([]);
  });

  it('flags a database that fails integrity_check', () => {
    expect(rules(evidence({ integrity: { bridge: 'ok', relay: '*** in database main ***' } }))).toEqual(['integrity']);
  });
});
