import type { ScreenGrant } from '../common/screen-grant.js';

// What each kind of screen shows, from its grant: one place, so that a station or a counter screen
// can never open what only the desktop window on the counter PC may (settings, diagnostics, printer
// set-up), whatever tab, key or link leads there.

export type BoardTab = 'queue' | 'done' | 'problems' | 'settings' | 'stock' | 'allday' | 'numbers';

export type ScreenFeatures =
  | {
      view: 'board';
      /** The tabs this screen offers, in their order (Alt+1… follow it). */
      tabs: readonly BoardTab[];
      /** The one station this screen shows and bumps, or null for the whole board (with its station selector). */
      station: string | null;
      /** Accept and Reject are offered (the acceptance strip included). */
      accepts: boolean;
      /** The counter's own settings are read and written (sound, set-up hint): the desktop window only. */
      settings: boolean;
    }
  | { view: 'expo' }
  | { view: 'pickup' };

export type BoardFeatures = Extract<ScreenFeatures, { view: 'board' }>;

/** The desktop window on the counter PC: everything. */
export const DESKTOP_BOARD: BoardFeatures = { view: 'board', tabs: ['queue', 'done', 'problems', 'settings', 'stock', 'allday', 'numbers'], station: null, accepts: true, settings: true };

export function screenFeatures(grant: ScreenGrant): ScreenFeatures {
  switch (grant.kind) {
    case 'desktop':
      return DESKTOP_BOARD;
    case 'counter':
      return { view: 'board', tabs: ['queue', 'done', 'problems', 'stock', 'allday', 'numbers'], station: null, accepts: true, settings: false };
    case 'station':
      // No Done: its Back to board would recall the whole order's bump, which is the counter's or expo's to undo.
      return { view: 'board', tabs: ['queue', 'stock', 'allday'], station: grant.station, accepts: false, settings: false };
    case 'expo':
      return { view: 'expo' };
    case 'pickup':
      return { view: 'pickup' };
  }
}
