import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { BRIDGE_METHODS, bridgeMethods, channelOf, type BridgeMethod, type BridgeResult } from '../../common/bridge-api.js';
import { describeZodError } from '../klikit/schemas.js';
import { isAppUrl } from './harden.js';

// One ipcMain handler per operation. Each checks that the call comes from our own page's main
// frame (not an iframe, not a page that somehow navigated elsewhere) and validates the arguments
// before anything reaches the core.

export type Forward = (method: BridgeMethod, args: unknown) => Promise<BridgeResult<unknown>>;
/** A method main handles itself first (setSecret: encrypt and store before the core hears of it). */
export type Intercept = Partial<Record<BridgeMethod, (args: unknown, forward: Forward) => Promise<BridgeResult<unknown>>>>;

export function trustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

export function registerBridgeIpc(ipcMain: Pick<IpcMain, 'handle'>, forward: Forward, intercept: Intercept = {}): void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(channelOf(method), async (event, rawArgs: unknown): Promise<BridgeResult<unknown>> => {
      if (!trustedSender(event)) return { ok: false, error: 'refused: the request did not come from the kitchen bridge window' };
      const parsed = bridgeMethods[method].args.safeParse(rawArgs);
      if (!parsed.success) return { ok: false, error: `invalid arguments for ${method}: ${describeZodError(parsed.error)}` };
      const own = intercept[method];
      return own ? own(parsed.data, forward) : forward(method, parsed.data);
    });
  }
}
