import * as z from 'zod';
import { issueText } from '../../common/issue-text.js';

// klikit sends 100+ fields per order and adds more without notice: unknown fields are tolerated
// everywhere, while the fields the bridge reads are type-checked so a wrong type is rejected with a
// message naming the path. `orderSchema` keeps the unknown fields in the parsed order (tickets read
// some, such as a line's `klikit_sku_id`); ingest stores the text klikit sent and reads only known
// fields, so it checks with `checkedEnvelopeSchema`: the same checks, without copying the rest.
//
// The checks carry no transforms: zod runs each as a pipe of its own, and an order has a hundred of
// them in its lines and modifiers. The defaults ('' for an absent text, [] for an absent list, tidied
// translations) are filled in once per order, by `normaliseOrder`.

const id = z.union([z.number().int(), z.string().min(1)]);
/** Read as '' when absent or null. */
const text = z.string().nullish();
/** A text or a number, read as a text: '' when absent or null. */
const label = z.union([z.string(), z.number()]).nullish();
const timestamp = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'expected an ISO-8601 timestamp' });

/** A name in several languages, keyed by locale (`en`, `id-ID`, `zh_Hans`…); empty or odd entries dropped. */
export type NameTranslations = Readonly<Record<string, string>>;

const MAX_TRANSLATIONS = 64;

function translationsOf(value: unknown): NameTranslations | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value)
    .filter((entry): entry is [string, string] => entry[0].length <= 35 && typeof entry[1] === 'string' && entry[1].trim() !== '')
    .slice(0, MAX_TRANSLATIONS);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

// `title_v2` / `klikit_name_translation`: a translation is a nicety, so a shape we do not know is
// ignored (translationsOf), never a reason to refuse the order.
const translatable = { klikit_name_translation: z.unknown().optional(), title_v2: z.unknown().optional() };
type Translatable = { klikit_name_translation?: unknown; title_v2?: unknown };
type Translated = { klikit_name_translation?: NameTranslations | undefined; title_v2?: NameTranslations | undefined };

export type Modifier = {
  id?: string | number | undefined;
  name: string;
  quantity: number;
  modifier_groups: ModifierGroup[];
} & Translated;
export type ModifierGroup = {
  id?: string | number | undefined;
  name: string;
  modifiers: Modifier[];
} & Translated;

type CheckedModifier = {
  id?: string | number | undefined;
  name: string;
  quantity: number;
  modifier_groups?: CheckedModifierGroup[] | null | undefined;
} & Translatable;
type CheckedModifierGroup = {
  id?: string | number | undefined;
  name?: string | null | undefined;
  modifiers?: CheckedModifier[] | null | undefined;
} & Translatable;

/**
 * The checks of a klikit order, without its defaults. `keep`: the parsed objects keep klikit's other
 * fields; `drop`: they are checked alike but left out of the parsed value, which is typed the same
 * (another key reads as `unknown`, as an absent one does).
 *
 * Marked free of side effects, as the functions that build on it, so that a bundle drops the schemas
 * it never reads: `npm run ticket` builds neither ingest's checkedEnvelopeSchema nor the API client's.
 */
