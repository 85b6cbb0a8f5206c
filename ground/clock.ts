/** Time and randomness are passed in so that tests can drive them. */
export type Clock = { now(): number };
export type Random = () => number;

export const systemClock: Clock = { now: () => Date.now() };
export const systemRandom: Random = Math.random;

export const isoAt = (clock: Clock): string => new Date(clock.now()).toISOString();
