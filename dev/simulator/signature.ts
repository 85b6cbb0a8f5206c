import { createHmac } from 'node:crypto';

/** klikit's webhook signature: lowercase hex HMAC-SHA256 keyed by the webhook secret over the raw body bytes. */
export function signBody(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
