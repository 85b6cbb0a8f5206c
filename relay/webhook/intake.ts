import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { errorText } from '../../common/error-text.js';
import { jsonTextExceedsDepth, MAX_JSON_DEPTH } from '../../common/json-depth.js';
import { eventTypeSchema } from '../../main/klikit/schemas.js';
import type { BodyBudget } from '../http/body-budget.js';
import { readRawBody } from '../http/body.js';
import { sendJson, sendJsonText } from '../http/respond.js';
import type { Clock } from '../../ground/clock.js';
import type { RelayMetrics, WebhookOutcome } from '../metrics.js';
import type { InsertOutcome, NewEvent } from '../store/events.js';
import type { QuarantineEntry } from '../store/quarantine.js';
import { envelopeRefusal, parseBodyJson } from './body-json.js';
import { bodySecond } from './body-second.js';
import { relayEnvelopeSchema } from './envelope.js';
import { isSignatureShaped, verifySignature } from './signature.js';

const MAX_EVENT_HEADER_CHARS = 200;
const REQUIRED_HEADERS = ['x-klikit-signature', 'x-klikit-event-id', 'x-klikit-event-type'] as const;
// The two answers nearly every webhook gets, serialised once instead of per request.
const RECEIVED = JSON.stringify({ status: 'received' });
const DUPLICATE_IGNORED = JSON.stringify({ status: 'duplicate-ignored' });

export type StoredNotice = { seq: number; branchId: number };

export type WebhookIntakeDeps = {
  secrets: readonly Buffer[];
  maxBodyBytes: number;
  budget: BodyBudget;
  /** Durably appends the event (or reports a duplicate); resolves after the commit. */
  commit: (event: NewEvent) => Promise<InsertOutcome>;
  /** Durably keeps a well-signed webhook that was rejected (once per body); resolves after the commit. */
  quarantine: (entry: QuarantineEntry) => Promise<void>;
  clock: Clock;
  metrics: RelayMetrics;
  logger: Logger;
  /** Called after the durable commit, so bridges are fed without klikit waiting on them. */
  onStored: (notice: StoredNotice) => void;
  /**
   * Called after a duplicate: the first copy may have been stored by a commit whose answer was lost
   * (the store then retried and found the body), and this node's bridges were never told of it.
   */
  onDuplicate: (branchId: number) => void;
};

/**
 * POST /webhooks/klikit: verify the signature on the raw bytes, commit, answer. Every rejection is an
 * answer with a reason (never a thrown error), and klikit is answered before any bridge is told.
 */
