import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const id: Translation<typeof en> = {
  'cli.usage': 'cara pakai: {synopsis}',
  'cli.badArguments': 'Argumen ini tidak bisa dibaca: {error}',
  'cli.badLanguage': '--lang: "{value}" bukan bahasa yang didukung bridge; pakai salah satu dari {languages}',
  'cli.bridge.missingConfig': '--config FILE (atau BRIDGE_CONFIG) belum diisi',
  'cli.bridge.badPort': '--health-port: harus nomor port, bukan "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: harus bilangan bulat positif',
  'cli.bridge.badDiagnostics': '--diagnostics: harus path yang berakhiran .zip, bukan "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: harus path yang berakhiran .csv, bukan "{value}"',
  'cli.bridge.badDays': '--days: harus jumlah hari bulat dari 1 sampai {max}',
  'cli.bridge.daysAlone': '--days dipakai bersama --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'pakai salah satu saja dari --pair, --screens dan --revoke-screen',
  'cli.bridge.databaseUnopened': 'database bridge tidak bisa dibuka: {error}',
  'cli.printers.none': 'Tidak ada printer di komputer ini (tidak ada antrean CUPS, printer Windows, port serial atau /dev/usb/lp*). Printer jaringan ditulis tcp://ALAMAT:9100.',
  'cli.printers.serialSpeed': 'periksa baud rate printer (9600 dan 115200 yang umum)',
  'cli.printers.badType': '--type harus epson atau star, bukan "{value}"',
  'cli.printers.badWidth': '--width harus 48 atau 32, bukan "{value}"',
};
