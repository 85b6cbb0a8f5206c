import type { PrinterHealthState } from './bridge-api.js';
import type { MessageKey } from './i18n/catalogue.js';
import type { Translator } from './i18n/translator.js';

// Every sentence about backup printers that staff read (the board's banner, the tray, an order's
// history), in one place, worded by the caller's translator (the window's language).

/** An order's history: where a station's ticket printed instead. */
export const backupJobWords = ({ t }: Translator, state: string, backupName: string, stationName: string): string => t('core.backup.job', { state, backup: backupName, station: stationName });

/** The banner's advice while a held printer's tickets print on its backup. */
export const backupInUseWords = ({ t }: Translator, printerName: string, backupName: string): string => t('core.backup.inUse', { printer: printerName, backup: backupName });

/** The banner's advice when a printer was held past its grace and nothing can print its tickets. */
export const alarmWords = ({ t }: Translator, printerName: string): string => t('core.backup.alarm', { printer: printerName });

/** The banner's title for a printer whose alarm sounds; `state` as the header shows it (PAPER OUT). */
export const alarmTitleWords = ({ t }: Translator, printerName: string, state: string): string => t('core.backup.alarmTitle', { printer: printerName, state });

/** A printer's state as the tray and an alarm name it, in capitals; a printer that says nothing is wrong but takes no ticket is NOT PRINTING. */
export const PRINTER_STATE_WORDS = {
  'paper-out': 'core.printer.state.paperOut',
  'cover-open': 'core.printer.state.coverOpen',
  offline: 'core.printer.state.offline',
  unreachable: 'core.printer.state.unreachable',
  online: 'core.printer.state.notPrinting',
  unknown: 'core.printer.state.notPrinting',
} as const satisfies Record<PrinterHealthState, MessageKey>;

/** The alarm's state when the printer's status says nothing is wrong but it takes no ticket. */
export const notPrintingWords = ({ t }: Translator): string => t('core.printer.state.notPrinting');

/** The tray's line for a held printer: where its tickets go, or that they wait. */
export function trayFailoverWords({ t }: Translator, printerName: string, state: PrinterHealthState, failover: { backupName?: string | undefined; alarm: boolean }): string {
  const values = { printer: printerName, state: t(PRINTER_STATE_WORDS[state]) };
  if (failover.alarm) return t('core.backup.trayWaiting', values);
  return failover.backupName ? t('core.backup.trayOnBackup', { ...values, backup: failover.backupName }) : t('core.backup.trayHeld', values);
}
