/**
 * Recursive validators (zod among them) overflow the stack on JSON nested a few hundred levels deep,
 * which turns a hostile body into a crash or a 500 on every retry. Checking the depth first, without
 * recursion, makes it an ordinary rejection. Each level of klikit's modifier tree costs four JSON levels
 * (modifier_groups → group → modifiers → modifier), so 256 leaves room for 60 modifier levels, far
 * beyond any real menu, and far below where validation overflows (about 1,600).
 */
export const MAX_JSON_DEPTH = 256;

/** True when arrays/objects in `value` nest deeper than `maxDepth` levels (a scalar is depth 0). */
export function exceedsJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The same limit read from the JSON text itself (its bytes or the string), for text already known to
 * parse: one pass counting brackets outside strings, with no allocation, where `exceedsJsonDepth`
 * walks every parsed value (the relay's intake pays this for every webhook, the bridge's ingest for
 * every event).
 */
export function jsonTextExceedsDepth(json: Uint8Array | string, maxDepth = MAX_JSON_DEPTH): boolean {
  // A text with no more opening brackets than the limit cannot nest deeper (an ordinary order has a
  // few dozen): counted with the native indexOf, far cheaper than walking every byte in JavaScript.
  if (openingsAtMost(json, maxDepth)) return false;
  const text = typeof json === 'string' ? new TextEncoder().encode(json) : json;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) depth--;
  }
  return false;
}

function openingsAtMost(text: Uint8Array | string, limit: number): boolean {
  let count = 0;
  for (const bracket of [OPEN_BRACE, OPEN_BRACKET]) {
    const next =
      typeof text === 'string' ? (from: number) => text.indexOf(String.fromCharCode(bracket), from) : (from: number) => text.indexOf(bracket, from);
    for (let at = next(0); at !== -1; at = next(at + 1)) if (++count > limit) return false;
  }
  return true;
}
