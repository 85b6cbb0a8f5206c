import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './window-options.js';

// Everything a page could use to leave the app: navigation, new windows, webviews, permission
// prompts. The window only ever shows app://renderer; a link to one of the allowlisted help sites
// opens in the system browser instead.

export const EXTERNAL_ALLOWLIST: readonly string[] = ['https://developer.klikit.io', 'https://klikit.io'];

export function isAllowedExternal(url: string, allowlist: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowlist.some((allowed) => new URL(allowed).origin === parsed.origin);
  } catch {
    return false;
  }
}

/** Compared by scheme and host: Node's URL gives custom schemes the opaque origin "null". */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    const app = new URL(APP_ORIGIN);
    return parsed.protocol === app.protocol && parsed.host === app.host;
  } catch {
    return false;
  }
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenContents(contents: Contents, openExternal: (url: string) => Promise<void> | void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void openExternal(url);
    return { action: 'deny' };
  });
}

/** The queue needs no camera, microphone, notifications-from-page, geolocation, …: deny all. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
