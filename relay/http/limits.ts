/**
 * Every bound the relay puts on what the internet can make it hold. Each is a `serve` flag
 * (relay/README.md lists them with their defaults); tests shorten the timeouts.
 */
export type IntakeLimits = {
  /** Headers and the whole body must arrive within this; klikit itself gives up after 10 s. */
  requestTimeoutMs: number;
  /** HTTP connections not yet upgraded to a bridge WebSocket, from everyone together. */
  maxConnections: number;
  /** The same from one source address. */
  maxConnectionsPerAddress: number;
  /** The largest webhook body; the largest realistic klikit envelope is about 95 KB. */
  maxBodyBytes: number;
  /** Bodies larger than this must reserve their size in the shared budget before being read. */
  smallBodyBytes: number;
  /** Bytes of large bodies being received at once; beyond it, large bodies are answered 503. */
  bodyBudgetBytes: number;
};

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  requestTimeoutMs: 10_000,
  maxConnections: 2048,
  maxConnectionsPerAddress: 256,
  maxBodyBytes: 256 * 1024,
  smallBodyBytes: 64 * 1024,
  bodyBudgetBytes: 32 * 1024 * 1024,
};
