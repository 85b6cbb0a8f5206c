import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { headers: IncomingMessage['headers']; body: Buffer };

/**
 * A stand-in webhook receiver on 127.0.0.1:0. `answer` decides each reply by its index;
 * returning 'hang' never replies (until close()).
 */
export async function startReceiver(answer: (index: number, req: Received) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks) };
      const decision = answer(received.length, r);
      received.push(r);
      if (decision === 'hang') return;
      res.writeHead(decision, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: decision < 300 ? 'received' : 'error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/klikit`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
