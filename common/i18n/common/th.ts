import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const th: Translation<typeof en> = {
  'common.close': 'ปิด',
  'common.language': 'ภาษา',
  'common.languageAuto': 'ตามคอมพิวเตอร์ ({language})',
};
