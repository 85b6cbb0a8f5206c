import type { Clock } from '../../ground/clock.js';
import { CATEGORIES, CUSTOMER_NAMES, KLIKIT_COMMENTS, LINE_COMMENTS, MENUS, ORDER_COMMENTS, PROVIDER_IDS, VEHICLES, type GroupTemplate, type Menu } from './catalog.js';
import { picker, seededRandom, type Picker } from './prng.js';

export type SimBrand = { id: number; title: string; logo: string };
export type SimModifier = { id: string; name: string; quantity: number; price: string; modifier_groups: SimModifierGroup[] };
export type SimModifierGroup = { id: string; name: string; modifiers: SimModifier[] };
export type SimCartLine = {
  id: string;
  name: string;
  quantity: number;
  comment: string;
  brand: { id: number; title: string };
  klikit_sku_id: string;
  klikit_category_id: number;
  klikit_category_name: string;
  unit_price: string;
  price: string;
  modifier_groups: SimModifierGroup[];
};

/** An order shaped like klikit's (a subset of its 100+ fields, enough for every consumer of the bridge). */
export type SimOrder = {
  id: number;
  short_id: string;
  external_id: string;
  order_queue: number;
  business_id: number;
  branch_id: number;
  brand_id: number;
  klikit_store_id: string;
  brands: SimBrand[];
  provider_id: number;
  source: number;
  type: number;
  pickup_type: number | null;
  status: number;
  table_no: string | null;
  additional_info: { vehicle_info: Record<string, unknown> };
  created_at: string;
  updated_at: string;
  scheduled_time: string | null;
  estimated_pickup_at: string;
  preparation_time: number;
  currency: string;
  currency_symbol: string;
  item_count: number;
  unique_item_count: number;
  order_comment: string;
  klikit_comment: string;
  user_first_name: string;
  user_last_name: string;
  cart_v2: SimCartLine[];
};

export type OrderOverrides = {
  branchId?: number;
  brandIds?: number[];
  providerId?: number;
  type?: 1 | 2 | 3;
  driveThru?: boolean;
  scheduled?: boolean;
  status?: number;
  lineCount?: number;
  /** When the customer placed it (ms since the epoch), if not now: an order that has already waited a while. */
  placedAt?: number;
};

export type OrderGeneratorOptions = {
  seed: number;
  clock: Clock;
  branchIds: readonly number[];
  brandIds: readonly number[];
  firstOrderId?: number;
};

export type OrderGenerator = {
  /** A new order with the next id, created now (by the injected clock). */
  next(overrides?: OrderOverrides): SimOrder;
  /** The same order in a new status, updated_at strictly later than the given version. */
  withStatus(order: SimOrder, status: number): SimOrder;
  /** The same order with a full replacement cart (klikit.order.cart.updated), updated_at bumped. */
  withEditedCart(order: SimOrder): SimOrder;
  brandTitle(brandId: number): string;
};

const STATUS_ACCEPTED = 2;
const STATUS_PLACED = 1;
const STATUS_SCHEDULED = 6;

/** klikit's timestamps have whole seconds and a Z suffix. */
const klikitTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A version time that is now, but never at or before the previous version's. */
function nextVersionTime(clock: Clock, previous: string): string {
  return klikitTime(Math.max(clock.now(), Date.parse(previous) + 1000));
}

function externalId(p: Picker, providerId: number): string {
  switch (providerId) {
    case 6:
      return `GF-${p.pick(['A', 'B', 'C'])}-${p.int(100000, 999999)}`;
    case 7:
      return `${p.hex(4)}-${p.hex(4)}`;
    case 9:
      return `F-${p.int(100000000, 999999999)}`;
    default:
      return `${p.int(100000000, 999999999)}${p.int(1000000000, 9999999999)}`;
  }
}

