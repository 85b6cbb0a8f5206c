import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const WEBHOOK_OUTCOMES = [
  'received',
  'duplicate',
  'missing_header',
  'bad_header',
  'too_large',
  'invalid_signature',
  'malformed_json',
  'quarantined',
  'aborted',
  'busy',
  'too_deep',
  'unknown_type',
  'store_unavailable',
] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

export type MetricsSources = {
  connectedDevices: () => number;
  httpConnections: () => number;
  storeBytes: () => Promise<number>;
};

/**
 * The relay's Prometheus metrics, through prom-client with a registry of its own (several relays may
 * run in one test process). Nothing here queries the store per device on a scrape: per-device lag is
 * set by the hub's housekeeping.
 */
export class RelayMetrics {
  private readonly registry = new Registry();
  private readonly webhooks = new Counter({
    name: 'relay_webhooks_total',
    help: 'Webhook requests by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly answerSeconds = new Histogram({
    name: 'relay_webhook_answer_seconds',
    help: 'Time from a webhook request to its answer (klikit gives up at 10 s).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly slowClients = new Counter({
    name: 'relay_slow_clients_disconnected_total',
    help: 'Sockets dropped because their send buffer overflowed.',
    registers: [this.registry],
  });
  private readonly idsReused = new Counter({
    name: 'relay_event_ids_reused_total',
    help: 'Events stored under an event id already stored with another body.',
    registers: [this.registry],
  });
  private readonly failedUpgrades = new Counter({
    name: 'relay_failed_upgrades_total',
    help: 'Bridge upgrades refused: bad token, or too many failures from one address (rate_limited).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly evictedConnections = new Counter({
    name: 'relay_connections_evicted_total',
    help: 'HTTP connections still sending their request (or idle) closed to make room for a new one at a connection cap.',
    registers: [this.registry],
  });
  private readonly deviceLag = new Gauge({
    name: 'relay_device_lag',
    help: "Stored events of the device's branches not yet acked by it, as of the last housekeeping pass.",
    labelNames: ['device'] as const,
    registers: [this.registry],
  });

  /** Each outcome's counter bound once: a labelled inc() hashes its labels on every webhook. */
  private readonly webhookOutcomes = new Map(WEBHOOK_OUTCOMES.map((outcome) => [outcome, this.webhooks.labels({ outcome })]));

  constructor(sources: MetricsSources) {
    for (const counter of this.webhookOutcomes.values()) counter.inc(0);
    new Gauge({
      name: 'relay_connected_devices',
      help: 'Bridge sockets currently connected.',
      registers: [this.registry],
      collect() {
        this.set(sources.connectedDevices());
      },
    });
    new Gauge({
      name: 'relay_http_connections',
      help: 'HTTP connections held (webhooks, health checks, upgrades in progress), against --max-connections.',
      registers: [this.registry],
      collect() {
        this.set(sources.httpConnections());
      },
    });
    new Gauge({
      name: 'relay_store_bytes',
      help: 'Size of the relay database.',
      registers: [this.registry],
      async collect() {
        this.set(await sources.storeBytes());
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  countWebhook(outcome: WebhookOutcome): void {
    this.webhookOutcomes.get(outcome)!.inc();
  }

  /** Starts timing one webhook; the returned function observes the elapsed seconds. */
  startAnswerTimer(): () => void {
    return this.answerSeconds.startTimer();
  }

  countSlowClient(): void {
    this.slowClients.inc();
  }

  countReusedEventId(): void {
    this.idsReused.inc();
  }

  countFailedUpgrade(reason: 'unauthorized' | 'revoked' | 'rate_limited'): void {
    this.failedUpgrades.inc({ reason });
  }

  countEvictedConnection(): void {
    this.evictedConnections.inc();
  }

  setDeviceLag(lags: ReadonlyArray<{ name: string; lag: number }>): void {
    this.deviceLag.reset();
    for (const { name, lag } of lags) this.deviceLag.set({ device: name }, lag);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
