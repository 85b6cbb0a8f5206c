import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, jsonTextExceedsDepth, MAX_JSON_DEPTH } from '../../../common/json-depth.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { modifier_groups: value };
  return value;
};

describe('exceedsJsonDepth', () => {
  it('counts objects and arrays as levels, scalars as none', () => {
    expect(exceedsJsonDepth(5, 0)).toBe(false);
    expect(exceedsJsonDepth({}, 0)).toBe(true);
    expect(exceedsJsonDepth({ a: [1] }, 2)).toBe(false);
    expect(exceedsJsonDepth({ a: [[1]] }, 2)).toBe(true);
  });

  it('accepts a real order depth and refuses one level past the limit', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('walks 100,000 levels without recursion', () => {
    expect(exceedsJsonDepth(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(true);
  });
});

describe('jsonTextExceedsDepth', () => {
  const text = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('agrees with the parsed walk at the limit and one past it', () => {
    expect(jsonTextExceedsDepth(text(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTextExceedsDepth(text(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonTextExceedsDepth(text({ a: [1] }), 2)).toBe(false);
    expect(jsonTextExceedsDepth(text({ a: [[1]] }), 2)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const value = { note: '[[[{{{ "quoted [" \\ ]]]', a: ['}}}'] };
    expect(jsonTextExceedsDepth(text(value), 2)).toBe(false);
    expect(jsonTextExceedsDepth(text({ s: '\\"[[[' , a: [[1]] }), 2)).toBe(true);
  });

  it('walks the text once it holds more openings than the limit, and still counts only nesting', () => {
    expect(jsonTextExceedsDepth(text(Array.from({ length: 400 }, () => ({ a: 1 }))))).toBe(false);
    expect(jsonTextExceedsDepth(text(Array.from({ length: 400 }, () => nested(10))), 10)).toBe(true);
  });

  it('counts siblings as one level, not their sum', () => {
    expect(jsonTextExceedsDepth(text(Array.from({ length: 1000 }, () => [[1]])), 3)).toBe(false);
  });
});

describe('jsonTextExceedsDepth on the string', () => {
  it('reads a string as it reads its UTF-8 bytes, non-ASCII text and escapes included', () => {
    const cases: Array<[unknown, number]> = [
      [nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH],
      [nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH],
      [{ note: 'ต้มยำ "[[[" 麺 \\', a: [[1]] }, 2],
      [Array.from({ length: 400 }, () => ({ name: 'ครัวไทย [', a: [1] })), 2],
      [Array.from({ length: 400 }, () => nested(3)), 3],
    ];
    for (const [value, limit] of cases) {
      const json = JSON.stringify(value);
      expect(jsonTextExceedsDepth(json, limit)).toBe(jsonTextExceedsDepth(Buffer.from(json), limit));
      expect(jsonTextExceedsDepth(json, limit)).toBe(exceedsJsonDepth(value, limit));
    }
  });
});
