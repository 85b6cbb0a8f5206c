// The relay and klikit URLs a secret is sent to, checked the same way in the window's settings and in
// the headless config: cleartext only inside the local network, never credentials in the URL, and
// the origin each secret is bound to. Web-standard globals only (URL): the window bundles it too.

import type { MessageKey } from './i18n/catalogue.js';
import { inEnglish } from './issue-text.js';

export type ServiceKind = 'relay' | 'klikit';

const SCHEMES: Record<ServiceKind, { secure: string; cleartext: string }> = {
  relay: { secure: 'wss:', cleartext: 'ws:' },
  klikit: { secure: 'https:', cleartext: 'http:' },
};

function ipv4Octets(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function privateIpv4([a, b]: number[]): boolean {
  return a === 127 || a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** The 16-bit groups of an IPv6 address as WHATWG URL writes it (compressed, lowercase, no zone). */
function ipv6Groups(host: string): number[] | null {
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const side = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const head = side(halves[0]!);
  const tail = halves.length === 2 ? side(halves[1]!) : [];
  const groups = halves.length === 2 ? [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function privateIpv6(groups: number[]): boolean {
  const first = groups[0]!;
  const loopback = groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
  const mappedV4 = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mappedV4) return privateIpv4([groups[6]! >> 8, groups[6]! & 0xff]);
  return loopback || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/**
 * Loopback, RFC 1918, unique-local (fc00::/7) or link-local: where cleartext never leaves the site.
 * Names other than `localhost` do not count, whatever they resolve to today: DNS can change.
 */
export function isLocalNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  const v4 = ipv4Octets(host);
  if (v4) return privateIpv4(v4);
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1));
    return groups !== null && privateIpv6(groups);
  }
  return false;
}

/**
 * Why `value` cannot be the relay / klikit URL, or null when it can. Callers report it under the key
 * it was given for (`relayUrl`, `relay.urls.0`): the person reading it is setting up a counter PC.
 */
export function serviceUrlProblem(value: string, kind: ServiceKind): string | null {
  const problem = serviceUrlIssue(value, kind);
  return problem && inEnglish(problem.key, problem.values);
}

/** The same problem as a catalogue key and its values, for the window to word in its own language. */
export function serviceUrlIssue(value: string, kind: ServiceKind): { key: MessageKey; values: Record<string, string> } | null {
  const { secure, cleartext } = SCHEMES[kind];
  const like = { key: 'settings.error.urlLike', values: { example: kind === 'relay' ? 'wss://relay.example.com/v1/bridge' : 'https://gateway-enterprise.klikit.io/v1/partner' } } as const;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return like;
  }
  if (url.protocol !== secure && url.protocol !== cleartext) return like;
  if (url.username !== '' || url.password !== '') return { key: 'settings.error.urlCredentials', values: { kind } };
  if (url.protocol === cleartext && !isLocalNetworkHost(url.hostname)) {
    return { key: 'settings.error.urlCleartext', values: { cleartext: cleartext.slice(0, -1), secure: secure.slice(0, -1) } };
  }
  return null;
}

/** The scheme, host and port a secret is bound to; null when the URL is empty or not a URL. */
export function originOf(value: string): string | null {
  if (value === '') return null;
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
