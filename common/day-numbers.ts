import * as z from 'zod';
import { DAY_NUMBERS_MAX_DAYS } from './kitchen-defaults.js';

// The window's contract for the kitchen's own figures: what is still to cook (all-day counts) and how
// the days went (the day in numbers). Shared by the core that computes them and the window that draws them.

export const allDayModifierSchema = z.object({ name: z.string(), count: z.number().int().nonnegative() });

export const allDayItemSchema = z.object({
  name: z.string(),
  /** Portions still to cook across the open orders. */
  count: z.number().int().nonnegative(),
  /** Each modifier with how many of those portions carry it, most first ("Spice: Extra pedas" 3). */
  modifiers: z.array(allDayModifierSchema),
});
export type AllDayItem = z.infer<typeof allDayItemSchema>;

export const allDayStationSchema = z.object({
  /** The station's printer id; null for every line when no printer has routes, or for lines no station takes. */
  id: z.string().nullable(),
  name: z.string(),
  total: z.number().int().nonnegative(),
  items: z.array(allDayItemSchema),
});
export type AllDayStation = z.infer<typeof allDayStationSchema>;

export const allDayCountsSchema = z.object({
  /** Open orders counted (active, ticket printed or printing; scheduled ones still waiting are not). */
  orders: z.number().int().nonnegative(),
  stations: z.array(allDayStationSchema),
});
export type AllDayCounts = z.infer<typeof allDayCountsSchema>;

/** Ticket-time and lateness figures of one group of tickets. */
export const ticketFiguresSchema = z.object({
  /** Orders (tickets, for a station) received in the period. */
  orders: z.number().int().nonnegative(),
  /** Of those, finished: a ticket time is known. */
  finished: z.number().int().nonnegative(),
  p50Seconds: z.number().nonnegative().nullable(),
  p90Seconds: z.number().nonnegative().nullable(),
  /** Finished after klikit's due time. */
  late: z.number().int().nonnegative(),
  /** Finished with a due time known (what `late` is out of). */
  withDue: z.number().int().nonnegative(),
});
export type TicketFigures = z.infer<typeof ticketFiguresSchema>;

export const dayFiguresSchema = ticketFiguresSchema.extend({
  day: z.string(),
  missedAcceptances: z.number().int().nonnegative(),
  printerHoldMinutes: z.number().nonnegative(),
  backupsUsed: z.number().int().nonnegative(),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

export const dayInNumbersSchema = z.object({
  /** First and last day shown (YYYY-MM-DD, the bridge's time zone). */
  from: z.string(),
  to: z.string(),
  /** The whole period, all stations and providers together. */
  total: ticketFiguresSchema,
  /** Every day of the period, oldest first, all stations and providers together. */
  days: z.array(dayFiguresSchema),
  /** Per station over the period: ticket figures plus its printer's holds and backups. */
  stations: z.array(ticketFiguresSchema.extend({ id: z.string(), name: z.string(), printerHoldMinutes: z.number().nonnegative(), backupsUsed: z.number().int().nonnegative() })),
  /** Per provider over the period. */
  providers: z.array(ticketFiguresSchema.extend({ provider: z.string(), missedAcceptances: z.number().int().nonnegative() })),
  /** How many days the figures are kept. */
  retentionDays: z.number().int().positive(),
});
export type DayInNumbers = z.infer<typeof dayInNumbersSchema>;

export { DAY_NUMBERS_MAX_DAYS };
export const dayRangeSchema = z.object({ days: z.number().int().min(1).max(DAY_NUMBERS_MAX_DAYS) }).strict();
