import { describe, expect, it } from 'vitest';
import { parseTcpAddress } from '../../../main/printing/transports/tcp.js';

describe('parseTcpAddress', () => {
  it('reads tcp://host:port', () => {
    expect(parseTcpAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseTcpAddress('tcp://kitchen.local:9100')).toEqual({ host: 'kitchen.local', port: 9100 });
  });

  it.each(['192.168.1.50:9100', 'tcp://host', 'tcp://host:0', 'tcp://host:70000', 'usb://x:1'])('rejects %s', (url) => {
    expect(parseTcpAddress(url)).toHaveProperty('error');
  });
});
