import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHOD_NAMES, UPDATE_CHANNEL } from '../../../common/channels.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 'x' }));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload', () => {
  beforeAll(async () => {
    await import('../../../preload/preload.js');
  });

  it('exposes exactly one function per contract operation plus onUpdate, never ipcRenderer', () => {
    const bridge = exposed.bridge as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['bridge']);
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_METHOD_NAMES, 'onUpdate'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes the fixed channel of each operation', async () => {
    const bridge = exposed.bridge as Record<string, (args?: unknown) => Promise<unknown>>;
    await bridge.reprint!({ orderId: 1, printerId: 'k' });
    expect(invoke).toHaveBeenCalledWith('bridge:reprint', { orderId: 1, printerId: 'k' });
  });

  it('hands pushes to the page without the IPC event', () => {
    const bridge = exposed.bridge as { onUpdate(cb: (...args: unknown[]) => void): () => void };
    const received: unknown[][] = [];
    const off = bridge.onUpdate((...args) => received.push(args));
    listeners.get(UPDATE_CHANNEL)!({ sender: 'ipcRenderer!' }, { type: 'orders' });
    expect(received).toEqual([[{ type: 'orders' }]]);
    off();
    expect(listeners.has(UPDATE_CHANNEL)).toBe(false);
  });
});
