import * as z from 'zod';
import { acceptanceSettingsSchema } from './acceptance.js';
import { backupProblems } from './backup-chain.js';
import { LOCALES, matchLocale } from './i18n/locales.js';
import type { MessageKey } from './i18n/catalogue.js';
import { inEnglish, issueText, type Say } from './issue-text.js';
import { DAY_NUMBERS_MAX_DAYS, KITCHEN_DEFAULTS } from './kitchen-defaults.js';
import { readyWhenSchema } from './order-actions.js';
import { parsePrinterUri } from './printer-uri.js';
import { DEFAULT_SCREENS, screensSettingsSchema } from './screens.js';
import { originOf, serviceUrlIssue, type ServiceKind } from './service-url.js';

// The settings staff edit in the window. Secrets are not part of them: they are entered once through
// `setSecret` and only ever reported back as set / not set. Each secret is bound to the origin of the
// URL it is sent to, as that URL was when the secret was entered: a page that changes the URL's host
// cannot send the stored secret there (DESIGN.md, "Acting on orders").
// Each schema message is a catalogue key (common/i18n/settings), worded by whoever shows it (issue-text.ts).

export const secretNameSchema = z.enum(['relayToken', 'klikitSecretKey']);
export type SecretName = z.infer<typeof secretNameSchema>;

/** A stored secret and the scheme://host:port it may be sent to. */
export const boundSecretSchema = z.object({ value: z.string().min(1), origin: z.string().min(1) });
export type BoundSecret = z.infer<typeof boundSecretSchema>;

const serviceUrl = (kind: ServiceKind) =>
  z.string().trim().superRefine((value, ctx) => {
    const problem = value === '' ? null : serviceUrlIssue(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key, params: problem.values });
  });

export const printerInterfaceSchema = z
  .string()
  .trim()
  .superRefine((uri, ctx) => {
    const parsed = parsePrinterUri(uri);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

export const ROUTE_ORDER_TYPES = ['pickup', 'delivery', 'dine-in'] as const;

/** Which lines a printer prints (a station); every list empty means whole orders (expo). */
export const routeSettingsSchema = z
  .object({
    brands: z.array(z.number().int().positive({ message: 'settings.error.brandIds' })).max(100),
    categories: z.array(z.string().trim().min(1).max(80, { message: 'settings.error.atMostCharacters' })).max(200),
    orderTypes: z.array(z.enum(ROUTE_ORDER_TYPES, { message: 'settings.error.orderType' })),
    providers: z.array(z.number().int().positive({ message: 'settings.error.providerIds' })).max(50),
  })
  .strict();
export type RouteSettings = z.infer<typeof routeSettingsSchema>;

/** Whether the routes select anything: without a single value the printer prints whole orders. */
export const routesGiven = (routes: RouteSettings | undefined): routes is RouteSettings =>
  routes !== undefined && Object.values(routes).some((values) => values.length > 0);

export const BACKUP_AFTER_SECONDS_MIN = 5;
export const BACKUP_AFTER_SECONDS_MAX = 600;

/** A BCP 47 tag naming a language the product speaks (`id`, `th-TH`, `zh-Hans`…). */
export const languageTagSchema = z
  .string()
  .trim()
  .max(35)
  .refine((tag) => matchLocale(tag) !== null, { message: 'settings.error.language', params: { list: LOCALES.join(', ') } });

export const printerSettingsSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{1,32}$/, { message: 'settings.error.printerId' }),
  name: z.string().trim().min(1, { message: 'settings.error.printerName' }).max(40, { message: 'settings.error.atMostCharacters' }),
  type: z.enum(['epson', 'star'], { message: 'settings.error.printerType' }),
  interface: printerInterfaceSchema,
  width: z.union([z.literal(48), z.literal(32)], { message: 'settings.error.paperWidth' }),
  copies: z.number().int().min(1, { message: 'settings.error.copiesMin' }).max(5, { message: 'settings.error.copiesMax' }),
  routes: routeSettingsSchema.optional(),
  /** Another printer's id: it takes this printer's tickets while this one is held longer than the grace. */
  backup: z.string().trim().min(1, { message: 'settings.error.chooseBackup' }).optional(),
  backupAfterSeconds: z
    .number({ message: 'settings.error.enterSeconds' })
    .int({ message: 'settings.error.wholeSeconds' })
    .min(BACKUP_AFTER_SECONDS_MIN, { message: 'settings.error.backupAfterMin' })
    .max(BACKUP_AFTER_SECONDS_MAX, { message: 'settings.error.atMostSeconds' })
    .optional(),
  /** The language of this printer's tickets (a kitchen may read Thai while the counter reads English); absent: the window's. */
  language: languageTagSchema.optional(),
}).strict();
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

