import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as z from 'zod';
import { DEFAULT_SCREENS, screensSettingsSchema } from '../../common/screens.js';
import { parsePrinterUri } from '../../common/printer-uri.js';
import { serviceUrlProblem, type ServiceKind } from '../../common/service-url.js';
import type { PrinterConfig } from '../printing/types.js';
import { DAY_NUMBERS_MAX_DAYS, KITCHEN_DEFAULTS } from '../../common/kitchen-defaults.js';
import { acceptanceSettingsSchema } from '../../common/acceptance.js';
import { backupProblems, DEFAULT_BACKUP_AFTER_SECONDS } from '../../common/backup-chain.js';
import { readyWhenSchema } from '../../common/order-actions.js';
import { DEFAULT_STATUS_TABLE, type StatusTable } from '../klikit/enums.js';
import { ORDER_TYPE_NAMES } from '../routing/routes.js';
import { issueText } from '../../common/issue-text.js';
import { languageTagSchema } from '../../common/settings.js';

// The bridge's JSON config file (DESIGN.md, "Commands"). Every error names the key and what was
// expected, because the person reading it is setting up a counter PC, not reading our code. Every
// object is strict: a typo (`rutes`) must be an error naming the key, not a silently ignored setting.

const positiveMs = z.number().int().positive();
/** A URL a secret is sent to: cleartext only inside the local network, never credentials in it. */
const serviceUrl = (kind: ServiceKind) =>
  z.string().superRefine((value, ctx) => {
    const problem = serviceUrlProblem(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const relayUrl = serviceUrl('relay');

/** A printer's station routes (main/routing): any value within a key, every given key across keys. */
const routesSchema = z
  .object({
    brands: z.array(z.number().int().positive(), { message: 'expected a list of klikit brand ids' }).optional(),
    categories: z
      .array(z.union([z.string().min(1), z.number().int()]), { message: 'expected a list of klikit category ids or names' })
      .optional(),
    orderTypes: z.array(z.enum(ORDER_TYPE_NAMES, { message: 'expected "pickup", "delivery" or "dine-in"' })).optional(),
    providers: z.array(z.number().int().positive(), { message: 'expected a list of klikit provider ids' }).optional(),
  })
  .strict();

const printerSchema = z.object({
  id: z.string().min(1, 'expected a non-empty printer id'),
  name: z.string().min(1, 'expected a printer name'),
  type: z.enum(['epson', 'star'], { message: 'expected "epson" or "star"' }),
  interface: z.string().superRefine((uri, ctx) => {
    const parsed = parsePrinterUri(uri);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  }),
  width: z.union([z.literal(48), z.literal(42), z.literal(32)], { message: 'expected 48 (80 mm paper), 42 (80 mm, Epson TM-T88 class) or 32 (58 mm paper)' }),
  statusProbe: z.enum(['required', 'best-effort', 'off']).default('best-effort'),
  silentReprobeMinutes: z.number().positive({ message: 'expected minutes > 0' }).optional(),
  copies: z.number().int().min(1).max(5).default(1),
  render: z.enum(['auto', 'text', 'raster'], { message: 'expected "auto", "text" or "raster"' }).default('auto'),
  dots: z
    .number()
    .int()
    .min(128, 'expected at least 128 dots')
    .max(2048, 'expected at most 2048 dots')
    .refine((n) => n % 8 === 0, 'expected a multiple of 8 (576 for 80 mm, 384 for 58 mm)')
    .optional(),
  routes: routesSchema.optional(),
  /** Takes the lines no printer's routes take (else the first printer does). */
  fallback: z.boolean().optional(),
  /** The id of the printer that takes this one's tickets while it is held longer than `backupAfterSeconds`. */
  backup: z.string().min(1, 'expected the id of another printer').optional(),
  /** How long the printer may be held before its tickets go to the backup, or the alarm sounds without one. */
  backupAfterSeconds: z.number({ message: 'expected a number of seconds' }).min(0, 'expected seconds ≥ 0').max(3_600, 'expected at most 3600 seconds').default(DEFAULT_BACKUP_AFTER_SECONDS),
  /** The language of this printer's tickets (`th`, `id`…); absent: `ticket.language`. */
  language: languageTagSchema.optional(),
}).strict();

/** Scheduled orders: a short slip on arrival, the kitchen ticket at scheduled time − preparation − lead. */
export const scheduledSchema = z
  .object({
    slip: z.boolean().default(true),
    leadMinutes: z.number().int().min(0).max(24 * 60).default(10),
  })
  .strict();
export type ScheduledOptions = z.infer<typeof scheduledSchema>;

/** Staff's actions on orders (main/actions): undo time, how long to keep trying, when stations make an order READY. */
export const statsSchema = z
  .object({
    retentionDays: z.number({ message: 'expected a number of days' }).int('whole days only').min(1, 'at least 1 day').max(DAY_NUMBERS_MAX_DAYS, `at most ${DAY_NUMBERS_MAX_DAYS} days`).default(KITCHEN_DEFAULTS.statsRetentionDays),
  })
  .strict();

export const actionsSchema = z
  .object({
    /** A Ready bump can be undone this long before it goes to klikit (0: sent at once). */
    undoSeconds: z.number().int().min(0).max(120).default(KITCHEN_DEFAULTS.undoSeconds),
    /** Accept / Reject are retried until this long after the order was placed (the aggregator's acceptance time). */
    acceptWindowMinutes: z.number().int().positive().max(24 * 60).default(15),
    /** Ready / Picked up are retried until this long after the bump. */
    bumpWindowMinutes: z.number().int().positive().max(48 * 60).default(180),
    /** With stations: READY goes to klikit once every station with lines bumped, or only on expo's (whole order) bump. */
    readyWhen: readyWhenSchema.default(KITCHEN_DEFAULTS.readyWhen),
  })
  .strict();
export type ActionsConfig = z.infer<typeof actionsSchema>;

/** Intervals, all in milliseconds. Tests shorten them; the defaults are the ones of DESIGN.md. */
export const timingSchema = z.object({
  pingIntervalMs: positiveMs.default(5_000),
  deadAfterMs: positiveMs.default(15_000),
  reconnectBaseMs: positiveMs.default(250),
  reconnectCapMs: positiveMs.default(10_000),
  ackBatchMs: positiveMs.default(50),
  ackBatchSize: positiveMs.default(100),
  pollAfterDownMs: positiveMs.default(15_000),
  pollIntervalMs: positiveMs.default(4_000),
  reconcileIntervalMs: positiveMs.default(300_000),
  pollWindowMs: positiveMs.default(24 * 3_600_000),
  apiBackoffBaseMs: positiveMs.default(500),
  apiBackoffCapMs: positiveMs.default(30_000),
  /** The shortest wait before a retry, whatever klikit's Retry-After says (0 or a past date would spin). */
  apiBackoffFloorMs: positiveMs.default(250),
  apiTimeoutMs: positiveMs.default(10_000),
  /** How often due scheduled-order tickets are looked for. */
  scheduleCheckMs: positiveMs.default(10_000),
  /** Between two batches of history pruning (each a short transaction), while a pass has work. */
  pruneStepMs: positiveMs.default(500),
  /** Between two pruning passes. */
  pruneRestMs: positiveMs.default(3_600_000),
}).strict();
export type Timing = z.infer<typeof timingSchema>;

const statusEntrySchema = z.object({
  label: z.string().min(1),
  kind: z.enum(['open', 'cancelled', 'done', 'scheduled']),
}).strict();

export const configSchema = z
  .object({
    relay: z
      .object({
        url: relayUrl.optional(),
        /** Several nodes of one relay (one store): a dead link moves on to the next. */
        urls: z.array(relayUrl).min(1, 'expected at least one relay URL').optional(),
        token: z.string().min(1, 'expected the device token from `relay device add`'),
      })
      .strict()
      .refine((relay) => relay.url !== undefined || relay.urls !== undefined, {
        message: 'expected relay.url (one relay) or relay.urls (several nodes of one relay)',
      }),
    klikit: z
      .object({
        baseUrl: serviceUrl('klikit'),
        partnerKey: z.string().min(1, 'expected the partner key'),
        secretKey: z.string().min(1, 'expected the secret key'),
        branchIds: z.array(z.number().int().positive()).min(1, 'expected at least one branch id'),
        brandIds: z.array(z.number().int().positive()).optional(),
      })
      .strict()
      .optional(),
    printers: z.array(printerSchema).superRefine((printers, ctx) => {
      const seen = new Set<string>();
      for (const [i, p] of printers.entries()) {
        if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate printer id "${p.id}"` });
        seen.add(p.id);
      }
      const fallbacks = printers.filter((p) => p.fallback === true);
      if (fallbacks.length > 1) {
        ctx.addIssue({ code: 'custom', path: [], message: `only one printer may be the fallback, not ${fallbacks.map((p) => `"${p.id}"`).join(', ')}` });
      }
      for (const problem of backupProblems(printers)) ctx.addIssue({ code: 'custom', path: [problem.index, 'backup'], message: problem.message });
    }),
    dataDir: z.string().min(1, 'expected a directory for the database'),
    /** `language`: the tickets' language where a printer has none; absent: the OS's, else English. */
    ticket: z.object({ timeZone: z.string().optional(), language: languageTagSchema.optional() }).strict().default({}),
    scheduled: scheduledSchema.default(scheduledSchema.parse({})),
    statusTable: z
      .record(z.string().regex(/^\d+$/, { message: 'expected a numeric status code' }), statusEntrySchema)
      .optional(),
    healthPort: z.number().int().min(0).max(65_535).optional(),
    /** An order first seen this many hours after klikit created it goes to Problems instead of the printer. */
    staleOrderHours: z.number({ message: 'expected a number of hours' }).positive('expected hours > 0').default(KITCHEN_DEFAULTS.staleOrderHours),
    timing: timingSchema.default(timingSchema.parse({})),
    actions: actionsSchema.default(actionsSchema.parse({})),
    /** Acceptance deadlines per provider, the alarm's escalation points and auto-accept (common/acceptance.ts). */
    acceptance: acceptanceSettingsSchema.partial().strict().default({}).transform((given) => ({ ...KITCHEN_DEFAULTS.acceptance, ...given })),
    /** LAN screens (main/screens): off unless enabled. */
    screens: screensSettingsSchema.default(DEFAULT_SCREENS),
    /** The day in numbers (main/stats): how many days its figures are kept. */
    stats: statsSchema.default(statsSchema.parse({})),
    /** Orders, print jobs and events older than this many days are pruned (never an open order or a job not done). */
    retentionDays: z.number({ message: 'expected a number of days' }).int('expected whole days').positive('expected days > 0').default(90),
  })
  .strict();

export type BridgeConfig = z.infer<typeof configSchema> & { printers: PrinterConfig[] };

export type ConfigResult = { ok: true; config: BridgeConfig } | { ok: false; error: string };

// Schemas shared with the window (acceptance, screens) give catalogue keys: the config file reads them in English.
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(config)'}: ${issueText(i)}`)
    .join('\n');
}

/** Validates a parsed config object; `baseDir` anchors a relative dataDir. */
export function parseConfig(raw: unknown, baseDir = process.cwd()): ConfigResult {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  return { ok: true, config: { ...parsed.data, dataDir: resolve(baseDir, parsed.data.dataDir) } };
}

/** Reads and validates a config file; a relative dataDir is relative to the file, not the cwd. */
export function loadConfig(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read config ${path}: ${(err as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `config ${path} is not valid JSON: ${(err as Error).message}` };
  }
  const result = parseConfig(raw, dirname(resolve(path)));
  return result.ok ? result : { ok: false, error: `config ${path}:\n${result.error}` };
}

/** The relay nodes in order: `url` first, then `urls`, each once. */
export function relayUrlsOf(config: Pick<BridgeConfig, 'relay'>): string[] {
  return [...new Set([...(config.relay.url ? [config.relay.url] : []), ...(config.relay.urls ?? [])])];
}

/** klikit's status table with the config's overrides on top (klikit's docs disagree on code 5). */
export function statusTableOf(config: BridgeConfig): StatusTable {
  const overrides = Object.entries(config.statusTable ?? {}).map(([code, entry]) => [Number(code), entry] as const);
  return { ...DEFAULT_STATUS_TABLE, ...Object.fromEntries(overrides) };
}

const REDACTED = '[redacted]';

/** The config as it may appear in a log or a support bundle: no token, no API keys. */
export function redactConfig(config: BridgeConfig): BridgeConfig {
  return {
    ...config,
    relay: { ...config.relay, token: REDACTED },
    klikit: config.klikit && { ...config.klikit, partnerKey: REDACTED, secretKey: REDACTED },
  };
}

/** pino `redact` paths for any log line that carries a config. */
export const SECRET_LOG_PATHS = [
  'config.relay.token',
  'config.klikit.partnerKey',
  'config.klikit.secretKey',
  'relay.token',
  'klikit.partnerKey',
  'klikit.secretKey',
];
