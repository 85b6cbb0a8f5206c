import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ms: Translation<typeof en> = {
  'common.close': 'Tutup',
  'common.language': 'Bahasa',
  'common.languageAuto': 'Ikut komputer ({language})',
};