/* @__NO_SIDE_EFFECTS__ */
function checkedOrderSchema(unknownKeys: 'keep' | 'drop') {
  const object = <S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$loose> =>
    unknownKeys === 'keep' ? z.looseObject(shape) : (z.object(shape) as z.ZodObject<S, z.core.$ZodObjectConfig> as z.ZodObject<S, z.core.$loose>);

  const brand = object({ id: z.number().int(), title: text });
  const lineBrand = object({ id: z.number().int(), title: text.optional() }).nullish();

  // Modifiers nest without a documented depth limit; the schema is recursive and the ticket renderer
  // caps the indentation, not the data.
  const modifier: z.ZodType<CheckedModifier, unknown> = z.lazy(() =>
    object({
      id: id.optional(),
      name: z.string(),
      quantity: z.number().int().nonnegative().default(1),
      modifier_groups: z.array(modifierGroup).nullish(),
      ...translatable,
    }),
  );
  const modifierGroup: z.ZodType<CheckedModifierGroup, unknown> = z.lazy(() =>
    object({ id: id.optional(), name: text, modifiers: z.array(modifier).nullish(), ...translatable }),
  );

  const cartV2Line = object({
    id: id.optional(),
    name: z.string(),
    quantity: z.number().int().nonnegative(),
    comment: text,
    brand: lineBrand,
    modifier_groups: z.array(modifierGroup).nullish(),
    klikit_category_id: id.nullish(),
    klikit_category_name: text,
    ...translatable,
  });

  // The legacy cart: `title` / `quantity` / `groups` (groups carry `modifiers` of the same shape).
  const legacyModifier = object({
    title: z.string().optional(),
    name: z.string().optional(),
    quantity: z.number().int().nonnegative().default(1),
    ...translatable,
  });
  const legacyGroup = object({ title: z.string().optional(), name: z.string().optional(), modifiers: z.array(legacyModifier).nullish(), ...translatable });
  const legacyCartLine = object({
    title: z.string(),
    quantity: z.number().int().nonnegative(),
    comment: text,
    brand: lineBrand,
    groups: z.array(legacyGroup).nullish(),
    ...translatable,
  });

  return object({
    id: z.number().int().positive(),
    short_id: label,
    external_id: label,
    order_queue: z.number().int().nullish(),
    branch_id: z.number().int().optional(),
    brand_id: z.number().int().optional(),
    brands: z.array(brand).nullish(),
    provider_id: z.number().int().nullish(),
    type: z.number().int().nullish(),
    pickup_type: z.number().int().nullish(),
    status: z.number().int(),
    table_no: label,
    additional_info: object({ vehicle_info: z.record(z.string(), z.unknown()).nullish() }).nullish(),
    created_at: timestamp.optional(),
    placed_at: timestamp.optional(),
    updated_at: timestamp.optional(),
    scheduled_time: timestamp.nullish(),
    estimated_pickup_at: timestamp.nullish(),
    preparation_time: z.number().nullish(),
    order_comment: text,
    klikit_comment: text,
    user_first_name: text,
    cart_v2: z.array(cartV2Line).nullish(),
    cart: z.array(legacyCartLine).nullish(),
  }).refine((o) => o.updated_at ?? o.created_at ?? o.placed_at, {
    message: 'order has none of updated_at, created_at, placed_at',
  });
}

type CheckedOrder = z.output<ReturnType<typeof checkedOrderSchema>>;

/** T with the fields of U replaced (an index signature of T kept, which Omit would lose). */
type Completed<T, U> = { [K in keyof T as K extends keyof U ? never : K]: T[K] } & U;

/**
 * `checked` with `defaults` written into it. zod's parsed objects are its own copies, never klikit's
 * input, so each is completed in place rather than copied again (a copy per line and modifier was a
 * third of the parse).
 */
const complete = <T extends object, U extends object>(checked: T, defaults: U): Completed<T, U> => Object.assign(checked, defaults) as Completed<T, U>;

/** Translations tidied (translationsOf): present, undefined when none is usable. */
const tidiedTranslations = (checked: Translatable): { klikit_name_translation: NameTranslations | undefined; title_v2: NameTranslations | undefined } => ({
  klikit_name_translation: translationsOf(checked.klikit_name_translation),
  title_v2: translationsOf(checked.title_v2),
});

function modifierOf(modifier: CheckedModifier): Modifier {
  return complete(modifier, { modifier_groups: (modifier.modifier_groups ?? []).map(modifierGroupOf), ...tidiedTranslations(modifier) });
}

function modifierGroupOf(group: CheckedModifierGroup): ModifierGroup {
  return complete(group, { name: group.name ?? '', modifiers: (group.modifiers ?? []).map(modifierOf), ...tidiedTranslations(group) });
}

type CartV2Line = NonNullable<CheckedOrder['cart_v2']>[number];
type LegacyCartLine = NonNullable<CheckedOrder['cart']>[number];
type LegacyGroup = NonNullable<LegacyCartLine['groups']>[number];
type LegacyModifier = NonNullable<LegacyGroup['modifiers']>[number];
type CheckedLineBrand = NonNullable<CartV2Line['brand']>;

