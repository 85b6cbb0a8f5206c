import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const id: Translation<typeof en> = {
  'common.close': 'Tutup',
  'common.language': 'Bahasa',
  'common.languageAuto': 'Ikuti komputer ({language})',
};
