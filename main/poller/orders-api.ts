// What the poller needs from klikit's orders API client, as a narrow port so that tests can script
// every answer (429, 401, 502, a hang) without a server.

export type ApiFailure = {
  /** HTTP status, or 0 when no response arrived (timeout, connection refused). */
  status: number;
  message: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
};

export type ApiAnswer<T> = { ok: true; value: T; requestId?: string | undefined } | { ok: false; failure: ApiFailure };

export type OrdersQuery = { from: string; to: string; branchId: number };

export type OrdersApi = {
  /** Every order created in [from, to) for the branch, across all pages. */
  listAllOrders(query: OrdersQuery): Promise<ApiAnswer<unknown[]>>;
  getOrder(id: number): Promise<ApiAnswer<unknown>>;
};
