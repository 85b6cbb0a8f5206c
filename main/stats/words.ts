// The sentences of the all-day counts and the day in numbers the core says (issue 22: one place each).

export const ALL_DAY_NAMES = {
  /** Without stations: every line of every open order. */
  all: 'Every station',
  /** Lines no station's routes take (they print at the fallback printer). */
  unrouted: 'No station takes these',
} as const;

export const exportedWords = (file: string, kb: number): string => `The day in numbers saved as ${file} (${kb} KB)`;
export const exportFailedWords = (why: string): string => `The day in numbers could not be saved: ${why}`;
