import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function signBody(secret: Buffer | string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Checked before the body is read: a header that cannot be a signature costs the relay no body bytes. */
export function isSignatureShaped(signature: string): boolean {
  return HEX_SHA256.test(signature);
}

/**
 * True when `signature` is the lowercase hex HMAC-SHA256 of the raw bytes under any of `secrets`.
 * Every secret is tried (no early exit), and each comparison is constant-time over equal lengths.
 */
export function verifySignature(secrets: readonly Buffer[], body: Buffer, signature: string): boolean {
  if (!isSignatureShaped(signature)) return false;
  const given = Buffer.from(signature, 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
