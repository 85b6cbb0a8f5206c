// The pseudo-locale: English with every letter accented, every vowel doubled and every word at least 40 %
// longer (as Filipino or Vietnamese often run), in ⟦brackets⟧ so a cut edge shows. Placeholders, plurals and tags keep
// their structure: only the literal text changes, so the message formats exactly as English does.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const VOWELS = new Set('aeiouAEIOU');

/** Each word accented, its vowels doubled, and padded with '·' to at least 1.4 times its length. */
export function pseudoText(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    let out = '';
    for (const char of word) {
      const accented = ACCENTED[char] ?? char;
      out += VOWELS.has(char) ? accented + accented : accented;
    }
    const wanted = Math.ceil([...word].length * 1.4);
    return out.padEnd(Math.max(out.length, wanted), '·');
  });
}

function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: pseudoText(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([name, option]) => [name, { ...option, value: pseudoElements(option.value) }]));
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: pseudoElements(element.children) };
    return element;
  });
}

/** An English message as the pseudo-locale's parsed message. */
export function pseudoMessage(message: string): MessageFormatElement[] {
  const literal = (value: string): MessageFormatElement => ({ type: TYPE.literal, value });
  return [literal('⟦'), ...pseudoElements(parse(message)), literal('⟧')];
}
