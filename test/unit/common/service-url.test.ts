import { describe, expect, it } from 'vitest';
import { isLocalNetworkHost, originOf, serviceUrlProblem } from '../../../common/service-url.js';

const hostOf = (url: string): string => new URL(url).hostname;

describe('service URLs', () => {
  it.each([
    'http://localhost:1',
    'http://127.0.0.1',
    'http://127.200.1.1',
    'http://10.0.0.1',
    'http://172.16.0.1',
    'http://172.31.255.255',
    'http://192.168.0.10',
    'http://169.254.10.10',
    'http://[::1]',
    'http://[fc00::1]',
    'http://[fdab:1::2]',
    'http://[fe80::1]',
    'http://[::ffff:192.168.1.2]',
    // WHATWG URL writes the loopback address in its usual form first.
    'http://0x7f.1',
  ])('%s is inside the local network', (url) => {
    expect(isLocalNetworkHost(hostOf(url))).toBe(true);
  });

  it.each([
    'http://example.com',
    'http://evil.localhost',
    'http://printer.local',
    'http://11.0.0.1',
    'http://172.15.0.1',
    'http://172.32.0.1',
    'http://192.169.0.1',
    'http://8.8.8.8',
    'http://[2001:db8::1]',
    'http://[fec0::1]',
    'http://[::ffff:8.8.8.8]',
  ])('%s is not', (url) => {
    expect(isLocalNetworkHost(hostOf(url))).toBe(false);
  });

  it('allows cleartext only inside the local network and never credentials', () => {
    expect(serviceUrlProblem('wss://relay.example.com/v1/bridge', 'relay')).toBeNull();
    expect(serviceUrlProblem('ws://192.168.1.5:8080/v1/bridge', 'relay')).toBeNull();
    expect(serviceUrlProblem('ws://relay.example.com/v1/bridge', 'relay')).toMatch(/use wss:\/\//);
    expect(serviceUrlProblem('http://gateway-enterprise.klikit.io/v1/partner', 'klikit')).toMatch(/use https:\/\//);
    expect(serviceUrlProblem('https://gateway-enterprise.klikit.io/v1/partner', 'relay')).toMatch(/must be a URL like wss:/);
    expect(serviceUrlProblem('https://pk:secret@gateway-enterprise.klikit.io/v1/partner', 'klikit')).toMatch(/partner key and secret key in their own fields/);
    expect(serviceUrlProblem('not a url', 'klikit')).toMatch(/must be a URL like https:/);
  });

  it('binds to scheme, host and port', () => {
    expect(originOf('https://gateway-enterprise.klikit.io/v1/partner')).toBe('https://gateway-enterprise.klikit.io');
    expect(originOf('wss://relay.example.com:8443/v1/bridge?x=1')).toBe('wss://relay.example.com:8443');
    expect(originOf('')).toBeNull();
  });
});
