// Issue 19's attack as an order: every text field klikit sends (and the aggregator fills) is
// `length` characters without a space, the brand list has hundreds of brands with long titles, and
// the cart hundreds of lines. Each field starts with what a real one would say, so a cut ticket
// still reads as the order it is. Shared by the ticket tests, the bench and the end-to-end test.

export const HOSTILE_LENGTH = 250_000;

export function hostileOrderBody(id: number, length = HOSTILE_LENGTH): Record<string, unknown> {
  const long = (start: string, letter: string): string => start + letter.repeat(length);
  const line = {
    id: 'a',
    name: long('Nasi Goreng Spesial ', 'X'),
    quantity: 2,
    comment: long('no nuts please ', 'c'),
    brand: { id: 1 },
    modifier_groups: [{ name: long('Level ', 'G'), modifiers: [{ name: long('Pedas ', 'M'), quantity: 2, modifier_groups: [] }] }],
  };
  return {
    id,
    provider_id: 6,
    status: 1,
    type: 3,
    created_at: '2026-06-25T09:14:11Z',
    updated_at: '2026-06-25T09:14:11Z',
    external_id: long('GF-', 'E'),
    short_id: long('22', 'S'),
    table_no: long('1', 'T'),
    user_first_name: long('Rina', 'r'),
    order_comment: long('Please ring ', 'n'),
    klikit_comment: long('Operator: ', 'o'),
    additional_info: { vehicle_info: { plate: long('B 1234 ', 'V'), colour: 'red' } },
    brands: [{ id: 1, title: long('Dapur ', 'B') }, ...Array.from({ length: 200 }, (_, i) => ({ id: 100 + i, title: `Brand ${i} ${'b'.repeat(1000)}` }))],
    cart_v2: [line, ...Array.from({ length: 300 }, (_, i) => ({ id: `x${i}`, name: `Es Teh ${i}`, quantity: 1, comment: '', brand: { id: 100 + i }, modifier_groups: [] }))],
  };
}
