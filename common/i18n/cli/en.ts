// What the bridge's command lines (`npm run bridge`, `npm run printers`) tell the person at the
// terminal. Option names, paths and machine-readable output (JSON logs, CSV, listings) stay as they are.
export const en = {
  'cli.usage': 'usage: {synopsis}',
  'cli.badArguments': 'These arguments cannot be read: {error}',
  'cli.badLanguage': '--lang: "{value}" is not a language the bridge speaks; use one of {languages}',
  'cli.bridge.missingConfig': 'missing --config FILE (or BRIDGE_CONFIG)',
  'cli.bridge.badPort': '--health-port: expected a port number, got "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: expected a positive integer',
  'cli.bridge.badDiagnostics': '--diagnostics: expected a path ending in .zip, got "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: expected a path ending in .csv, got "{value}"',
  'cli.bridge.badDays': '--days: expected a whole number of days from 1 to {max}',
  'cli.bridge.daysAlone': '--days goes with --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'use one of --pair, --screens and --revoke-screen at a time',
  'cli.bridge.databaseUnopened': 'the bridge database could not be opened: {error}',
  'cli.printers.none': 'No printer found on this computer (no CUPS queue, Windows printer, serial port or /dev/usb/lp*). Network printers are tcp://ADDRESS:9100.',
  'cli.printers.serialSpeed': 'check the printer’s baud rate (9600 and 115200 are common)',
  'cli.printers.badType': '--type must be epson or star, got "{value}"',
  'cli.printers.badWidth': '--width must be 48 or 32, got "{value}"',
} as const;
