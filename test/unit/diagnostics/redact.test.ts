import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { redactSettings, redactUrl, scrubSecrets, scrubUrlCredentials } from '../../../main/diagnostics/redact.js';

describe('redaction for the support archive', () => {
  it('cuts the user and password of every URL in a text, and leaves other @ alone', () => {
    const line = '{"msg":"GET https://pk:pw-123@gateway.example/v1 failed; relay wss://tok@relay.example/v1/bridge; mail support@klikit.io"}';
    expect(scrubUrlCredentials(line)).toBe('{"msg":"GET https://[redacted]@gateway.example/v1 failed; relay wss://[redacted]@relay.example/v1/bridge; mail support@klikit.io"}');
  });

  it('cuts every form of a secret from any text', () => {
    const secret = 'tok"en/with+odd=chars';
    const text = `raw ${secret} json ${JSON.stringify({ t: secret })} url ?t=${encodeURIComponent(secret)}`;
    const scrubbed = scrubSecrets(text, [secret, '']);
    expect(scrubbed).not.toContain('tok');
    expect(scrubbed.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('strips credentials and query from URLs and says so', () => {
    expect(redactUrl('wss://user:pw@relay.example.com/v1/bridge?token=abc')).toBe('wss://relay.example.com/v1/bridge (credentials and query [redacted])');
    expect(redactUrl('wss://relay.example.com/v1/bridge')).toBe('wss://relay.example.com/v1/bridge');
    expect(redactUrl('not a url with secret')).toBe('[redacted]');
  });

  it('blanks the partner key in the window settings and keeps everything else', () => {
    const settings = { ...DEFAULT_SETTINGS, klikitPartnerKey: 'pk-123456', branchIds: [1293] };
    expect(redactSettings(settings)).toEqual({ ...settings, klikitPartnerKey: '[redacted]' });
    expect(redactSettings(DEFAULT_SETTINGS).klikitPartnerKey).toBe('');
  });
});
