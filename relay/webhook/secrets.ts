export type SecretsLoad = { secrets: Buffer[]; warnings: string[] };

/**
 * Parses KLIKIT_WEBHOOK_SECRET: several comma-separated secrets so a rotation can accept the old and
 * the new one at once. A value pasted from a file often ends in a newline that would silently break
 * every signature, so exactly one trailing newline is stripped, with a warning; other bytes are kept.
 */
export function loadWebhookSecrets(raw: string | undefined): SecretsLoad {
  const warnings: string[] = [];
  if (raw === undefined || raw === '') return { secrets: [], warnings: ['KLIKIT_WEBHOOK_SECRET is not set: every webhook will be rejected'] };
  let value = raw;
  if (value.endsWith('\r\n')) value = value.slice(0, -2);
  else if (value.endsWith('\n')) value = value.slice(0, -1);
  if (value !== raw) warnings.push('KLIKIT_WEBHOOK_SECRET ended with a newline; it was stripped');
  const secrets = value
    .split(',')
    .filter((s) => s.length > 0)
    .map((s) => Buffer.from(s, 'utf8'));
  if (secrets.length === 0) warnings.push('KLIKIT_WEBHOOK_SECRET holds no secret: every webhook will be rejected');
  return { secrets, warnings };
}
