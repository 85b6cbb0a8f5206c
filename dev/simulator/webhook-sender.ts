import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, Random } from '../../ground/clock.js';
import type { Delivery, DeliveryIntent } from './record.js';
import type { SimOrder } from './order-generator.js';
import { picker } from './prng.js';
import { signBody } from './signature.js';
import { errorText } from '../../common/error-text.js';

export type SendRequest = {
  eventType: string;
  /** The raw body, sent byte for byte (objects are JSON-encoded once, here). */
  body: string | object;
  /** Reuse an event id to replay an event; a fresh one is drawn otherwise. */
  eventId?: string;
  /** Override the signature (a deliberately bad one); the correct one is computed otherwise. */
  signature?: string;
  intent?: DeliveryIntent;
  orders?: SimOrder[];
  maxAttempts?: number;
  /** klikit headers to leave out, as a proxy that strips `x-klikit-*` would. */
  omitHeaders?: string[];
};

export type WebhookSenderOptions = {
  url?: string;
  secret: string;
  clock: Clock;
  /** Draws event ids, so a seeded run replays with the same ids. */
  random: Random;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** klikit's hard limit for a reply. */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Receives every delivery as it starts; its attempts and outcome fill in as they happen. */
  onDelivery?: (delivery: Delivery) => void;
};

export type WebhookSender = {
  send(request: SendRequest): Promise<Delivery>;
  setUrl(url: string): void;
  newEventId(): string;
};

/** Delivers webhooks the way klikit does: signed raw bytes, a 10 s limit, retries with exponential backoff. */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const p = picker(options.random);
  let url = options.url;
  let seq = 0;

  const newEventId = () => `evt_${p.hex(8)}-${p.hex(4)}-${p.hex(4)}-${p.hex(4)}-${p.hex(12)}`;

  async function attempt(target: string, delivery: Delivery, omit: readonly string[]): Promise<boolean> {
    const at = options.clock.now();
    const headers = Object.entries({
      'Content-Type': 'application/json',
      'x-klikit-signature': delivery.signature,
      'x-klikit-event-id': delivery.eventId,
      'x-klikit-event-type': delivery.eventType,
    }).filter(([name]) => !omit.includes(name));
    try {
      const response = await doFetch(target, {
        method: 'POST',
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const responseBody = await response.text();
      delivery.attempts.push({ at, status: response.status, responseBody });
      return response.ok;
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      delivery.attempts.push({ at, error: timedOut ? `no reply within ${timeoutMs} ms` : `network: ${errorText(err)}` });
      return false;
    }
  }

  async function send(request: SendRequest): Promise<Delivery> {
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const delivery: Delivery = {
      seq: ++seq,
      eventId: request.eventId ?? newEventId(),
      eventType: request.eventType,
      body,
      signature: request.signature ?? signBody(options.secret, body),
      intent: request.intent ?? 'valid',
      orders: request.orders ?? [],
      attempts: [],
      outcome: 'pending',
    };
    options.onDelivery?.(delivery);
    if (url === undefined) {
      delivery.attempts.push({ at: options.clock.now(), error: 'no webhook url configured' });
      delivery.outcome = 'gave-up';
      return delivery;
    }
    const target = url;
    const maxAttempts = request.maxAttempts ?? options.maxAttempts ?? 5;
    for (let n = 1; ; n++) {
      if (await attempt(target, delivery, request.omitHeaders ?? [])) {
        delivery.outcome = 'delivered';
        return delivery;
      }
      if (n >= maxAttempts) {
        delivery.outcome = 'gave-up';
        return delivery;
      }
      await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)));
    }
  }

  return {
    send,
    setUrl: (next) => {
      url = next;
    },
    newEventId,
  };
}