/** Bounds an owner can choose within (the config file allows more, for integrators). */
export const UNDO_SECONDS_MAX = 60;
export const STALE_ORDER_HOURS_MAX = 72;
/** The day in numbers keeps at least a week: a shorter period could not compare one weekend with the next. */
export const STATS_RETENTION_DAYS_MIN = 7;

/**
 * How the kitchen works, as the owner decides it: the config's `actions.undoSeconds`,
 * `actions.readyWhen`, `staleOrderHours` and `acceptance`. The retry windows stay in the config file (integrators').
 */
export const kitchenSettingsSchema = z
  .object({
    undoSeconds: z
      .number({ message: 'settings.error.enterUndoSeconds' })
      .int({ message: 'settings.error.wholeSeconds' })
      .min(0, { message: 'settings.error.undoMin' })
      .max(UNDO_SECONDS_MAX, { message: 'settings.error.undoMax' }),
    readyWhen: z.enum(readyWhenSchema.options, { message: 'settings.error.readyWhen' }),
    staleOrderHours: z
      .number({ message: 'settings.error.enterHours' })
      .int({ message: 'settings.error.wholeHours' })
      .min(1, { message: 'settings.error.atLeastHours' })
      .max(STALE_ORDER_HOURS_MAX, { message: 'settings.error.atMostHours' }),
    /** Acceptance deadlines and their alarm, auto-accept (the config's `acceptance`); settings saved before it get the defaults. */
    acceptance: acceptanceSettingsSchema.default(KITCHEN_DEFAULTS.acceptance),
    // Added later: a settings file written before them takes the defaults instead of losing the kitchen's other choices.
    allDayStrip: z.boolean({ message: 'settings.error.onOrOff' }).default(KITCHEN_DEFAULTS.allDayStrip),
    statsRetentionDays: z
      .number({ message: 'settings.error.enterDays' })
      .int({ message: 'settings.error.wholeDays' })
      .min(STATS_RETENTION_DAYS_MIN, { message: 'settings.error.atLeastDays' })
      .max(DAY_NUMBERS_MAX_DAYS, { message: 'settings.error.atMostDays' })
      .default(KITCHEN_DEFAULTS.statsRetentionDays),
  })
  .strict();
export type KitchenSettings = z.infer<typeof kitchenSettingsSchema>;

export const settingsSchema = z.object({
  relayUrl: serviceUrl('relay'),
  klikitBaseUrl: serviceUrl('klikit'),
  klikitPartnerKey: z.string().trim().max(200, { message: 'settings.error.atMostCharacters' }),
  branchIds: z.array(z.number({ message: 'settings.error.branchIdNumber' }).int({ message: 'settings.error.branchIdWhole' }).positive({ message: 'settings.error.branchIdPositive' })).max(50),
  printers: z
    .array(printerSettingsSchema)
    .max(8, { message: 'settings.error.atMostPrinters' })
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, { message: 'settings.error.printerIdsUnique' })
    .superRefine((list, ctx) => {
      for (const problem of backupProblems(list)) ctx.addIssue({ code: 'custom', path: [problem.index, 'backup'], message: problem.key, params: problem.values });
    }),
  kitchen: kitchenSettingsSchema,
  sound: z.boolean(),
  startAtLogin: z.boolean(),
  /** LAN screens served by this bridge (main/screens). */
  screens: screensSettingsSchema,
  /** The window's language, a BCP 47 tag such as `id`, `th` or `ar`; empty: the OS's when supported, else English. */
  language: z.union([z.literal(''), languageTagSchema]),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  relayUrl: '',
  klikitBaseUrl: 'https://gateway-enterprise.klikit.io/v1/partner',
  klikitPartnerKey: '',
  branchIds: [],
  printers: [],
  kitchen: { ...KITCHEN_DEFAULTS },
  sound: true,
  startAtLogin: true,
  screens: DEFAULT_SCREENS,
  language: '',
};

