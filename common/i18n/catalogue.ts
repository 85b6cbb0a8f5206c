// Every locale's catalogue, assembled from one domain per feature (common/i18n/<domain>/<locale>.ts).
// A feature adds its domain to DOMAINS; its keys then exist in every locale or the build fails.
import { board } from './board/index.js';
import { common } from './common/index.js';
import { cli } from './cli/index.js';
import { core } from './core/index.js';
import { screens } from './screens/index.js';
import { settings } from './settings/index.js';
import { ticket } from './ticket/index.js';
import { views } from './views/index.js';
import type { Domain } from './catalogue-types.js';
import { LOCALES, type Locale } from './locales.js';

export const DOMAINS = { common, board, screens, views, ticket, settings, core, cli } as const;

type Domains = typeof DOMAINS;
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type English = UnionToIntersection<{ [D in keyof Domains]: Domains[D] extends Domain<infer E> ? E : never }[keyof Domains]>;

export type MessageKey = keyof English & string;
export type Catalogue = Readonly<Record<MessageKey, string>>;

function assemble(locale: Locale): Catalogue {
  return Object.assign({}, ...Object.values(DOMAINS).map((domain) => (domain as Domain<Record<string, string>>)[locale])) as Catalogue;
}

// Each locale assembled when first used: a process speaks one or two of them (the bundled core even
// evaluates a locale's messages only then: scripts/build.mjs).
const assembled = new Map<Locale, Catalogue>();
const assembledOnce = (locale: Locale): Catalogue => assembled.get(locale) ?? assembled.set(locale, assemble(locale)).get(locale)!;

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = Object.defineProperties(
  {} as Record<Locale, Catalogue>,
  Object.fromEntries(LOCALES.map((locale) => [locale, { enumerable: true, get: () => assembledOnce(locale) }])),
);

export const isMessageKey = (value: unknown): value is MessageKey => typeof value === 'string' && Object.hasOwn(CATALOGUES.en, value);
