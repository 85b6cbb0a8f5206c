import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, serveHealth } from '../../../main/core/health-server.js';

// DNS rebinding: a page on this machine points a name it controls at 127.0.0.1 and reads /health as
// same-origin. Its requests carry that name in Host; the endpoint answers only the loopback names.

let server: Server;
let port: number;
beforeAll(async () => {
  server = await serveHealth(() => ({ connection: { mode: 'live' } }), 0, pino({ level: 'silent' }));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(host: string | undefined, path = '/health'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', setHost: false, headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the health endpoint', () => {
  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('answers Host %s with its port', async (name) => {
    const res = await get(`${name}:${port}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ connection: { mode: 'live' } });
  });

  it.each([
    ['a rebinding name', () => `attacker.example:${port}`],
    ['a loopback name on another port', () => `127.0.0.1:${port + 1}`],
    ['a loopback name without the port', () => 'localhost'],
    ['a name that only starts like localhost', () => `localhost.attacker.example:${port}`],
    ['a LAN address', () => `192.168.1.20:${port}`],
  ])('refuses %s with 421 and no health in the body', async (_, host) => {
    const res = await get(host());
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('live');
  });

  it('refuses a request without a Host header', async () => {
    const res = await get(undefined);
    expect([400, 421]).toContain(res.status);
    expect(res.body).not.toContain('live');
  });

  it('judges Host names and ports', () => {
    expect(isLoopbackHost('127.0.0.1:80', 80)).toBe(true);
    expect(isLoopbackHost('localhost', 80)).toBe(true);
    expect(isLoopbackHost('[::1]:9000', 9000)).toBe(true);
    expect(isLoopbackHost('[::2]:9000', 9000)).toBe(false);
    expect(isLoopbackHost('127.0.0.1:9000:9000', 9000)).toBe(false);
    expect(isLoopbackHost('127.0.0.2:9000', 9000)).toBe(false);
  });
});
