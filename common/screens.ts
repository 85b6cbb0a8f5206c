import * as z from 'zod';
import { printerIdSchema } from './order-actions.js';

// LAN screens: the `screens` settings and config key, and the shapes of the pairing and
// screen-list window methods (the wire protocol is in screen-protocol.ts).

export const SCREENS_DEFAULT_PORT = 8787;

/** `screens` in the bridge config and in Settings: off until the owner turns it on. Messages are catalogue keys (common/issue-text.ts). */
export const screensSettingsSchema = z
  .object({
    enabled: z.boolean({ message: 'settings.error.onOrOff' }),
    port: z.number({ message: 'settings.error.enterPort' }).int({ message: 'settings.error.wholePort' }).min(1, { message: 'settings.error.portRange' }).max(65_535, { message: 'settings.error.portRange' }),
    /** The address to listen on: 0.0.0.0 (every network of this computer) or one of its addresses. */
    bind: z.string().trim().min(1, { message: 'settings.error.bind' }).max(64),
    /** Extra names screens may use for this computer (a DNS name set up on the router); its own addresses always work. */
    hostNames: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, { message: 'settings.error.hostName' })).max(10).default([]),
  })
  .strict();
export type ScreensSettings = z.infer<typeof screensSettingsSchema>;

export const DEFAULT_SCREENS: ScreensSettings = { enabled: false, port: SCREENS_DEFAULT_PORT, bind: '0.0.0.0', hostNames: [] };

/** What a pairing code grants: `station:<printer id>` on the command line. */
export const pairKindSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('counter') }),
  z.object({ kind: z.literal('expo') }),
  z.object({ kind: z.literal('pickup') }),
  z.object({ kind: z.literal('station'), station: printerIdSchema }),
]);
export type PairKind = z.infer<typeof pairKindSchema>;

export const pairingCodeSchema = z.discriminatedUnion('ok', [
  /** `urls`: the addresses a screen on the LAN opens (this computer's own, with the port). */
  z.object({ ok: z.literal(true), code: z.string(), expiresAt: z.string(), message: z.string(), urls: z.array(z.string()) }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type PairingCodeResult = z.infer<typeof pairingCodeSchema>;

export const pairedScreenSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['counter', 'expo', 'pickup', 'station']),
  station: z.string().nullable(),
  address: z.string(),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  online: z.boolean(),
});
export type PairedScreen = z.infer<typeof pairedScreenSchema>;
