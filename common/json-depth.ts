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
