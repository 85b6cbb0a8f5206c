import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ms: Translation<typeof en> = {
  'screens.grantUnknown': 'Skrin ini tidak tahu apa yang perlu dipaparkan ({why}). Pastikan PC kaunter hidup, kemudian muat semula halaman.',
  'screens.station': 'Stesen',
  'screens.languageChoose': 'Pilih bahasa skrin ini',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'Di dapur',
  'screens.expo.ready': 'Siap diserahkan',
  'screens.expo.noneCooking': 'Dapur kosong. Pesanan baharu muncul di sini sebaik sahaja masuk.',
  'screens.expo.noneReady': 'Tiada yang menunggu untuk diambil.',
  'screens.expo.waitingAccept': 'Belum diterima: kaunter yang menerimanya',
  'screens.expo.void': 'BATAL — jangan serahkan',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: sedang dimasak',
  'screens.expo.allStationsDone': 'Semua stesen siap: semak beg dan tekan Siap',
  'screens.expo.moreLines': '+{count} lagi',

  'screens.pickup.title': 'Ambil pesanan',
  'screens.pickup.ready': 'Siap — sila ambil',
  'screens.pickup.preparing': 'Disediakan',
  'screens.pickup.noneReady': 'Belum ada pesanan siap',
  'screens.pickup.more': '+{count} lagi',

  'screens.link.unreachable': 'PC kaunter tidak dapat dihubungi — mungkin ada pesanan yang tiada di sini',
  'screens.link.retrying': 'Mencuba lagi…',
  'screens.link.callFailed': 'PC kaunter tidak dapat dihubungi: cuba lagi apabila skrin ini bersambung.',

  'screens.pair.pageTitle': 'Pasangkan skrin ini',
  'screens.pair.heading': 'Pasangkan skrin ini dengan dapur',
  'screens.pair.explain': 'Di PC kaunter buka Tetapan → Skrin, pilih apa yang dipaparkan skrin ini dan tekan “Buat kod pasangan”. Taip kod itu di sini.',
  'screens.pair.codeLabel': 'Kod pasangan',
  'screens.pair.submit': 'Pasangkan',
  'screens.pair.wrong': 'Kod itu salah atau sudah digunakan. Buat kod baharu di PC kaunter.',
  'screens.pair.expired': 'Kod itu sudah tamat tempoh (sah beberapa minit). Buat kod baharu di PC kaunter.',
  'screens.pair.tooMany': 'Terlalu banyak cubaan dari skrin ini. Tunggu seminit, kemudian cuba dengan kod baharu.',
  'screens.pair.foreignHost': 'Alamat ini bukan kitchen bridge. Buka bridge melalui alamatnya sendiri (dalam Tetapan → Skrin).',
  'screens.pair.crossSite': 'Ditolak: permintaan itu bukan dari halaman kitchen bridge sendiri.',
  'screens.pair.notFound': 'Tidak dijumpai.',

  'screens.admin.codeMade': 'Taip kod ini di skrin dalam masa {minutes, plural, other {# minit}}. Ia boleh digunakan sekali sahaja.',
  'screens.admin.screensOff': 'Hidupkan skrin LAN dan simpan dahulu.',
  'screens.admin.unknownStation': 'Tiada pencetak "{station}": pilih pencetak stesen.',
  'screens.admin.revoked': 'Skrin itu telah dibuang: ia tidak dapat melihat pesanan lagi.',
  'screens.admin.noSuchScreen': 'Skrin itu tiada (mungkin sudah dibuang).',

  'screens.refused.any': 'Skrin ini tidak boleh berbuat begitu: gunakan PC kaunter.',
  'screens.refused.settings': 'Tetapan ada di PC kaunter: skrin ini tidak boleh membukanya.',
  'screens.refused.expo': 'Skrin expo menanda pesanan siap dan sudah diambil; terima atau tolak pesanan di kaunter.',
  'screens.refused.station': 'Skrin stesen hanya menanda item sendiri sebagai siap.',
  'screens.refused.tooBusy': 'Skrin ini menghantar terlalu banyak serentak: tunggu sebentar dan cuba lagi.',
};
