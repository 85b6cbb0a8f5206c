import { LANGUAGE_NAMES, LOCALES, matchLocale, PSEUDO_LOCALE } from '../common/i18n/locales.js';
import { h, replaceChildren } from './dom.js';
import { fmt, rememberScreenLanguage, screenLanguage, t } from './i18n.js';
import { s } from './svg.js';

// The parts of a LAN screen around its view: the station's name in the header, the screen's own
// language picker, and what a screen says when it cannot learn its kind.

/** A station screen names its station in large type at the start of the header: the cook knows whose lines these are. */
export function renderScreenName(header: HTMLElement, name: string): void {
  let el = header.querySelector<HTMLElement>('.screen-name');
  if (!el) {
    el = h('span', { class: 'screen-name', 'aria-label': t('screens.station') });
    header.prepend(el);
  }
  if (el.textContent !== name) el.textContent = name;
}

/** Nothing of the board is shown: a screen that does not know its kind could show what it may not. */
export function screenNotKnown(why: string): void {
  document.body.dataset.screen = 'unknown';
  const note = h('p', { class: 'screen-unknown', role: 'alert' });
  replaceChildren(note, t('screens.grantUnknown', { why }));
  document.body.append(note);
  document.body.dataset.ready = 'true';
}

const languageName = (tag: string): string => {
  const locale = matchLocale(tag);
  return locale === null || locale === PSEUDO_LOCALE ? LANGUAGE_NAMES.en : LANGUAGE_NAMES[locale];
};

/** A globe drawn, not an emoji: a kitchen tablet may have no emoji font. */
const globe = (): SVGElement =>
  s(
    'svg',
    { class: 'screen-language-globe', viewBox: '0 0 20 20', 'aria-hidden': 'true' },
    s('circle', { cx: 10, cy: 10, r: 8 }),
    s('ellipse', { cx: 10, cy: 10, rx: 3.5, ry: 8 }),
    s('path', { d: 'M2 10h16M3.5 5.5h13M3.5 14.5h13' }),
  );

/**
 * The screen's own language, chosen on the screen: each tablet in a kitchen may read another language,
 * and the counter PC's setting is the desktop window's. A small button at the end of `place` opens the
 * list (two taps, so a cook's elbow changes nothing); a choice is kept in this browser and the page
 * reloads in it. Names are shown in their own language, for a cook who cannot read the current one.
 */
export function showLanguagePicker(place: HTMLElement): void {
  const chosen = screenLanguage();
  const choose = (tag: string): void => {
    rememberScreenLanguage(tag);
    window.location.reload();
  };
  const option = (tag: string, label: string, lang?: string): HTMLElement =>
    h('button', { type: 'button', class: 'screen-language-option', 'data-language': tag, lang, 'aria-pressed': String(tag === chosen), onclick: () => choose(tag) }, label);
  const dialog = h(
    'dialog',
    { id: 'screen-language-dialog', class: 'screen-language-dialog', 'aria-labelledby': 'screen-language-title' },
    h('h2', { id: 'screen-language-title' }, t('common.language')),
    h(
      'div',
      { class: 'screen-language-options' },
      option('', t('common.languageAuto', { language: languageName(navigator.language) })),
      ...LOCALES.map((locale) => option(locale, LANGUAGE_NAMES[locale], locale)),
    ),
    h('button', { type: 'button', class: 'screen-language-close', onclick: () => dialog.close() }, t('common.close')),
  );
  const button = h(
    'button',
    { type: 'button', id: 'screen-language', class: 'screen-language', 'aria-haspopup': 'dialog', 'aria-label': t('screens.languageChoose'), title: t('screens.languageChoose'), onclick: () => dialog.showModal() },
    globe(),
    h('span', { class: 'screen-language-name', lang: fmt().tag }, languageName(fmt().tag)),
  );
  place.append(button);
  document.body.append(dialog);
}
