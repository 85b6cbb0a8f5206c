import { matchLocale } from '../../common/i18n/locales.js';
import { SCREEN_LANGUAGE_PARAM, SCREEN_SOCKET_PATH } from '../../common/screen-protocol.js';
import { rememberScreenLanguage, screenPageLanguage } from '../i18n.js';
import { showLinkState } from './link-banner.js';
import { createSocketBridge } from './socket-bridge.js';

// Loaded ahead of app.js by the screen server's index.html (a classic script, so `window.bridge`
// exists before the app module runs): the board in a browser talks to the bridge over its socket.

// The language picked on the pairing page (the server sends a new screen on to `/?lang=th`): this screen keeps it.
const picked = new URLSearchParams(location.search).get('lang');
if (picked !== null) {
  // Only a language the product speaks is kept ('' is "as the browser").
  if (picked === '' || matchLocale(picked) !== null) rememberScreenLanguage(picked);
  history.replaceState(null, '', location.pathname);
}

// The bridge words its sentences in the language this page shows. Choosing another reloads the page,
// so the next socket names the new one; a reconnect keeps this page's.
const socketUrl = `ws://${location.host}${SCREEN_SOCKET_PATH}?${SCREEN_LANGUAGE_PARAM}=${encodeURIComponent(screenPageLanguage())}`;

window.bridge = createSocketBridge(socketUrl, {
  onLink: (up) => {
    if (document.body) showLinkState(up);
    else document.addEventListener('DOMContentLoaded', () => showLinkState(up), { once: true });
  },
  onUnpaired: () => location.replace('/pair'),
  // The page's own files need the credential too: 401 means this screen was removed, not that the PC is away.
  refused: () => fetch('/screen-link.js', { method: 'HEAD', cache: 'no-store' }).then((res) => res.status === 401, () => false),
});
