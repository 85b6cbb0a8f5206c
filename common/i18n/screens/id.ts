import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const id: Translation<typeof en> = {
  'screens.grantUnknown': 'Layar ini tidak tahu apa yang harus ditampilkan ({why}). Pastikan PC kasir menyala, lalu muat ulang halaman.',
  'screens.station': 'Stasiun',
  'screens.languageChoose': 'Pilih bahasa layar ini',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'Di dapur',
  'screens.expo.ready': 'Siap diserahkan',
  'screens.expo.noneCooking': 'Dapur kosong. Pesanan baru muncul di sini begitu masuk.',
  'screens.expo.noneReady': 'Tidak ada yang menunggu diambil.',
  'screens.expo.waitingAccept': 'Belum diterima: kasir yang menerimanya',
  'screens.expo.void': 'BATAL — jangan diserahkan',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: dimasak',
  'screens.expo.allStationsDone': 'Semua stasiun selesai: cek kemasan lalu tekan Siap',
  'screens.expo.moreLines': '+{count} lagi',

  'screens.pickup.title': 'Ambil pesanan',
  'screens.pickup.ready': 'Siap — silakan ambil',
  'screens.pickup.preparing': 'Disiapkan',
  'screens.pickup.noneReady': 'Belum ada pesanan siap',
  'screens.pickup.more': '+{count} lagi',

  'screens.link.unreachable': 'PC kasir tidak terjangkau — mungkin ada pesanan yang tidak tampil',
  'screens.link.retrying': 'Mencoba lagi…',
  'screens.link.callFailed': 'PC kasir tidak terjangkau: coba lagi setelah layar ini tersambung.',

  'screens.pair.pageTitle': 'Sambungkan layar ini',
  'screens.pair.heading': 'Sambungkan layar ini ke dapur',
  'screens.pair.explain': 'Di PC kasir buka Pengaturan → Layar, pilih yang ditampilkan layar ini, lalu tekan “Buat kode pasangan”. Ketik kodenya di sini.',
  'screens.pair.codeLabel': 'Kode pasangan',
  'screens.pair.submit': 'Sambungkan',
  'screens.pair.wrong': 'Kode salah atau sudah dipakai. Buat kode baru di PC kasir.',
  'screens.pair.expired': 'Kode sudah kedaluwarsa (berlaku beberapa menit). Buat kode baru di PC kasir.',
  'screens.pair.tooMany': 'Terlalu banyak percobaan dari layar ini. Tunggu semenit, lalu coba dengan kode baru.',
  'screens.pair.foreignHost': 'Alamat ini bukan kitchen bridge. Buka bridge lewat alamatnya sendiri (ada di Pengaturan → Layar).',
  'screens.pair.crossSite': 'Ditolak: permintaan tidak berasal dari halaman kitchen bridge sendiri.',
  'screens.pair.notFound': 'Tidak ditemukan.',

  'screens.admin.codeMade': 'Ketik kode ini di layar dalam {minutes, plural, other {# menit}}. Hanya bisa dipakai sekali.',
  'screens.admin.screensOff': 'Nyalakan layar LAN dan simpan dulu.',
  'screens.admin.unknownStation': 'Tidak ada printer "{station}": pilih printer stasiun.',
  'screens.admin.revoked': 'Layar dihapus: layar itu tidak bisa melihat pesanan lagi.',
  'screens.admin.noSuchScreen': 'Layar itu tidak ada (mungkin sudah dihapus).',

  'screens.refused.any': 'Layar ini tidak bisa melakukannya: gunakan PC kasir.',
  'screens.refused.settings': 'Pengaturan ada di PC kasir: layar ini tidak bisa membukanya.',
  'screens.refused.expo': 'Layar expo menandai pesanan siap dan diambil; terima atau tolak pesanan di kasir.',
  'screens.refused.station': 'Layar stasiun hanya menandai item miliknya sendiri siap.',
  'screens.refused.tooBusy': 'Layar ini mengirim terlalu banyak sekaligus: tunggu sebentar lalu coba lagi.',
};
