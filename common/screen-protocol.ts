import * as z from 'zod';
import { bridgeUpdateSchema } from './bridge-api.js';
import { bridgeResultSchema } from './core-protocol.js';

// The wire between a screen's browser (renderer/screen-link) and the bridge's screen server
// (main/screens): the window contract's requests and answers, the core's pushes, and a heartbeat.
// The screen server itself imports common/screen-socket.ts only.

export { screenInboundSchema, HEARTBEAT_MS, SILENT_LINK_MS, SCREEN_SOCKET_PATH, SCREEN_LANGUAGE_PARAM, CLOSE_UNPAIRED } from './screen-socket.js';

/** The bridge to a screen: answers, pushes, and a heartbeat every HEARTBEAT_MS so a silent link is noticed. */
export const screenOutboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int(), result: bridgeResultSchema }),
  z.object({ type: z.literal('update'), update: bridgeUpdateSchema }),
  z.object({ type: z.literal('heartbeat') }),
]);
export type ScreenOutbound = z.infer<typeof screenOutboundSchema>;
