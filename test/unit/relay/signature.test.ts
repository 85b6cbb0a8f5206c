import { describe, expect, it } from 'vitest';
import { loadWebhookSecrets } from '../../../relay/webhook/secrets.js';
import { signBody, verifySignature } from '../../../relay/webhook/signature.js';

const body = Buffer.from('{"brand_id":1,"branch_id":2,"orders":[]}');

describe('webhook signature', () => {
  it('accepts the lowercase hex HMAC-SHA256 of the raw bytes under any configured secret', () => {
    const secrets = [Buffer.from('old'), Buffer.from('new')];
    expect(verifySignature(secrets, body, signBody('old', body))).toBe(true);
    expect(verifySignature(secrets, body, signBody('new', body))).toBe(true);
    expect(verifySignature(secrets, body, signBody('other', body))).toBe(false);
  });

  it('rejects a signature of other bytes, of the wrong length or case, or with no secret configured', () => {
    const secrets = [Buffer.from('s')];
    const altered = Buffer.from(body);
    altered[0] = 0x20;
    expect(verifySignature(secrets, altered, signBody('s', body))).toBe(false);
    expect(verifySignature(secrets, body, signBody('s', body).slice(2))).toBe(false);
    expect(verifySignature(secrets, body, `${signBody('s', body)}00`)).toBe(false);
    expect(verifySignature(secrets, body, signBody('s', body).toUpperCase())).toBe(false);
    expect(verifySignature(secrets, body, '')).toBe(false);
    expect(verifySignature([], body, signBody('s', body))).toBe(false);
  });
});

describe('loadWebhookSecrets', () => {
  it('splits a rotation on commas', () => {
    expect(loadWebhookSecrets('a,b').secrets.map(String)).toEqual(['a', 'b']);
  });

  it('strips exactly one trailing newline, with a warning, and keeps other whitespace', () => {
    const lf = loadWebhookSecrets('secret\n');
    expect(lf.secrets.map(String)).toEqual(['secret']);
    expect(lf.warnings).toEqual(['KLIKIT_WEBHOOK_SECRET ended with a newline; it was stripped']);
    expect(loadWebhookSecrets('secret\r\n').secrets.map(String)).toEqual(['secret']);
    expect(loadWebhookSecrets(' secret \n\n').secrets.map(String)).toEqual([' secret \n']);
    expect(loadWebhookSecrets('secret').warnings).toEqual([]);
  });

  it('warns when no secret is configured', () => {
    expect(loadWebhookSecrets(undefined)).toMatchObject({ secrets: [], warnings: [expect.stringMatching(/not set/)] });
    expect(loadWebhookSecrets(',').warnings.join()).toMatch(/no secret/);
  });
});
