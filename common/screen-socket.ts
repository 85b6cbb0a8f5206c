import * as z from 'zod';

// The half of the screen wire (common/screen-protocol.ts) the bridge's screen server needs at start:
// what a screen may send, the heartbeat and the close codes. It stays apart from the answers' schema,
// which holds the whole window contract (common/bridge-api.ts), so that a bridge with no screen
// connected never builds that contract (bench/bridge-idle.ts).

/** A screen to the bridge. */
export const screenInboundSchema = z.object({ type: z.literal('request'), id: z.number().int(), method: z.string().max(64), args: z.unknown().optional() });

export const HEARTBEAT_MS = 1500;
/** Without a frame for this long the screen says the counter PC is unreachable (the issue asks within 5 s). */
export const SILENT_LINK_MS = 4000;
/** The socket's path on the screen server. */
export const SCREEN_SOCKET_PATH = '/bridge';
/** The socket URL's query parameter naming the language the screen's page shows (`/bridge?lang=th`). */
export const SCREEN_LANGUAGE_PARAM = 'lang';
/** Close codes: the credential is not (or no longer) valid: the screen goes back to pairing. */
export const CLOSE_UNPAIRED = 4001;
