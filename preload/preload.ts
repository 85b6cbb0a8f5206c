import { contextBridge, ipcRenderer } from 'electron';

// The whole surface the window gets: one function per operation on its fixed channel, and a
// listener for pushes that receives the payload only (never the IpcRendererEvent, whose `sender`
// would hand the page ipcRenderer itself). The main process validates every argument.
// The names mirror common/channels.ts (the lint rule for preload/ rejects relative imports);
// test/unit/app/preload.test.ts fails if the two lists drift apart.

const METHODS = [
  'listOrders',
  'getOrder',
  'acknowledgeOrder',
  'reprint',
  'getHealth',
  'listProblems',
  'getSettings',
  'saveSettings',
  'testPrint',
  'setSecret',
] as const;
const UPDATE_CHANNEL = 'bridge:update';

const calls = Object.fromEntries(
  METHODS.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(`bridge:${method}`, args)]),
);

contextBridge.exposeInMainWorld('bridge', {
  ...calls,
  onUpdate(listener: (update: unknown) => void): () => void {
    const forward = (_event: unknown, update: unknown): void => listener(update);
    ipcRenderer.on(UPDATE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(UPDATE_CHANNEL, forward);
    };
  },
});
