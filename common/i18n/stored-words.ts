import { isMessageKey, type MessageKey } from './catalogue.js';
import type { Translator } from './translator.js';

// A sentence the bridge keeps (an action's reason, in SQLite) is stored as its catalogue key and
// values, not as words: it is translated each time it is read, so it shows in the language the
// window speaks now, even after the language changed. Text stored before this (English sentences)
// and anything that is not such a record reads as it is.

export type StoredValues = Record<string, string | number>;

/** The key and values as the text column keeps them. */
export function storeWords(key: MessageKey, values: StoredValues = {}): string {
  return JSON.stringify({ key, values });
}

function parsed(text: string): { key: MessageKey; values: StoredValues } | null {
  if (!text.startsWith('{')) return null;
  try {
    const record = JSON.parse(text) as { key?: unknown; values?: unknown };
    if (!isMessageKey(record.key)) return null;
    const values = typeof record.values === 'object' && record.values !== null ? (record.values as StoredValues) : {};
    return { key: record.key, values };
  } catch {
    return null;
  }
}

/** The stored sentence in the translator's language; old English text as it is. */
export function readStoredWords(text: string, t: Translator): string {
  const record = parsed(text);
  if (!record) return text;
  try {
    return t.t(record.key, record.values);
  } catch {
    // A record whose values no longer fit its message (a catalogue changed under an old row) still says something.
    return text;
  }
}
