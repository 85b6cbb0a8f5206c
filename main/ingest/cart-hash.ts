import { hash } from 'node:crypto';
import type { ModifierGroup, Order } from '../klikit/schemas.js';

// The fingerprint of what the kitchen reads on a ticket: line names, quantities, comments, brands and
// modifiers (recursively). Prices are left out on purpose: a price correction must not reprint a ticket.

function printableGroups(groups: readonly ModifierGroup[]): unknown[] {
  return groups.map((g) => [
    g.name,
    g.modifiers.map((m) => [m.name, m.quantity, printableGroups(m.modifier_groups)]),
  ]);
}

function printableCart(order: Order): unknown {
  if (order.cart_v2) {
    return [
      'v2',
      order.cart_v2.map((line) => [
        line.name,
        line.quantity,
        line.comment,
        line.brand?.id ?? null,
        printableGroups(line.modifier_groups),
      ]),
    ];
  }
  return [
    'legacy',
    (order.cart ?? []).map((line) => [
      line.title,
      line.quantity,
      line.comment,
      line.brand?.id ?? null,
      line.groups.map((g) => [g.title ?? g.name ?? '', g.modifiers.map((m) => [m.title ?? m.name ?? '', m.quantity])]),
    ]),
  ];
}

/** A stable hex digest of the printable cart of a validated order. */
export function cartHash(order: Order): string {
  return hash('sha256', JSON.stringify(printableCart(order)), 'hex');
}
