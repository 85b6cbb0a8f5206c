import { h, replaceChildren } from './dom.js';
import { SCREEN_WORDS } from './screen-words.js';

// The parts of a LAN screen around its view: the station's name in the header, and what a screen
// says when it cannot learn its kind.

/** A station screen names its station in large type at the start of the header: the cook knows whose lines these are. */
export function renderScreenName(header: HTMLElement, name: string): void {
  let el = header.querySelector<HTMLElement>('.screen-name');
  if (!el) {
    el = h('span', { class: 'screen-name', 'aria-label': SCREEN_WORDS.stationLabel });
    header.prepend(el);
  }
  if (el.textContent !== name) el.textContent = name;
}

/** Nothing of the board is shown: a screen that does not know its kind could show what it may not. */
export function screenNotKnown(why: string): void {
  document.body.dataset.screen = 'unknown';
  const note = h('p', { class: 'screen-unknown', role: 'alert' });
  replaceChildren(note, SCREEN_WORDS.grantUnknown(why));
  document.body.append(note);
  document.body.dataset.ready = 'true';
}
