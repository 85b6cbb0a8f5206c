import type { BridgeResult } from '../../common/bridge-api.js';
import { describeZodError } from '../klikit/schemas.js';
import type { WindowApi } from './window-api.js';
import { errorText } from '../../common/error-text.js';

export type RequestHandler = (method: unknown, rawArgs: unknown) => Promise<BridgeResult<unknown>>;

/**
 * The single entry of every transport: validates the method name and its arguments against the
 * contract, runs it, and turns every failure into a value, so a bad request never kills the core.
 * The contract's ~500 zod schemas are built at the first request, not at start: a headless bridge
 * with no screen connected never needs them. A dynamic import, so that the bundle (esbuild) evaluates
 * common/bridge-api.ts then too; nothing else the core starts with may import it
 * (test/integration/build/node-bundles.test.ts).
 */
export function createRequestHandler(api: WindowApi, log: (message: string) => void = () => {}): RequestHandler {
  return async (method, rawArgs) => {
    const { bridgeMethods, isBridgeMethod } = await import('../../common/bridge-api.js');
    if (!isBridgeMethod(method)) return { ok: false, error: `unknown method ${String(method)}` };
    const parsed = bridgeMethods[method].args.safeParse(rawArgs);
    if (!parsed.success) return { ok: false, error: `invalid arguments for ${method}: ${describeZodError(parsed.error)}` };
    try {
      const call = api[method] as (args: unknown) => unknown;
      return { ok: true, value: await call(parsed.data) };
    } catch (err) {
      const message = errorText(err);
      log(`${method} failed: ${message}`);
      return { ok: false, error: `${method} failed: ${message}` };
    }
  };
}

