import * as z from 'zod';
import { issueText } from '../../common/issue-text.js';

// klikit sends 100+ fields per order and adds more without notice: every object here is
// a loose object so unknown fields survive into the stored body, while the fields the bridge
// reads are type-checked so a wrong type is rejected with a message naming the path.

const id = z.union([z.number().int(), z.string().min(1)]);
const text = z.string().nullish().transform((v) => v ?? '');
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
// ignored, never a reason to refuse the order.
const nameTranslations = z.unknown().transform(translationsOf).optional();
const translated = { klikit_name_translation: nameTranslations, title_v2: nameTranslations };

export const brandSchema = z.looseObject({ id: z.number().int(), title: text })
  ;

export type Modifier = {
  id?: string | number | undefined;
  name: string;
  quantity: number;
  modifier_groups: ModifierGroup[];
  klikit_name_translation?: NameTranslations | undefined;
  title_v2?: NameTranslations | undefined;
};
export type ModifierGroup = {
  id?: string | number | undefined;
  name: string;
  modifiers: Modifier[];
  klikit_name_translation?: NameTranslations | undefined;
  title_v2?: NameTranslations | undefined;
};

// Modifiers nest without a documented depth limit; the schema is recursive and the ticket renderer
// caps the indentation, not the data.
export const modifierSchema: z.ZodType<Modifier, unknown> = z.lazy(() =>
  z.looseObject({
      id: id.optional(),
      name: z.string(),
      quantity: z.number().int().nonnegative().default(1),
      modifier_groups: z.array(modifierGroupSchema).nullish().transform((v) => v ?? []),
      ...translated,
    })
    ,
);

export const modifierGroupSchema: z.ZodType<ModifierGroup, unknown> = z.lazy(() =>
  z.looseObject({
      id: id.optional(),
      name: text,
      modifiers: z.array(modifierSchema).nullish().transform((v) => v ?? []),
      ...translated,
    })
    ,
);

export const cartV2LineSchema = z.looseObject({
    id: id.optional(),
    name: z.string(),
    quantity: z.number().int().nonnegative(),
    comment: text,
    brand: brandSchema.partial({ title: true }).nullish(),
    modifier_groups: z.array(modifierGroupSchema).nullish().transform((v) => v ?? []),
    klikit_category_id: id.nullish(),
    klikit_category_name: text,
    ...translated,
  })
  ;

// The legacy cart: `title` / `quantity` / `groups` (groups carry `modifiers` of the same shape).
const legacyModifierSchema = z.looseObject({ title: z.string().optional(), name: z.string().optional(), quantity: z.number().int().nonnegative().default(1), ...translated })
  ;
const legacyGroupSchema = z.looseObject({
    title: z.string().optional(),
    name: z.string().optional(),
    modifiers: z.array(legacyModifierSchema).nullish().transform((v) => v ?? []),
    ...translated,
  })
  ;
export const legacyCartLineSchema = z.looseObject({
    title: z.string(),
    quantity: z.number().int().nonnegative(),
    comment: text,
    brand: brandSchema.partial({ title: true }).nullish(),
    groups: z.array(legacyGroupSchema).nullish().transform((v) => v ?? []),
    ...translated,
  })
  ;

export const orderSchema = z.looseObject({
    id: z.number().int().positive(),
    short_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v))),
    external_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v))),
    order_queue: z.number().int().nullish(),
    branch_id: z.number().int().optional(),
    brand_id: z.number().int().optional(),
    brands: z.array(brandSchema).nullish().transform((v) => v ?? []),
    provider_id: z.number().int().nullish(),
    type: z.number().int().nullish(),
    pickup_type: z.number().int().nullish(),
    status: z.number().int(),
    table_no: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v))),
    additional_info: z.looseObject({ vehicle_info: z.record(z.string(), z.unknown()).nullish() })
      
      .nullish(),
    created_at: timestamp.optional(),
    placed_at: timestamp.optional(),
    updated_at: timestamp.optional(),
    scheduled_time: timestamp.nullish(),
    estimated_pickup_at: timestamp.nullish(),
    preparation_time: z.number().nullish(),
    order_comment: text,
    klikit_comment: text,
    user_first_name: text,
    cart_v2: z.array(cartV2LineSchema).nullish(),
    cart: z.array(legacyCartLineSchema).nullish(),
  })
  
  .refine((o) => o.updated_at ?? o.created_at ?? o.placed_at, {
    message: 'order has none of updated_at, created_at, placed_at',
  });

export type Order = z.infer<typeof orderSchema>;

export const EVENT_TYPES = [
  'klikit.order.created.v2',
  'klikit.order.status.updated',
  'klikit.order.cart.updated',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

export const envelopeSchema = z.looseObject({
    brand_id: z.number().int(),
    branch_id: z.number().int(),
    orders: z.array(orderSchema).min(1, 'orders is empty'),
  })
  ;
export type Envelope = z.infer<typeof envelopeSchema>;

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
