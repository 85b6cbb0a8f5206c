import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_METHOD_NAMES, UPDATE_CHANNEL, channelOf } from '../common/channels.js';

// The whole surface the window gets: one function per operation on its fixed channel, and a
// listener for pushes that receives the payload only (never the IpcRendererEvent, whose `sender`
// would hand the page ipcRenderer itself). The main process validates every argument.

const calls = Object.fromEntries(
  BRIDGE_METHOD_NAMES.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(channelOf(method), args)]),
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
