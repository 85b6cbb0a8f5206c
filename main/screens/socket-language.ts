import { matchLocale, type UiLocale } from '../../common/i18n/locales.js';
import type { ScreenGrant } from '../../common/screen-grant.js';

// The language a screen's socket is answered in: the one its page shows, named on the socket's URL
// (`/bridge?lang=th`, renderer/screen-link/entry.ts). The desktop grant's board (browser mode) shows
// the settings' language, as the desktop window does, so it is answered in that.

/** Longer than any tag naming a language we have: anything longer is not read at all. */
const MAX_TAG = 64;

/** null: the settings' language (the desktop grant, no tag, or a tag for a language we do not have). */
export function socketLanguage(grant: ScreenGrant, tag: string | null): UiLocale | null {
  if (grant.kind === 'desktop' || tag === null || tag.length > MAX_TAG) return null;
  return matchLocale(tag);
}
