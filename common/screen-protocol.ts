import * as z from 'zod';
import { bridgeUpdateSchema } from './bridge-api.js';
import { bridgeResultSchema } from './core-protocol.js';

// The wire between a screen's browser (renderer/screen-link) and the bridge's screen server
// (main/screens): the window contract's requests and answers, the core's pushes, and a heartbeat.

/** A screen to the bridge. */
export const screenInboundSchema = z.object({ type: z.literal('request'), id: z.number().int(), method: z.string().max(64), args: z.unknown().optional() });

/** The bridge to a screen: answers, pushes, and a heartbeat every HEARTBEAT_MS so a silent link is noticed. */
export const screenOutboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int(), result: bridgeResultSchema }),
  z.object({ type: z.literal('update'), update: bridgeUpdateSchema }),
  z.object({ type: z.literal('heartbeat') }),
]);
export type ScreenOutbound = z.infer<typeof screenOutboundSchema>;

export const HEARTBEAT_MS = 1500;
/** Without a frame for this long the screen says the counter PC is unreachable (the issue asks within 5 s). */
export const SILENT_LINK_MS = 4000;
/** The socket's path on the screen server. */
export const SCREEN_SOCKET_PATH = '/bridge';
/** Close codes: the credential is not (or no longer) valid: the screen goes back to pairing. */
export const CLOSE_UNPAIRED = 4001;
