import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const fil: Translation<typeof en> = {
  'cli.usage': 'paggamit: {synopsis}',
  'cli.badArguments': 'Hindi mabasa ang mga argumentong ito: {error}',
  'cli.badLanguage': '--lang: hindi wikang alam ng bridge ang "{value}"; gamitin ang isa sa {languages}',
  'cli.bridge.missingConfig': 'kulang ang --config FILE (o BRIDGE_CONFIG)',
  'cli.bridge.badPort': '--health-port: dapat numero ng port, hindi "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: dapat positibong buong numero',
  'cli.bridge.badDiagnostics': '--diagnostics: dapat path na nagtatapos sa .zip, hindi "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: dapat path na nagtatapos sa .csv, hindi "{value}"',
  'cli.bridge.badDays': '--days: dapat buong bilang ng araw mula 1 hanggang {max}',
  'cli.bridge.daysAlone': 'kasama ng --day-numbers OUT.csv ang --days',
  'cli.bridge.oneScreensCommand': 'isa lang sa --pair, --screens at --revoke-screen ang gamitin sa isang pagkakataon',
  'cli.bridge.databaseUnopened': 'hindi mabuksan ang database ng bridge: {error}',
  'cli.printers.none': 'Walang printer na nakita sa computer na ito (walang CUPS queue, Windows printer, serial port o /dev/usb/lp*). Ang mga network printer ay tcp://ADDRESS:9100.',
  'cli.printers.serialSpeed': 'tingnan ang baud rate ng printer (karaniwan ang 9600 at 115200)',
  'cli.printers.badType': 'dapat epson o star ang --type, hindi "{value}"',
  'cli.printers.badWidth': 'dapat 48 o 32 ang --width, hindi "{value}"',
};
