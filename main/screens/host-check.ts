import { networkInterfaces, hostname } from 'node:os';

// DNS rebinding and cross-site requests. A page anywhere can point a name it controls at this
// computer's address and then talk to the screen server "same-origin": its requests carry that name
// in Host. So Host must be one of this computer's own addresses or a name the owner configured, with
// the server's port; and every write and socket upgrade must come from a page of that same origin.

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** This computer's names and addresses as a Host header spells them (IPv6 in brackets). */
export function ownHostNames(configured: readonly string[], interfaces = networkInterfaces(), name = hostname()): Set<string> {
  const names = new Set([...LOOPBACK, ...configured.map((n) => n.toLowerCase())]);
  const host = name.toLowerCase();
  if (host) names.add(host).add(`${host}.local`);
  for (const list of Object.values(interfaces)) {
    for (const nic of list ?? []) names.add(nic.family === 'IPv6' ? `[${nic.address.split('%')[0]!.toLowerCase()}]` : nic.address);
  }
  return names;
}

/** The host name and port a Host header names, or null when it is malformed. */
export function parseHost(header: string | undefined): { name: string; port: number | null } | null {
  if (!header) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(header.trim().toLowerCase());
  if (!match) return null;
  return { name: match[1]!, port: match[2] === undefined ? null : Number(match[2]) };
}

/** Whether the Host header names this server: one of `names`, with its port (left out only for port 80). */
export function isOwnHost(header: string | undefined, port: number, names: ReadonlySet<string>): boolean {
  const host = parseHost(header);
  if (!host || !names.has(host.name)) return false;
  return host.port === null ? port === 80 : host.port === port;
}

export const isLoopbackHostName = (header: string | undefined): boolean => {
  const host = parseHost(header);
  return host !== null && LOOPBACK.includes(host.name);
};

/** Whether a request comes from a page served by this origin (the Host already checked). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  return origin !== undefined && host !== undefined && origin.toLowerCase() === `http://${host.trim().toLowerCase()}`;
}

/** Whether a socket's peer is this computer. */
export const isLoopbackAddress = (address: string | undefined): boolean =>
  address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true;
