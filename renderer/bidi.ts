import { fmt } from './i18n.js';

// Order numbers, prices and times read left to right inside any sentence: in Arabic, "#1042" or "12:30"
// set among right-to-left words would otherwise have their '#' or parts moved. An isolate keeps the
// value whole (what <bdi dir="ltr"> does for an element) without splitting the sentence into nodes. A
// left-to-right page needs none, and its text stays exactly as written.

const LEFT_TO_RIGHT_ISOLATE = '\u2066';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

export const ltr = (value: string | number): string => (fmt().dir === 'rtl' ? `${LEFT_TO_RIGHT_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}` : String(value));