/** A patch replaces whole top-level fields; it is checked field by field by `settingsSchema` in the core. */
export const settingsPatchSchema = z.record(z.string(), z.unknown());
export type SettingsPatch = Partial<Settings>;

export const settingsViewSchema = z.object({
  settings: settingsSchema,
  secrets: z.object({ relayToken: z.boolean(), klikitSecretKey: z.boolean() }),
  /** What staff must do next before orders can flow; empty once the bridge is set up. */
  nextSteps: z.array(z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const saveSettingsResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: settingsViewSchema }),
  z.object({ ok: z.literal(false), errors: z.array(fieldErrorSchema) }),
]);
export type SaveSettingsResult = z.infer<typeof saveSettingsResultSchema>;

/** An issue as the form shows it: an unknown key inside a field (`kitchen.undoSecs`) by its own path, like an unknown top-level one. */
function fieldErrorsOf(issue: z.core.$ZodIssue, say: Say): FieldError[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: say('settings.error.notASetting') }));
  return [{ field: at.join('.') || '(settings)', message: issueText(issue, say) }];
}

/**
 * Applies a patch and reports each invalid field by its path (`printers.0.interface`), worded by
 * `say`: the window passes its own translator, the core keeps English for its answers and logs.
 */
export function validateSettings(current: Settings, patch: Record<string, unknown>, say: Say = inEnglish): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const unknownKeys = Object.keys(patch).filter((key) => !Object.hasOwn(DEFAULT_SETTINGS, key));
  if (unknownKeys.length > 0) {
    return { ok: false, errors: unknownKeys.map((field) => ({ field, message: say('settings.error.notASetting') })) };
  }
  const parsed = settingsSchema.safeParse({ ...current, ...patch });
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, errors: parsed.error.issues.flatMap((issue) => fieldErrorsOf(issue, say)) };
}

/** The origin a secret is bound to under these settings; null while its URL is not set. */
export function secretOrigin(settings: Pick<Settings, 'relayUrl' | 'klikitBaseUrl'>, name: SecretName): string | null {
  return originOf(name === 'relayToken' ? settings.relayUrl : settings.klikitBaseUrl);
}

/** A secret is bound to the host its URL names, so the URL comes first: the window says so in its language. */
export const SECRET_NEEDS_URL_KEY = {
  relayToken: 'settings.secret.needsRelayUrl',
  klikitSecretKey: 'settings.secret.needsKlikitUrl',
} satisfies Record<SecretName, MessageKey>;

/** The same in English, the core's answer. */
export const SECRET_NEEDS_URL: Record<SecretName, string> = {
  relayToken: inEnglish(SECRET_NEEDS_URL_KEY.relayToken),
  klikitSecretKey: inEnglish(SECRET_NEEDS_URL_KEY.klikitSecretKey),
};

/** The secret's value when it was entered for the host these settings send it to; otherwise nothing. */
export function usableSecret(settings: Pick<Settings, 'relayUrl' | 'klikitBaseUrl'>, name: SecretName, secret: BoundSecret | undefined): string | undefined {
  const origin = secretOrigin(settings, name);
  return secret !== undefined && origin !== null && secret.origin === origin ? secret.value : undefined;
}

const hostOf = (url: string): string => originOf(url)?.replace(/^[a-z]+:\/\//, '') ?? url;

/** What staff must do next, worded by `say` (the window words them in its own language). */
export function nextSteps(settings: Settings, secrets: Record<SecretName, boolean>, say: Say = inEnglish): string[] {
  const steps: string[] = [];
  const hasRelay = settings.relayUrl !== '' && secrets.relayToken;
  const hasKlikit = settings.klikitPartnerKey !== '' && secrets.klikitSecretKey && settings.branchIds.length > 0;
  if (settings.relayUrl !== '' && !secrets.relayToken) {
    steps.push(say('settings.nextSteps.relayToken', { host: hostOf(settings.relayUrl) }));
  }
  if (settings.klikitPartnerKey !== '' && !secrets.klikitSecretKey) {
    steps.push(say('settings.nextSteps.klikitSecret', { host: hostOf(settings.klikitBaseUrl) }));
  }
  if (!hasRelay && !hasKlikit && steps.length === 0) {
    steps.push(say('settings.nextSteps.connect'));
  }
  if (settings.printers.length === 0) steps.push(say('settings.nextSteps.printer'));
  return steps;
}
