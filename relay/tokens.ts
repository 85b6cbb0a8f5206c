import { createHash, randomBytes } from 'node:crypto';

/** A device token: 32 random bytes, base64url. Only its sha256 is ever stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
