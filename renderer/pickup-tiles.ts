// How the pickup board's ready tiles are sized: large while few orders are ready, narrower as more are.

/** Beyond this many characters a number takes two tiles' width. */
export const WIDE_NUMBER = 6;

/** The narrowest a ready tile may be: a few ready numbers are shown as large as the room allows. */
export function tileWidth(readyCount: number): number {
  if (readyCount <= 2) return 420;
  if (readyCount <= 4) return 300;
  if (readyCount <= 6) return 240;
  return 190;
}
