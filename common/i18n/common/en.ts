// Words every part of the product uses alike.
export const en = {
  'common.close': 'Close',
  'common.language': 'Language',
  'common.languageAuto': 'As the computer ({language})',
} as const;
