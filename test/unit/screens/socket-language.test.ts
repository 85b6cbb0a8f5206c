import { describe, expect, it } from 'vitest';
import { socketLanguage } from '../../../main/screens/socket-language.js';

describe('the language a screen’s socket is answered in', () => {
  it('is the language its page names, when the product speaks it', () => {
    expect(socketLanguage({ kind: 'counter' }, 'th')).toBe('th');
    expect(socketLanguage({ kind: 'station', station: 'grill' }, 'id-ID')).toBe('id');
    expect(socketLanguage({ kind: 'pickup' }, 'zh-Hans-SG')).toBe('zh');
    expect(socketLanguage({ kind: 'expo' }, 'en-XA')).toBe('en-XA');
  });

  it('is the settings’ language (null) for no tag, a language we do not have, junk, or the desktop grant', () => {
    expect(socketLanguage({ kind: 'counter' }, null)).toBeNull();
    expect(socketLanguage({ kind: 'counter' }, '')).toBeNull();
    expect(socketLanguage({ kind: 'counter' }, 'ko-KR')).toBeNull();
    expect(socketLanguage({ kind: 'counter' }, '%%<script>')).toBeNull();
    expect(socketLanguage({ kind: 'counter' }, `th-${'x'.repeat(100)}`)).toBeNull();
    // The desktop board in a browser shows the settings' language, as the desktop window does.
    expect(socketLanguage({ kind: 'desktop' }, 'th')).toBeNull();
  });
});
