import * as z from 'zod';

// How long each aggregator waits for the kitchen to accept an order before it cancels it, and when
// the board's alarm escalates. One schema for the config file's `acceptance` and the window's
// Settings → Kitchen, and the pure arithmetic the core, the window and the tray share, so every
// screen counts down to the same second. Its messages are catalogue keys (common/issue-text.ts).

/**
 * Minutes a platform publishes between placing and cancelling an unaccepted order, by klikit
 * provider id. Only figures a platform documents belong here; every other provider gets
 * `otherProvidersMinutes` (our assumption, README "Acceptance deadlines").
 */
export const PUBLISHED_DEADLINE_MINUTES: Readonly<Record<number, number>> = {
  /** Uber Eats: an order not accepted within 11.5 minutes is cancelled. */
  2: 11.5,
};

const minutes = z
  .number({ message: 'settings.error.enterMinutes' })
  .min(1, { message: 'settings.error.atLeastMinutes' })
  .max(120, { message: 'settings.error.atMostMinutes' });

export const acceptanceSettingsSchema = z
  .object({
    /** Per klikit provider id ("6": GrabFood): minutes from placing to the platform's cancellation. Overrides the published figure. */
    deadlineMinutes: z.record(z.string().regex(/^\d+$/, { message: 'settings.error.providerIdFormat' }), minutes),
    /** Providers with neither a published figure nor an entry above. */
    otherProvidersMinutes: minutes,
    /** The alarm gets louder once this share of the time has gone (0.5: half-time). */
    warnAtShare: z
      .number({ message: 'settings.error.enterShare' })
      .min(0.1, { message: 'settings.error.shareMin' })
      .max(0.9, { message: 'settings.error.shareMax' }),
    /** The last minutes: the order takes over the screen, the sound changes, the tray and a notification say so. */
    takeoverMinutes: z
      .number({ message: 'settings.error.enterMinutes' })
      .min(0.5, { message: 'settings.error.takeoverMin' })
      .max(10, { message: 'settings.error.atMostMinutes' }),
    /** Accept by itself while the kitchen has fewer open orders than this; 0: never. */
    autoAcceptBelowOpenOrders: z
      .number({ message: 'settings.error.enterOrders' })
      .int({ message: 'settings.error.wholeOrders' })
      .min(0, { message: 'settings.error.autoAcceptMin' })
      .max(50, { message: 'settings.error.atMostOpenOrders' }),
  })
  .strict();
export type AcceptanceSettings = z.infer<typeof acceptanceSettingsSchema>;

export const ACCEPTANCE_DEFAULTS: AcceptanceSettings = {
  deadlineMinutes: {},
  otherProvidersMinutes: 10,
  warnAtShare: 0.5,
  takeoverMinutes: 2,
  autoAcceptBelowOpenOrders: 0,
};

/** Minutes before this provider's platform cancels an unaccepted order: the configured figure, the published one, else the default. */
export function deadlineMinutesFor(providerId: number | null | undefined, settings: AcceptanceSettings): number {
  if (providerId == null) return settings.otherProvidersMinutes;
  return settings.deadlineMinutes[String(providerId)] ?? PUBLISHED_DEADLINE_MINUTES[providerId] ?? settings.otherProvidersMinutes;
}

/** The moments of one waiting order's countdown (ISO-8601). */
export const acceptanceClockSchema = z.object({
  /** What the countdown starts from: the earlier of klikit's created_at and when this bridge first saw the order. */
  placedAt: z.string(),
  /** The alarm gets louder. */
  warnAt: z.string(),
  /** The takeover, the second sound, the tray and the notification. */
  urgentAt: z.string(),
  /** The platform cancels the order. */
  cancelsAt: z.string(),
});
export type AcceptanceClock = z.infer<typeof acceptanceClockSchema>;

export type AlarmStage = 'calm' | 'warning' | 'urgent' | 'expired';

/**
 * The countdown of an order placed at `createdAt` (klikit's clock) and first seen at `firstSeenAt`
 * (ours). It starts from the earlier of the two: a webhook that arrives late, or a counter PC whose
 * clock runs behind, must never show more time than the platform gives.
 */
export function acceptanceClock(createdAt: string | null, firstSeenAt: string, providerId: number | null | undefined, settings: AcceptanceSettings): AcceptanceClock | null {
  const seen = Date.parse(firstSeenAt);
  const created = createdAt === null ? Number.NaN : Date.parse(createdAt);
  const placed = Number.isNaN(created) ? seen : Number.isNaN(seen) ? created : Math.min(created, seen);
  if (Number.isNaN(placed)) return null;
  const totalMs = deadlineMinutesFor(providerId, settings) * 60_000;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const urgentMs = Math.max(0, totalMs - settings.takeoverMinutes * 60_000);
  return {
    placedAt: iso(placed),
    warnAt: iso(placed + Math.min(totalMs * settings.warnAtShare, urgentMs)),
    urgentAt: iso(placed + urgentMs),
    cancelsAt: iso(placed + totalMs),
  };
}

export function timeLeftMs(clock: AcceptanceClock, now: number): number {
  return Date.parse(clock.cancelsAt) - now;
}

export function alarmStage(clock: AcceptanceClock, now: number): AlarmStage {
  if (now >= Date.parse(clock.cancelsAt)) return 'expired';
  if (now >= Date.parse(clock.urgentAt)) return 'urgent';
  if (now >= Date.parse(clock.warnAt)) return 'warning';
  return 'calm';
}

/** "7:05" left, rounded up so 0:00 shows only once the platform's time is up. */
export function countdownText(leftMs: number): string {
  const seconds = Math.max(0, Math.ceil(leftMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The worst stage among orders (the alarm follows the most pressing one). */
export function worstStage(stages: readonly AlarmStage[]): AlarmStage | null {
  const order: AlarmStage[] = ['expired', 'urgent', 'warning', 'calm'];
  return order.find((s) => stages.includes(s)) ?? null;
}

const providerCountSchema = z.object({ providerId: z.number().int().nullable(), provider: z.string(), count: z.number().int().nonnegative() });

/** Orders the platforms cancelled while they waited for acceptance, per day (the kitchen's local day) and per provider. */
export const missedCountSchema = z.object({
  /** Today's count, the figure the header shows. */
  today: z.number().int().nonnegative(),
  /** Newest day first; days without a missed order are left out. */
  days: z.array(z.object({ day: z.string(), total: z.number().int().nonnegative(), byProvider: z.array(providerCountSchema) })),
});
export type MissedCount = z.infer<typeof missedCountSchema>;
