import * as z from 'zod';
import { bridgeUpdateSchema } from './bridge-api.js';
import { boundSecretSchema } from './settings.js';

// Messages between the Electron main and the core utilityProcess (over parentPort), and between a
// test page and the test transport. Both sides parse what they receive with these schemas.

/** The window's secrets main hands the core at start, each with the origin it was entered for (main/app/secret-vault.ts). */
export const initSecretsSchema = z.object({ relayToken: boundSecretSchema.optional(), klikitSecretKey: boundSecretSchema.optional() });

export const coreInboundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    dataDir: z.string().min(1),
    secrets: initSecretsSchema,
  }),
  z.object({ type: z.literal('request'), id: z.number().int(), method: z.string(), args: z.unknown().optional() }),
  z.object({ type: z.literal('stop') }),
]);
export type CoreInbound = z.infer<typeof coreInboundSchema>;

export const bridgeResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const coreOutboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), message: z.string() }),
  z.object({ type: z.literal('response'), id: z.number().int(), result: bridgeResultSchema }),
  z.object({ type: z.literal('update'), update: bridgeUpdateSchema }),
]);
export type CoreOutbound = z.infer<typeof coreOutboundSchema>;
