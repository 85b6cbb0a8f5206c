import { describe, expect, it } from 'vitest';
import { acceptedTags, requestLanguage } from '../../../main/screens/request-language.js';

describe('the language of a request', () => {
  it('orders Accept-Language by preference, keeping the header’s order among equals, without * or q=0', () => {
    expect(acceptedTags('en;q=0.5, id-ID, id;q=0.9, *;q=0.1, fr;q=0')).toEqual(['id-ID', 'id', 'en']);
    expect(acceptedTags('th, vi')).toEqual(['th', 'vi']);
    expect(acceptedTags(undefined)).toEqual([]);
    expect(acceptedTags(' ; q=1, ,')).toEqual([]);
  });

  it('takes a picked language first, then the first accepted one we have, else English', () => {
    expect(requestLanguage(null, 'id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(requestLanguage('ar', 'id-ID')).toBe('ar');
    expect(requestLanguage('xx-nonsense', 'ko, zh-Hans-SG;q=0.7')).toBe('zh');
    expect(requestLanguage(null, 'ko-KR, ja')).toBe('en');
    expect(requestLanguage(null, 'en;q=0.2, tl;q=0.9')).toBe('fil');
  });
});
