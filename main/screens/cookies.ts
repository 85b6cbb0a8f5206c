// The screen's credential travels only as an HttpOnly, SameSite=Strict cookie: page scripts cannot
// read it, and no other site's page can make the browser send it.

export const SCREEN_COOKIE = 'kb_screen';
const TEN_YEARS_S = 10 * 365 * 24 * 3600;

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const credentialCookie = (value: string, maxAgeS = TEN_YEARS_S): string =>
  `${SCREEN_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}`;

/** For a browser-mode session: gone when the browser closes. */
export const sessionCookie = (value: string): string => `${SCREEN_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict`;
