// The shape every catalogue shares. English is the source: each other locale is typed against it, so
// a key missing from a translation, or one English does not have, fails the type check at build time.
import type { Locale } from './locales.js';

export type Translation<English> = { readonly [K in keyof English]: string };

/** One feature's messages in every locale. Keys start with the domain's name and a dot. */
export type Domain<English extends Record<string, string>> = { readonly [L in Locale]: L extends 'en' ? English : Translation<English> };
