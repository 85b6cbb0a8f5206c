import type { ItemMatch } from '../../common/stock.js';
import { itemsOfBody } from './order-items.js';
import { noSkuWords } from './stock-words.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// "86" without an order at hand: the items of recent orders, found by a few letters of their name
// (any case, any accents: "pho" finds "Phở bò tái chín").

/** How many matches the search shows: a kitchen types until the one it wants is among the first. */
export const MAX_MATCHES = 20;

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Distinct items (by SKU, or by name when klikit sent none) of `bodies` (newest first) whose name holds `query`; why one cannot be marked in `words`' language. */
export function searchItems(bodies: readonly string[], query: string, marked: ReadonlySet<string>, words: Translator = ENGLISH()): ItemMatch[] {
  const wanted = fold(query.trim());
  const noSku = noSkuWords(words);
  const seen = new Set<string>();
  const matches: ItemMatch[] = [];
  for (const body of bodies) {
    for (const item of itemsOfBody(body)) {
      const key = item.sku === null ? `name:${item.name}` : `sku:${item.sku}`;
      if (seen.has(key) || !fold(item.name).includes(wanted)) continue;
      seen.add(key);
      matches.push({ sku: item.sku, name: item.name, brand: item.brand, outOfStock: item.sku !== null && marked.has(item.sku), ...(item.sku === null ? { reason: noSku } : {}) });
      if (matches.length >= MAX_MATCHES) return matches;
    }
  }
  return matches;
}

/** The name of `sku` in the newest of `bodies` that has it. */
export function nameOfSku(bodies: readonly string[], sku: string): string | undefined {
  for (const body of bodies) {
    const found = itemsOfBody(body).find((i) => i.sku === sku);
    if (found) return found.name;
  }
  return undefined;
}
