import type { BridgeApi } from '../common/bridge-api.js';

// `window.bridge` as the preload (or, in tests, the test shim) exposes it.
declare global {
  interface Window {
    bridge: BridgeApi;
  }
}
