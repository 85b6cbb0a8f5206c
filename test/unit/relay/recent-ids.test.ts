import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../../relay/store/recent-ids.js';

describe('recent event ids', () => {
  it('keeps the last ids noted, evicting the oldest, and an id noted again counts as new', () => {
    const recent = new RecentIds(3);
    recent.note('a', { seq: 1, earlier: undefined });
    recent.note('b', { seq: 2, earlier: undefined });
    recent.note('a', { seq: 3, earlier: 1 });
    recent.note('c', { seq: 4, earlier: undefined });
    // 'a' was noted again after 'b': 'b' is now the oldest, and the slot of a's first note evicted nothing.
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([
      { seq: 3, earlier: 1, slot: 2 }, { seq: 2, earlier: undefined, slot: 1 }, { seq: 4, earlier: undefined, slot: 0 },
    ]);
    recent.note('d', { seq: 5, earlier: undefined });
    expect(recent.get('b')).toBeUndefined();
    expect(recent.size).toBe(3);
    recent.note('e', { seq: 6, earlier: undefined });
    expect(recent.get('a')).toBeUndefined();
    expect([recent.get('c')?.seq, recent.get('d')?.seq, recent.get('e')?.seq]).toEqual([4, 5, 6]);
  });
});
