import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../main/printing/queue.js';
import { parseTcpAddress } from '../../../main/printing/tcp-link.js';

describe('backoffDelay (full jitter)', () => {
  const backoff = { baseMs: 100, capMs: 1_000 };

  it('is a uniform draw up to base * 2^attempts', () => {
    expect(backoffDelay(0, backoff, () => 0.5)).toBe(50);
    expect(backoffDelay(2, backoff, () => 0.5)).toBe(200);
    expect(backoffDelay(2, backoff, () => 0)).toBe(0);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelay(30, backoff, () => 0.999)).toBe(999);
    expect(backoffDelay(10_000, backoff, () => 0.5)).toBe(500);
  });
});

describe('parseTcpAddress', () => {
  it('reads tcp://host:port', () => {
    expect(parseTcpAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseTcpAddress('tcp://kitchen.local:9100')).toEqual({ host: 'kitchen.local', port: 9100 });
  });

  it.each(['192.168.1.50:9100', 'tcp://host', 'tcp://host:0', 'tcp://host:70000', 'usb://x:1'])('rejects %s', (url) => {
    expect(parseTcpAddress(url)).toHaveProperty('error');
  });
});
