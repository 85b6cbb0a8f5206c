import { systemClock, type Clock } from '../../ground/clock.js';
import { createAcceptanceExpiry, type AcceptanceExpiryOptions } from './acceptance-expiry.js';
import { createFaults, type Faults } from './faults.js';
import { createOrderGenerator, type OrderGenerator, type SimOrder } from './order-generator.js';
import { startPartnerApi, PARTNER_PREFIX, type PartnerApi, type StatusPatch } from './partner-api.js';
import type { AvailabilityPatch } from './availability.js';
import { seededRandom } from './prng.js';
import { createRecord, type SimulatorRecord } from './record.js';
import { createScenarios, type Scenarios } from './scenarios.js';
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from './webhook-sender.js';

export type SimulatorOptions = {
  seed: number;
  clock?: Clock;
  webhookUrl?: string;
  webhookSecret: string;
  partnerKey: string;
  secretKey: string;
  branchIds: number[];
  brandIds: number[];
  apiPort?: number;
  firstOrderId?: number;
  errorCodeStyle?: 'snake' | 'legacy';
  /** Retry policy and transport of the webhook sender (tests inject `sleep` so retries don't wait). */
  webhook?: Pick<WebhookSenderOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs'>;
  /** Cancel orders left unaccepted past their provider's deadline, as the platforms do (off without it). */
  acceptanceExpiry?: AcceptanceExpiryOptions;
};

export type Simulator = {
  /** The server root: the partner API lives under `${apiUrl}/v1/partner` (that is `apiBaseUrl`). */
  apiUrl: string;
  /** The base URL to give the orders API client (klikit's bases include the `/v1/partner` prefix). */
  apiBaseUrl: string;
  generator: OrderGenerator;
  sender: WebhookSender;
  scenarios: Scenarios;
  record: SimulatorRecord;
  faults: Faults;
  /** How many requests the partner API has received (answered or not). */
  apiRequests(): number;
  /** Every PATCH /orders/{id}/status received, in order. */
  statusPatches(): readonly StatusPatch[];
  /** Every PATCH /items/{sku}/availability received, in order. */
  availabilityPatches(): readonly AvailabilityPatch[];
  /** What klikit holds for each SKU ("86"), and a way to map SKUs its menus lack. */
  availability: PartnerApi['availability'];
  /** With `acceptanceExpiry`: cancels now what is past its deadline (the timer does it every `checkMs`); otherwise cancels nothing. */
  expireUnaccepted(): Promise<SimOrder[]>;
  close(): Promise<void>;
};

// Separate streams per purpose so that, for one seed, the orders do not depend on how many
// requests or deliveries happened in between.
const EVENT_ID_STREAM = 0x9e3779b9;
const REQUEST_ID_STREAM = 0x7f4a7c15;

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const clock = options.clock ?? systemClock;
  const record = createRecord();
  const faults = createFaults();
  const generator = createOrderGenerator({ seed: options.seed, clock, branchIds: options.branchIds, brandIds: options.brandIds, firstOrderId: options.firstOrderId });
  const sender = createWebhookSender({
    ...options.webhook,
    url: options.webhookUrl,
    secret: options.webhookSecret,
    clock,
    random: seededRandom(options.seed ^ EVENT_ID_STREAM),
    onDelivery: record.addDelivery,
  });
  const api = await startPartnerApi({
    orders: record.orders,
    partnerKey: options.partnerKey,
    secretKey: options.secretKey,
    faults,
    random: seededRandom(options.seed ^ REQUEST_ID_STREAM),
    port: options.apiPort,
    errorCodeStyle: options.errorCodeStyle,
    applyStatus: (order, status) => {
      const next = generator.withStatus(order, status);
      record.publish(next);
      return next;
    },
  });
  const scenarios = createScenarios({ generator, sender, record });
  const expiry = options.acceptanceExpiry ? createAcceptanceExpiry({ clock, orders: record.orders, cancel: scenarios.cancel, options: options.acceptanceExpiry }) : null;
  return {
    apiUrl: api.url,
    apiBaseUrl: api.url + PARTNER_PREFIX,
    generator,
    sender,
    scenarios,
    record,
    faults,
    apiRequests: api.requests,
    statusPatches: api.patches,
    availabilityPatches: api.availabilityPatches,
    availability: api.availability,
    expireUnaccepted: async () => (expiry ? expiry.expireUnaccepted() : []),
    close: async () => {
      expiry?.stop();
      await api.close();
    },
  };
}
