// Injected into the page (bundled to an IIFE, then playwright addInitScript) in place of the
// Electron preload: the same `window.bridge` contract, carried over the test transport's WebSocket.
import { BRIDGE_METHOD_NAMES } from '../../../../common/channels.js';

// Typed against globalThis because the project's Node tsconfig has no DOM lib.
const page = globalThis as unknown as { location: { host: string; search: string }; bridge?: unknown; bridgeCalls?: string[] };
{
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Set<(update: unknown) => void>();
  const queued: string[] = [];
  let nextId = 1;
  // The page's query (`?grant=…`) goes on: the test transport answers screenGrant from it.
  const ws = new WebSocket(`ws://${page.location.host}/bridge${page.location.search}`);
  // Every method the page called, in order: a test asserts what a kind of screen asks for.
  const calls: string[] = (page.bridgeCalls = []);
  ws.addEventListener('open', () => {
    for (const message of queued.splice(0)) ws.send(message);
  });
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { type: string; id?: number; result?: unknown; update?: unknown };
    if (message.type === 'response' && message.id !== undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'update') {
      for (const listener of listeners) listener(message.update);
    }
  });
  const call = (method: string) => (args?: unknown) =>
    new Promise((resolve) => {
      calls.push(method);
      const id = nextId++;
      pending.set(id, resolve);
      const text = JSON.stringify({ type: 'request', id, method, args });
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else queued.push(text);
    });
  page.bridge = {
    ...Object.fromEntries(BRIDGE_METHOD_NAMES.map((m) => [m, call(m)])),
    onUpdate(listener: (update: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
