import { describe, expect, it } from 'vitest';
import { rowHeights, templateRows } from '../../../renderer/board-rows.js';

// The board's rows from counts and sizes: whole when they fit, shared when they can, scrolling at
// the fallback height when there are too many.

const at1024 = { columns: 3, free: 535, gap: 8, minRow: 240, fallback: 360 };

describe('rowHeights', () => {
  it('gives one card alone what it needs, up to the whole free height', () => {
    expect(rowHeights({ ...at1024, needs: [526] })).toEqual([526]);
    expect(rowHeights({ ...at1024, needs: [900] })).toEqual([535]);
  });

  it('makes each row as tall as its tallest card when every row fits', () => {
    expect(rowHeights({ ...at1024, needs: [300, 120, 180, 150, 90] })).toEqual([300, 150]);
  });

  it('shares the free height when the rows do not all fit: small rows get their need, the others the rest', () => {
    // 535 - 8 gap - 150 for the small second row = 377 left for the first.
    expect(rowHeights({ ...at1024, needs: [500, 120, 180, 150, 90] })).toEqual([377, 150]);
    expect(rowHeights({ ...at1024, needs: [500, 100, 100, 400] })).toEqual([263, 263]);
  });

  it('falls back to the scrolling height when sharing would leave rows under the minimum', () => {
    const twelve = [500, 400, 300, 450, 200, 100, 480, 150, 90, 420, 260, 100];
    expect(rowHeights({ ...at1024, fallback: 298, needs: twelve })).toEqual([298, 298, 298, 298]);
    expect(rowHeights({ ...at1024, fallback: 298, needs: [500, 1, 1, 200, 1, 1, 150, 1, 1, 100] })).toEqual([298, 200, 150, 100]);
  });

  it('treats a card not measured yet as tall', () => {
    expect(rowHeights({ ...at1024, needs: [null, 100, 100] })).toEqual([535]);
    expect(rowHeights({ ...at1024, needs: [100, 100, 100, null] })).toEqual([100, 427]);
  });

  it('has no rows without cards', () => {
    expect(rowHeights({ ...at1024, needs: [] })).toEqual([]);
  });
});

describe('templateRows', () => {
  it('folds runs of equal rows', () => {
    expect(templateRows([300, 300, 300, 150, 298])).toBe('repeat(3, 300px) 150px 298px');
    expect(templateRows([])).toBe('');
  });
});
