import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const fil: Translation<typeof en> = {
  'screens.grantUnknown': 'Hindi malaman ng screen na ito kung ano ang ipapakita ({why}). Tiyaking bukas ang PC sa counter, saka i-reload ang page.',
  'screens.station': 'Istasyon',
  'screens.languageChoose': 'Piliin ang wika ng screen na ito',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'Nasa kusina',
  'screens.expo.ready': 'Handa nang ibigay',
  'screens.expo.noneCooking': 'Walang niluluto. Lalabas dito ang bagong order pagdating nito.',
  'screens.expo.noneReady': 'Walang naghihintay na kunin.',
  'screens.expo.waitingAccept': 'Hindi pa tinatanggap: ang counter ang tatanggap',
  'screens.expo.void': 'VOID — kinansela, huwag ibigay',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: niluluto',
  'screens.expo.allStationsDone': 'Tapos na lahat ng istasyon: tingnan ang bag at pindutin ang Handa na',
  'screens.expo.moreLines': '+{count} pa',

  'screens.pickup.title': 'Kunin ang order',
  'screens.pickup.ready': 'Handa na — pakikuha',
  'screens.pickup.preparing': 'Inihahanda',
  'screens.pickup.noneReady': 'Wala pang handang order',
  'screens.pickup.more': '+{count} pa',

  'screens.link.unreachable': 'Hindi maabot ang PC sa counter — baka may kulang na order dito',
  'screens.link.retrying': 'Sinusubukan ulit…',
  'screens.link.callFailed': 'Hindi maabot ang PC sa counter: subukan ulit kapag nakakonekta na ang screen na ito.',

  'screens.pair.pageTitle': 'I-pair ang screen na ito',
  'screens.pair.heading': 'I-pair ang screen na ito sa kusina',
  'screens.pair.explain': 'Sa PC sa counter, buksan ang Settings → Mga screen, piliin ang ipapakita ng screen na ito at pindutin ang “Gumawa ng pairing code”. I-type dito ang code.',
  'screens.pair.codeLabel': 'Pairing code',
  'screens.pair.submit': 'I-pair',
  'screens.pair.wrong': 'Mali ang code o nagamit na. Gumawa ng bagong code sa PC sa counter.',
  'screens.pair.expired': 'Expired na ang code (ilang minuto lang ito). Gumawa ng bagong code sa PC sa counter.',
  'screens.pair.tooMany': 'Sobrang dami ng subok mula sa screen na ito. Maghintay ng isang minuto, saka subukan ang bagong code.',
  'screens.pair.foreignHost': 'Hindi ito ang address ng kitchen bridge. Buksan ang bridge sa sarili nitong address (nasa Settings → Screens).',
  'screens.pair.crossSite': 'Tinanggihan: hindi galing sa sariling page ng kitchen bridge ang request.',
  'screens.pair.notFound': 'Hindi nakita.',

  'screens.admin.codeMade': 'I-type ang code na ito sa screen sa loob ng {minutes, plural, one {# minuto} other {# minuto}}. Isang beses lang ito gagana.',
  'screens.admin.screensOff': 'I-on muna ang LAN screens at i-save.',
  'screens.admin.unknownStation': 'Walang printer na "{station}": pumili ng printer ng istasyon.',
  'screens.admin.revoked': 'Tinanggal ang screen: hindi na nito makikita ang mga order.',
  'screens.admin.noSuchScreen': 'Walang ganoong screen (baka natanggal na).',

  'screens.refused.any': 'Hindi ito magagawa ng screen na ito: gamitin ang PC sa counter.',
  'screens.refused.settings': 'Nasa PC sa counter ang Settings: hindi ito mabubuksan ng screen na ito.',
  'screens.refused.expo': 'Ang expo screen ay nagmamarka ng handa at nakuha na; tanggapin o tanggihan ang order sa counter.',
  'screens.refused.station': 'Ang screen ng istasyon ay nagmamarka lang ng sarili nitong items na handa.',
  'screens.refused.tooBusy': 'Sobrang dami ng ipinadala ng screen na ito: maghintay sandali at subukan ulit.',
};
