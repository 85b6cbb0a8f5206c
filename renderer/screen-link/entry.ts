import { SCREEN_SOCKET_PATH } from '../../common/screen-protocol.js';
import { showLinkState } from './link-banner.js';
import { createSocketBridge } from './socket-bridge.js';

// Loaded ahead of app.js by the screen server's index.html (a classic script, so `window.bridge`
// exists before the app module runs): the board in a browser talks to the bridge over its socket.

window.bridge = createSocketBridge(`ws://${location.host}${SCREEN_SOCKET_PATH}`, {
  onLink: (up) => {
    if (document.body) showLinkState(up);
    else document.addEventListener('DOMContentLoaded', () => showLinkState(up), { once: true });
  },
  onUnpaired: () => location.replace('/pair'),
  // The page's own files need the credential too: 401 means this screen was removed, not that the PC is away.
  refused: () => fetch('/screen-link.js', { method: 'HEAD', cache: 'no-store' }).then((res) => res.status === 401, () => false),
});