/** A line's brand: a title sent as null reads as ''; one not sent stays absent. */
const lineBrandOf = (brand: CheckedLineBrand | null | undefined): Completed<CheckedLineBrand, { title?: string }> | null | undefined =>
  brand && complete(brand, brand.title === null ? { title: '' } : {});

const labelOf = (value: string | number | null | undefined): string => (value == null ? '' : String(value));

function cartV2LineOf(line: CartV2Line) {
  return complete(line, {
    comment: line.comment ?? '',
    brand: lineBrandOf(line.brand),
    modifier_groups: (line.modifier_groups ?? []).map(modifierGroupOf),
    klikit_category_name: line.klikit_category_name ?? '',
    ...tidiedTranslations(line),
  });
}

const legacyModifierOf = (modifier: LegacyModifier) => complete(modifier, tidiedTranslations(modifier));

function legacyGroupOf(group: LegacyGroup) {
  return complete(group, { modifiers: (group.modifiers ?? []).map(legacyModifierOf), ...tidiedTranslations(group) });
}

function legacyCartLineOf(line: LegacyCartLine) {
  return complete(line, {
    comment: line.comment ?? '',
    brand: lineBrandOf(line.brand),
    groups: (line.groups ?? []).map(legacyGroupOf),
    ...tidiedTranslations(line),
  });
}

/** A checked order with its defaults filled in: what the rest of the bridge reads. */
function normaliseOrder(order: CheckedOrder) {
  return complete(order, {
    short_id: labelOf(order.short_id),
    external_id: labelOf(order.external_id),
    brands: (order.brands ?? []).map((b) => complete(b, { title: b.title ?? '' })),
    table_no: labelOf(order.table_no),
    order_comment: order.order_comment ?? '',
    klikit_comment: order.klikit_comment ?? '',
    user_first_name: order.user_first_name ?? '',
    cart_v2: order.cart_v2 && order.cart_v2.map(cartV2LineOf),
    cart: order.cart && order.cart.map(legacyCartLineOf),
  });
}

/* @__NO_SIDE_EFFECTS__ */
function normalisedOrderSchema(unknownKeys: 'keep' | 'drop') {
  return checkedOrderSchema(unknownKeys).transform(normaliseOrder);
}

export const orderSchema = normalisedOrderSchema('keep');
export type Order = z.infer<typeof orderSchema>;

export const EVENT_TYPES = [
  'klikit.order.created.v2',
  'klikit.order.status.updated',
  'klikit.order.cart.updated',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

const envelopeOf = /* @__NO_SIDE_EFFECTS__ */ <O extends z.ZodType<Order, unknown>>(order: O) =>
  z.looseObject({
    brand_id: z.number().int(),
    branch_id: z.number().int(),
    orders: z.array(order).min(1, 'orders is empty'),
  });

export const envelopeSchema = envelopeOf(orderSchema);
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * The envelope as ingest checks it: every check of `envelopeSchema`, the orders without klikit's
 * other fields (ingest keeps the text it received and reads only the fields checked here).
 */
export const checkedEnvelopeSchema = envelopeOf(normalisedOrderSchema('drop'));

export const getOrderResponseSchema = z.looseObject({ request_id: z.string().optional(), data: orderSchema })
  ;

export const listOrdersResponseSchema = z.looseObject({
    request_id: z.string().optional(),
    data: z.looseObject({
        orders: z.array(z.unknown()),
        page: z.number().int().optional(),
        size: z.number().int().optional(),
        total: z.number().int().optional(),
      })
      ,
  })
  ;

export const apiErrorSchema = z.looseObject({
    request_id: z.string().optional(),
    error: z.looseObject({ code: z.string(), message: z.string().optional() }).optional(),
  })
  ;

/** The time that orders an order's versions: updated_at, else created_at, else placed_at. */
export function orderVersion(order: Order): string {
  return new Date(order.updated_at ?? order.created_at ?? order.placed_at ?? 0).toISOString();
}

/** A zod error as one line a person can act on: `orders.0.status: Expected number, received string`. */
/** Shared schemas (settings, acceptance, screens) give catalogue keys: logs and answers read them in English. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${issueText(i)}`)
    .join('; ');
}
