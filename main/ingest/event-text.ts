import { randomUUID } from 'node:crypto';

// An event's body is serialised once: its text is what the event is hashed by, and each order's text
// within it is what the order's body is stored and digested as. Serialising the envelope and then each
// order again would turn every order into JSON twice.

export type EventText = {
  /** Exactly JSON.stringify(body). */
  text: string;
  /** Exactly JSON.stringify of each element of body.orders, when that is an array. */
  orderTexts: readonly string[] | undefined;
};

/** Stands where the orders go in the envelope's text: random, so no body can carry it. */
const ORDERS_SLOT = `orders-${randomUUID()}`;
const ORDERS_SLOT_JSON = JSON.stringify(ORDERS_SLOT);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The body's JSON text, with each order's; undefined when the body cannot be serialised (a cycle, a BigInt). */
export function eventText(body: unknown): EventText | undefined {
  try {
    if (!isPlainObject(body) || !Array.isArray(body['orders'])) {
      const text = JSON.stringify(body) as string | undefined;
      return text === undefined ? undefined : { text, orderTexts: undefined };
    }
    // JSON.stringify writes an array element that has no JSON (undefined, a function) as null.
    const orderTexts = Array.from(body['orders'] as unknown[], (order) => (JSON.stringify(order) as string | undefined) ?? 'null');
    // Replacing the value of an existing key keeps the key where it was: the shell is the body's text with the slot for the orders.
    const shell = JSON.stringify({ ...body, orders: ORDERS_SLOT });
    const at = shell.indexOf(ORDERS_SLOT_JSON);
    return { text: `${shell.slice(0, at)}[${orderTexts.join(',')}]${shell.slice(at + ORDERS_SLOT_JSON.length)}`, orderTexts };
  } catch {
    return undefined;
  }
}
