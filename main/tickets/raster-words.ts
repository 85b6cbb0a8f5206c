// The words a raster ticket prints in place of characters no bundled font has: kept here, in one
// place, for translation (issue 22). Brackets set them apart from what the customer wrote.

export const STAND_IN = {
  /** An emoji newer than the bundled emoji font. */
  emoji: '[emoji]',
  /** A character of a script no bundled font covers. */
  other: '[?]',
} as const;
