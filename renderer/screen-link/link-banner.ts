import { linkWords } from './words.js';

// The one line a screen shows while it cannot hear the bridge. It belongs to the page, not to a view,
// so it shows whatever the board is doing; it is built with DOM calls only (the page's CSP has no inline style).

export function showLinkState(up: boolean, doc: Document = document): void {
  let banner = doc.getElementById('screen-link-down');
  if (up) {
    if (banner) banner.hidden = true;
    return;
  }
  if (!banner) {
    banner = doc.createElement('div');
    banner.id = 'screen-link-down';
    banner.className = 'screen-link-down';
    banner.setAttribute('role', 'alert');
    const words = linkWords();
    const line = doc.createElement('strong');
    line.textContent = words.t('screens.link.unreachable');
    const retry = doc.createElement('span');
    retry.textContent = ` ${words.t('screens.link.retrying')}`;
    banner.append(line, retry);
    (doc.body ?? doc.documentElement).prepend(banner);
  }
  banner.hidden = false;
}
