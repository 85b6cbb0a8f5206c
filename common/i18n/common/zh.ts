import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const zh: Translation<typeof en> = {
  'common.close': '关闭',
  'common.language': '语言',
  'common.languageAuto': '跟随电脑（{language}）',
};
