/** Nearest-rank percentile of ascending `sorted` samples: the value at or below which p % of them lie. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
