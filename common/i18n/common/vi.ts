import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const vi: Translation<typeof en> = {
  'common.close': 'Đóng',
  'common.language': 'Ngôn ngữ',
  'common.languageAuto': 'Theo máy tính ({language})',
};