export async function handleWebhook(req: IncomingMessage, res: ServerResponse, deps: WebhookIntakeDeps): Promise<void> {
  const { metrics, logger } = deps;
  // Everything answered before the body is read closes the connection: the unread body is never buffered.
  const refuseUnread = (status: number, error: string, headers: Record<string, string> = {}): void => {
    res.once('finish', () => req.socket.destroy());
    sendJson(res, status, { error }, { connection: 'close', ...headers });
  };
  const missing = REQUIRED_HEADERS.find((h) => typeof req.headers[h] !== 'string' || req.headers[h] === '');
  if (missing) {
    metrics.countWebhook('missing_header');
    refuseUnread(400, `missing header ${missing}`);
    return;
  }
  const signature = req.headers['x-klikit-signature'] as string;
  const eventId = req.headers['x-klikit-event-id'] as string;
  const eventType = req.headers['x-klikit-event-type'] as string;
  if (!isSignatureShaped(signature)) {
    metrics.countWebhook('invalid_signature');
    refuseUnread(401, 'invalid signature');
    return;
  }
  const tooLong = eventId.length > MAX_EVENT_HEADER_CHARS ? 'x-klikit-event-id' : eventType.length > MAX_EVENT_HEADER_CHARS ? 'x-klikit-event-type' : undefined;
  if (tooLong) {
    metrics.countWebhook('bad_header');
    refuseUnread(400, `header ${tooLong} longer than ${MAX_EVENT_HEADER_CHARS} characters`);
    return;
  }
  // A child logger per request costs an allocation and a bindings string on every webhook; only the
  // rarer paths that log build it.
  let child: Logger | undefined;
  const log = (): Logger => (child ??= logger.child({ eventId, eventType }));

  const declared = Number(req.headers['content-length']);
  const expected = Number.isFinite(declared) ? declared : deps.maxBodyBytes;
  const tooLarge = (): void => {
    metrics.countWebhook('too_large');
    log().warn({ limit: deps.maxBodyBytes }, 'webhook body too large');
    refuseUnread(413, `body larger than ${deps.maxBodyBytes} bytes`);
  };
  if (expected > deps.maxBodyBytes) return tooLarge();
  const release = deps.budget.reserve(expected);
  if (!release) {
    metrics.countWebhook('busy');
    log().warn({ bytes: expected }, 'large webhook refused: body budget in use');
    refuseUnread(503, 'busy: too many large bodies in flight; retry', { 'retry-after': '1' });
    return;
  }
  const read = await readRawBody(req, deps.maxBodyBytes).finally(release);
  if (read.kind === 'aborted') {
    metrics.countWebhook('aborted');
    log().warn('webhook request aborted before its body was complete');
    return;
  }
  if (read.kind === 'too-large') return tooLarge();
  const body = read.body;
  if (!verifySignature(deps.secrets, body, signature)) {
    metrics.countWebhook('invalid_signature');
    log().warn('webhook with an invalid signature');
    sendJson(res, 401, { error: 'invalid signature' });
    return;
  }

  const receivedMs = deps.clock.now();
  const receivedAt = new Date(receivedMs).toISOString();
  const bodySha256 = createHash('sha256').update(body).digest();
  const quarantine = async (status: number, reason: string, outcome: WebhookOutcome, answer: object): Promise<void> => {
    await deps.quarantine({ receivedAt, receivedMs, eventId, eventType, reason, body, bodySha256 });
    metrics.countWebhook(outcome);
    log().warn({ reason }, 'webhook quarantined');
    sendJson(res, status, answer);
  };

  const parsed = parseBodyJson(body);
  if (!parsed.ok) {
    await quarantine(400, parsed.reason, 'malformed_json', { error: parsed.reason });
    return;
  }
  if (jsonTextExceedsDepth(body)) {
    const reason = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    await quarantine(422, reason, 'too_deep', { error: reason });
    return;
  }
  // A type this relay does not know is answered 2xx: klikit would otherwise retry it for as long as it retries.
  if (!eventTypeSchema.safeParse(eventType).success) {
    const reason = `unknown event type ${JSON.stringify(eventType.slice(0, 100))}`;
    await quarantine(202, reason, 'unknown_type', { status: 'quarantined', reason });
    return;
  }
  const envelope = relayEnvelopeSchema.safeParse(parsed.json);
  if (!envelope.success) {
    const reason = envelopeRefusal(body, envelope.error);
    await quarantine(422, reason, 'quarantined', { error: reason });
    return;
  }

  let outcome: InsertOutcome;
  try {
    outcome = await deps.commit({
      eventId,
      eventType,
      brandId: envelope.data.brand_id,
      branchId: envelope.data.branch_id,
      receivedAt,
      receivedMs,
      body,
      bodySha256,
      bodySecond: bodySecond(envelope.data.orders[0]!.updated_at),
    });
  } catch (err) {
    // Nothing was stored: klikit retries an error answer, and the store may take it then.
    metrics.countWebhook('store_unavailable');
    log().error({ err: errorText(err) }, 'webhook not stored: the store could not commit it');
    sendJson(res, 503, { error: 'the relay could not store the webhook; retry' }, { 'retry-after': '1' });
    return;
  }
  if (outcome.kind === 'duplicate') {
    metrics.countWebhook('duplicate');
    log().info('duplicate webhook ignored');
    sendJsonText(res, 200, DUPLICATE_IGNORED);
    deps.onDuplicate(envelope.data.branch_id);
    return;
  }
  metrics.countWebhook('received');
  if (outcome.idReused) {
    metrics.countReusedEventId();
    log().warn({ seq: outcome.seq }, 'event id already stored with another body; stored as well');
  }
  // One line per stored webhook was a tenth of the intake's CPU (a synchronous write each); the
  // outcomes are counted in relay_webhooks_total, and the line is there at LOG_LEVEL=debug.
  if (logger.isLevelEnabled('debug')) log().debug({ seq: outcome.seq, branchId: envelope.data.branch_id }, 'webhook stored');
  sendJsonText(res, 200, RECEIVED);
  deps.onStored({ seq: outcome.seq, branchId: envelope.data.branch_id });
}
