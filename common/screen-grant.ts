import * as z from 'zod';

// What a window may see and do: the desktop window and a paired counter see everything; a station
// screen one station's lines; expo every order's progress; a pickup board only ready order numbers.
// The renderer picks its view from this; the bridge's screen server enforces it per connection.

export const screenKindSchema = z.enum(['counter', 'expo', 'pickup', 'station']);
export type ScreenKind = z.infer<typeof screenKindSchema>;

export const screenGrantSchema = z.discriminatedUnion('kind', [
  /** The Electron window on the counter PC (and the test transport): everything, Settings included. */
  z.object({ kind: z.literal('desktop') }),
  z.object({ kind: z.literal('counter') }),
  z.object({ kind: z.literal('expo') }),
  z.object({ kind: z.literal('pickup') }),
  /** `station` is a printer id with routes (the station's name is that printer's name). */
  z.object({ kind: z.literal('station'), station: z.string().min(1).max(64) }),
]);
export type ScreenGrant = z.infer<typeof screenGrantSchema>;

export const DESKTOP_GRANT: ScreenGrant = { kind: 'desktop' };
