import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const fil: Translation<typeof en> = {
  'common.close': 'Isara',
  'common.language': 'Wika',
  'common.languageAuto': 'Ayon sa computer ({language})',
};
