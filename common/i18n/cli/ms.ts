import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ms: Translation<typeof en> = {
  'cli.usage': 'cara guna: {synopsis}',
  'cli.badArguments': 'Argumen ini tidak dapat dibaca: {error}',
  'cli.badLanguage': '--lang: "{value}" bukan bahasa yang disokong bridge; gunakan salah satu daripada {languages}',
  'cli.bridge.missingConfig': '--config FILE (atau BRIDGE_CONFIG) tiada',
  'cli.bridge.badPort': '--health-port: perlukan nombor port, bukan "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: perlukan integer positif',
  'cli.bridge.badDiagnostics': '--diagnostics: perlukan laluan yang berakhir dengan .zip, bukan "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: perlukan laluan yang berakhir dengan .csv, bukan "{value}"',
  'cli.bridge.badDays': '--days: perlukan bilangan hari bulat dari 1 hingga {max}',
  'cli.bridge.daysAlone': '--days digunakan bersama --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'gunakan hanya satu daripada --pair, --screens dan --revoke-screen pada satu masa',
  'cli.bridge.databaseUnopened': 'pangkalan data bridge tidak dapat dibuka: {error}',
  'cli.printers.none': 'Tiada pencetak ditemui pada komputer ini (tiada baris gilir CUPS, pencetak Windows, port bersiri atau /dev/usb/lp*). Pencetak rangkaian ialah tcp://ALAMAT:9100.',
  'cli.printers.serialSpeed': 'semak kadar baud pencetak (9600 dan 115200 adalah biasa)',
  'cli.printers.badType': '--type mesti epson atau star, bukan "{value}"',
  'cli.printers.badWidth': '--width mesti 48 atau 32, bukan "{value}"',
};
