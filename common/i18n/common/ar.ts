import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ar: Translation<typeof en> = {
  'common.close': 'إغلاق',
  'common.language': 'اللغة',
  'common.languageAuto': 'مثل الكمبيوتر ({language})',
};