export function createOrderGenerator(options: OrderGeneratorOptions): OrderGenerator {
  if (options.branchIds.length === 0 || options.brandIds.length === 0) throw new Error('the generator needs at least one branch id and one brand id');
  const p = picker(seededRandom(options.seed));
  const { clock } = options;
  const menuOf = (brandId: number): Menu => MENUS[Math.max(0, options.brandIds.indexOf(brandId)) % MENUS.length] as Menu;
  let nextId = options.firstOrderId ?? 80_000_001;
  let queue = 0;
  let shortCounter = 1000;
  let partCounter = 0;
  const partId = (prefix: string) => `${prefix}${++partCounter}`;

  function modifierGroup(template: GroupTemplate): SimModifierGroup {
    const chosen = p.sample(template.modifiers, p.int(1, template.maxPicks ?? 1));
    return {
      id: partId('g'),
      name: template.name,
      modifiers: chosen.map((m) => ({
        id: partId('m'),
        name: m.name,
        quantity: p.chance(0.15) ? 2 : 1,
        price: p.chance(0.5) ? '0.00' : `${p.int(1, 9) * 1000}.00`,
        modifier_groups: (m.groups ?? []).filter(() => p.chance(0.8)).map(modifierGroup),
      })),
    };
  }

  function cartLine(brand: SimBrand): SimCartLine {
    const item = p.pick(menuOf(brand.id).items);
    const quantity = p.chance(0.7) ? 1 : p.int(2, 4);
    const unit = p.int(5, 60) * 1000;
    return {
      id: item.sku.replace(/\D/g, '') + String(brand.id),
      name: item.name,
      quantity,
      comment: p.chance(0.25) ? p.pick(LINE_COMMENTS) : '',
      brand: { id: brand.id, title: brand.title },
      klikit_sku_id: item.sku,
      klikit_category_id: CATEGORIES[item.category],
      klikit_category_name: item.category,
      unit_price: `${unit}.00`,
      price: `${unit * quantity}.00`,
      modifier_groups: item.groups.filter(() => p.chance(0.7)).map(modifierGroup),
    };
  }

  function cart(brands: SimBrand[], lineCount: number): SimCartLine[] {
    // Every brand of the order gets at least one line, as on a real multi-brand order.
    const lines = brands.map(cartLine);
    while (lines.length < lineCount) lines.push(cartLine(p.pick(brands)));
    return lines;
  }

  const counts = (lines: SimCartLine[]) => ({
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    unique_item_count: lines.length,
  });

  const brandOf = (id: number): SimBrand => ({ id, title: menuOf(id).brandTitle, logo: `/images/brand-${id}.jpeg` });

  function next(overrides: OrderOverrides = {}): SimOrder {
    const now = overrides.placedAt ?? clock.now();
    const id = nextId;
    nextId += p.int(1, 3);
    const providerId = overrides.providerId ?? p.pick(PROVIDER_IDS);
    const type = overrides.type ?? (providerId === 1 ? p.pick([1, 3, 3] as const) : p.pick([1, 2, 2, 2] as const));
    const driveThru = type === 1 && (overrides.driveThru ?? p.chance(0.15));
    const scheduled = overrides.scheduled ?? p.chance(0.08);
    const branchId = overrides.branchId ?? p.pick(options.branchIds);
    const brandIds = overrides.brandIds ?? (p.chance(0.3) ? p.sample(options.brandIds, p.int(2, 3)) : [p.pick(options.brandIds)]);
    const brands = brandIds.map(brandOf);
    const primary = brands[0];
    if (!primary) throw new Error('an order needs at least one brand');
    const lines = cart(brands, overrides.lineCount ?? p.int(brands.length, brands.length + 3));
    const [firstName, lastName] = p.pick(CUSTOMER_NAMES);
    const preparation = p.pick([10, 15, 20, 30]);
    const scheduledAt = scheduled ? now + p.int(1, 24) * 3_600_000 : null;
    queue += 1;
    return {
      id,
      short_id: providerId === 1 ? String(++shortCounter) : String(p.int(1000, 9999)),
      external_id: externalId(p, providerId),
      order_queue: queue,
      business_id: 398,
      branch_id: branchId,
      brand_id: primary.id,
      klikit_store_id: `KSID-${primary.id}-${branchId}`,
      brands,
      provider_id: providerId,
      source: providerId === 1 ? 9 : 2,
      type,
      pickup_type: type === 1 ? (driveThru ? 2 : 1) : null,
      status: overrides.status ?? (scheduled ? STATUS_SCHEDULED : p.chance(0.2) ? STATUS_PLACED : STATUS_ACCEPTED),
      table_no: type === 3 ? String(p.pick([p.int(1, 40), `A${p.int(1, 12)}`, `Teras ${p.int(1, 5)}`])) : null,
      additional_info: { vehicle_info: driveThru ? { ...p.pick(VEHICLES) } : {} },
      created_at: klikitTime(now),
      updated_at: klikitTime(now),
      scheduled_time: scheduledAt === null ? null : klikitTime(scheduledAt),
      estimated_pickup_at: klikitTime((scheduledAt ?? now) + preparation * 60_000),
      preparation_time: preparation,
      currency: 'IDR',
      currency_symbol: 'Rp',
      ...counts(lines),
      order_comment: p.chance(0.3) ? p.pick(ORDER_COMMENTS) : '',
      klikit_comment: p.chance(0.1) ? p.pick(KLIKIT_COMMENTS) : '',
      user_first_name: firstName,
      user_last_name: lastName,
      cart_v2: lines,
    };
  }

  function withEditedCart(order: SimOrder): SimOrder {
    const lines = order.cart_v2.map((l) => ({ ...l }));
    const edit = p.pick(['quantity', 'add', 'remove'] as const);
    if (edit === 'remove' && lines.length > 1) lines.splice(p.int(0, lines.length - 1), 1);
    else if (edit === 'add' || lines.length === 0) lines.push(cartLine(p.pick(order.brands)));
    else {
      const index = p.int(0, lines.length - 1);
      const line = lines[index] as SimCartLine;
      const quantity = line.quantity + 1;
      lines[index] = { ...line, quantity, price: `${Number.parseInt(line.unit_price, 10) * quantity}.00` };
    }
    return { ...order, cart_v2: lines, ...counts(lines), updated_at: nextVersionTime(clock, order.updated_at) };
  }

  return {
    next,
    withStatus: (order, status) => ({ ...order, status, updated_at: nextVersionTime(clock, order.updated_at) }),
    withEditedCart,
    brandTitle: (brandId) => menuOf(brandId).brandTitle,
  };
}
