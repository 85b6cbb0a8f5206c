// A counter screen's own sound switch: the counter PC's `sound` setting is the desktop window's, and a
// browser may only play sound after a tap on its page anyway. Kept in this browser, per screen.

const KEY = 'kitchen-bridge.screen-sound';

export const screenSound = {
  on(): boolean {
    try {
      return window.localStorage.getItem(KEY) === 'on';
    } catch {
      return false;
    }
  },
  set(on: boolean): void {
    try {
      window.localStorage.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // Storage refused (a private window): the switch lasts until the page reloads.
    }
  },
};
