export const WEBHOOK_OUTCOMES = [
  'received',
  'duplicate',
  'missing_header',
  'too_large',
  'invalid_signature',
  'malformed_json',
  'quarantined',
  'aborted',
  'busy',
  'too_deep',
  'unknown_type',
] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

export type MetricsSnapshot = {
  connectedDevices: number;
  deviceLag: ReadonlyArray<{ name: string; lag: number }>;
  storeBytes: number;
};

/** Counters the relay keeps in memory and renders as Prometheus text exposition. */
export class RelayMetrics {
  private readonly webhooks = new Map<WebhookOutcome, number>(WEBHOOK_OUTCOMES.map((o) => [o, 0]));
  slowClientsDisconnected = 0;
  eventIdsReused = 0;

  countWebhook(outcome: WebhookOutcome): void {
    this.webhooks.set(outcome, (this.webhooks.get(outcome) ?? 0) + 1);
  }

  webhookCount(outcome: WebhookOutcome): number {
    return this.webhooks.get(outcome) ?? 0;
  }

  render(snapshot: MetricsSnapshot): string {
    const lines = [
      '# HELP relay_webhooks_total Webhook requests by outcome.',
      '# TYPE relay_webhooks_total counter',
      ...[...this.webhooks].map(([outcome, n]) => `relay_webhooks_total{outcome="${outcome}"} ${n}`),
      '# HELP relay_connected_devices Bridge sockets currently connected.',
      '# TYPE relay_connected_devices gauge',
      `relay_connected_devices ${snapshot.connectedDevices}`,
      '# HELP relay_device_lag Stored events of the device\'s branches not yet acked by it.',
      '# TYPE relay_device_lag gauge',
      ...snapshot.deviceLag.map((d) => `relay_device_lag{device="${escapeLabel(d.name)}"} ${d.lag}`),
      '# HELP relay_slow_clients_disconnected_total Sockets dropped because their send buffer overflowed.',
      '# TYPE relay_slow_clients_disconnected_total counter',
      `relay_slow_clients_disconnected_total ${this.slowClientsDisconnected}`,
      '# HELP relay_event_ids_reused_total Events stored under an event id already stored with another body.',
      '# TYPE relay_event_ids_reused_total counter',
      `relay_event_ids_reused_total ${this.eventIdsReused}`,
      '# HELP relay_store_bytes Size of the relay database.',
      '# TYPE relay_store_bytes gauge',
      `relay_store_bytes ${snapshot.storeBytes}`,
    ];
    return lines.join('\n') + '\n';
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
