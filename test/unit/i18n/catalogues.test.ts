// The catalogues as the build cannot fully check them: ICU syntax, the same arguments as English, plural
// categories the locale has, keys named after their domain, and no key left unused by the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, DOMAINS, type MessageKey } from '../../../common/i18n/catalogue.js';
import { intlTag, LOCALES, PSEUDO_LOCALE } from '../../../common/i18n/locales.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const root = join(import.meta.dirname, '../../..');
const englishKeys = Object.keys(CATALOGUES.en) as MessageKey[];

type Argument = { name: string; kind: 'plain' | 'number' | 'plural' | 'select' | 'date' | 'tag' };

function argumentsOf(elements: MessageFormatElement[], out = new Map<string, Argument['kind']>()): Map<string, Argument['kind']> {
  for (const element of elements) {
    if (element.type === TYPE.argument) out.set(element.value, out.get(element.value) ?? 'plain');
    else if (element.type === TYPE.number) out.set(element.value, 'number');
    else if (element.type === TYPE.date || element.type === TYPE.time) out.set(element.value, 'date');
    else if (element.type === TYPE.plural) {
      out.set(element.value, 'plural');
      for (const option of Object.values(element.options)) argumentsOf(option.value, out);
    } else if (element.type === TYPE.select) {
      out.set(element.value, 'select');
      for (const option of Object.values(element.options)) argumentsOf(option.value, out);
    } else if (element.type === TYPE.tag) {
      out.set(element.value, 'tag');
      argumentsOf(element.children, out);
    }
  }
  return out;
}

function pluralProblems(elements: MessageFormatElement[], categories: Set<string>): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      if (!('other' in element.options)) problems.push(`{${element.value}} has no "other"`);
      for (const [name, option] of Object.entries(element.options)) {
        if (!name.startsWith('=') && !categories.has(name)) problems.push(`{${element.value}} uses "${name}", which this language does not have`);
        problems.push(...pluralProblems(option.value, categories));
      }
    } else if (element.type === TYPE.select) {
      if (!('other' in element.options)) problems.push(`{${element.value}} has no "other"`);
      for (const option of Object.values(element.options)) problems.push(...pluralProblems(option.value, categories));
    } else if (element.type === TYPE.tag) problems.push(...pluralProblems(element.children, categories));
  }
  return problems;
}

function sampleValues(message: string): Record<string, string | number | Date | ((parts: string[]) => string)> {
  const values: Record<string, string | number | Date | ((parts: string[]) => string)> = {};
  for (const [name, kind] of argumentsOf(parse(message))) {
    values[name] = kind === 'number' || kind === 'plural' ? 3 : kind === 'date' ? new Date(0) : kind === 'tag' ? (parts) => parts.join('') : 'x';
  }
  return values;
}

describe('message catalogues', () => {
  it('every locale has exactly the English keys', () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(CATALOGUES[locale]).sort();
      expect(keys, locale).toEqual([...englishKeys].sort());
    }
  });

  it('every key starts with its domain and a dot', () => {
    for (const [name, domain] of Object.entries(DOMAINS)) {
      const wrong = Object.keys(domain.en).filter((key) => !key.startsWith(`${name}.`));
      expect(wrong, name).toEqual([]);
    }
  });

  it('every message is valid ICU, with English\'s arguments and the locale\'s plural categories', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const categories = new Set(new Intl.PluralRules(intlTag(locale)).resolvedOptions().pluralCategories);
      for (const key of englishKeys) {
        const message = CATALOGUES[locale][key];
        let elements: MessageFormatElement[];
        try {
          elements = parse(message);
        } catch (error) {
          problems.push(`${locale} ${key}: not valid ICU (${(error as Error).message})`);
          continue;
        }
        if (message.trim() === '') problems.push(`${locale} ${key}: empty`);
        const english = [...argumentsOf(parse(CATALOGUES.en[key])).entries()].sort();
        const here = [...argumentsOf(elements).entries()].sort();
        if (JSON.stringify(here) !== JSON.stringify(english)) problems.push(`${locale} ${key}: arguments ${JSON.stringify(here)} instead of ${JSON.stringify(english)}`);
        for (const problem of pluralProblems(elements, categories)) problems.push(`${locale} ${key}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every message formats in every locale and in the pseudo-locale', () => {
    for (const locale of [...LOCALES, PSEUDO_LOCALE]) {
      const translator = createTranslator(locale);
      for (const key of englishKeys) {
        const text = translator.t(key, sampleValues(CATALOGUES.en[key]) as Record<string, string | number | Date>);
        expect(text.length, `${locale} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('no key is left unused by the code', () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|html)$/.test(name) && !relative(root, path).startsWith(join('common', 'i18n'))) sources.push(readFileSync(path, 'utf8'));
      }
    };
    for (const dir of ['common', 'main', 'renderer', 'preload']) walk(join(root, dir));
    const text = sources.join('\n');
    const unused = englishKeys.filter((key) => !text.includes(`'${key}'`) && !text.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });
});
