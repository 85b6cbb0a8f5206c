/** Injected time, structurally the same as the bridge's Clock (the relay shares no code with main/core). */
export type RelayClock = { now(): number };

export const systemRelayClock: RelayClock = { now: () => Date.now() };
