// A printer's routes select the lines it prints. Within one key any listed value matches; across
// keys every given key must match. A printer without routes is a whole-order printer (expo/packing).

export const ORDER_TYPE_NAMES = ['pickup', 'delivery', 'dine-in'] as const;
export type OrderTypeName = (typeof ORDER_TYPE_NAMES)[number];

export type PrinterRoutes = {
  brands?: readonly number[] | undefined;
  /** klikit category ids or names (`klikit_category_id` / `klikit_category_name` on the line). */
  categories?: ReadonlyArray<string | number> | undefined;
  orderTypes?: readonly OrderTypeName[] | undefined;
  providers?: readonly number[] | undefined;
};

export type StationPrinter = { id: string; name: string; routes?: PrinterRoutes | undefined; fallback?: boolean | undefined };

export type RoutableLine = {
  key: string;
  quantity: number;
  brandId: number | null;
  categoryId: string;
  categoryName: string;
};

export type RoutableOrder = { type: number | null | undefined; providerId: number | null | undefined };

const TYPE_CODES: Record<OrderTypeName, number> = { pickup: 1, delivery: 2, 'dine-in': 3 };

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function categoryMatches(wanted: string | number, line: RoutableLine): boolean {
  const value = String(wanted);
  return (line.categoryId !== '' && value === line.categoryId) || (line.categoryName !== '' && sameText(value, line.categoryName));
}

/** Whether `routes` take this line; an absent or empty key does not constrain. */
export function routesMatch(routes: PrinterRoutes, order: RoutableOrder, line: RoutableLine): boolean {
  const given = <T>(values: readonly T[] | undefined): values is readonly T[] => values !== undefined && values.length > 0;
  if (given(routes.brands) && (line.brandId === null || !routes.brands.includes(line.brandId))) return false;
  if (given(routes.categories) && !routes.categories.some((c) => categoryMatches(c, line))) return false;
  if (given(routes.orderTypes) && !routes.orderTypes.some((t) => TYPE_CODES[t] === order.type)) return false;
  if (given(routes.providers) && (order.providerId == null || !routes.providers.includes(order.providerId))) return false;
  return true;
}

export const printsWholeOrders = (printer: StationPrinter): boolean => printer.routes === undefined;
