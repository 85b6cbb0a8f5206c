import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `::ffff:1.2.3.4` (an IPv4 peer of a dual-stack listener) as `1.2.3.4`; a zone index dropped. */
function plainAddress(address: string): string {
  const unzoned = address.split('%')[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unzoned);
  return mapped ? mapped[1]! : unzoned;
}

/** The first four 16-bit groups of an IPv6 address, whatever its `::` shorthand or embedded IPv4 tail. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::');
  const groups = (text: string | undefined): string[] => (text ? text.split(':') : []);
  const right = groups(tail);
  // An embedded IPv4 tail counts as two groups; only the first four groups are wanted, so its value does not matter.
  const width = (parts: string[]): number => parts.reduce((n, part) => n + (part.includes('.') ? 2 : 1), 0);
  const left = groups(head);
  const full = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - width(left) - width(right))).fill('0'), ...right];
  return full
    .slice(0, 4)
    .map((group) => (group.includes('.') ? '0' : group.replace(/^0+(?=.)/, '')))
    .join(':');
}

/**
 * The network an address belongs to for per-address limits: its /24 (IPv4) or /64 (IPv6). One host
 * usually holds a whole /64 and renting neighbouring IPv4 addresses is cheap, so counting single
 * addresses would let one attacker count as many.
 */
export function addressGroup(address: string): string {
  const plain = plainAddress(address);
  if (isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(plain)) return `${ipv6Prefix64(plain)}::/64`;
  return plain;
}

/**
 * Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`, addresses or CIDR ranges).
 * Anyone can send the header, so it is read only from a connection that comes from one of them.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  constructor(ranges: readonly string[]) {
    for (const range of ranges) {
      const [, address = '', prefix] = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(range) ?? [];
      const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
      const maxBits = type === 'ipv4' ? 32 : 128;
      const bits = prefix === undefined ? maxBits : Number(prefix);
      if (!type || bits > maxBits) throw new TypeError(`not an IP address or CIDR range: ${JSON.stringify(range)}`);
      this.list.addSubnet(address, bits, type);
    }
    this.empty = ranges.length === 0;
  }

  includes(address: string): boolean {
    if (this.empty) return false;
    const plain = plainAddress(address);
    if (isIPv4(plain)) return this.list.check(plain, 'ipv4');
    return isIPv6(plain) && this.list.check(plain, 'ipv6');
  }

  /**
   * Who sent the request: the peer, or behind trusted proxies the nearest `X-Forwarded-For` hop that
   * is not one of them (hops further left were written by the client and prove nothing).
   */
  clientOf(req: IncomingMessage): string {
    const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
    if (!this.includes(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plainAddress(hop.trim()));
    let client = peer;
    for (const hop of hops.reverse()) {
      if (!isIPv4(hop) && !isIPv6(hop)) break;
      client = hop;
      if (!this.includes(hop)) break;
    }
    return client;
  }
}
