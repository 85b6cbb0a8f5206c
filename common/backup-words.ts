// Every sentence about backup printers that staff read (the board's banner, the tray, an order's
// history), in one place for translation.

/** An order's history: where a station's ticket printed instead. */
export const backupJobWords = (state: string, backupName: string, stationName: string): string => `${state} on ${backupName} as backup for ${stationName}`;

/** The banner's advice while a held printer's tickets print on its backup. */
export const backupInUseWords = (printerName: string, backupName: string): string =>
  `Its tickets print on ${backupName} meanwhile, marked BACKUP FOR ${printerName}: take them to ${printerName}. New tickets come back here once it prints again.`;

/** The banner's advice when a printer was held past its grace and nothing can print its tickets. */
export const alarmWords = (printerName: string): string => `Nothing is printing ${printerName}'s tickets: fix it now. They print by themselves once it is back.`;

/** The banner's title for a printer whose alarm sounds; `state` as the header shows it (PAPER OUT). */
export const alarmTitleWords = (printerName: string, state: string): string => `${printerName}: ${state}, tickets waiting`;

/** The alarm's state when the printer's status says nothing is wrong but it takes no ticket. */
export const NOT_PRINTING = 'NOT PRINTING';

/** The tray's line for a held printer: where its tickets go, or that they wait. */
export const trayFailoverWords = (printerName: string, state: string, failover: { backupName?: string | undefined; alarm: boolean }): string =>
  failover.alarm ? `${printerName} ${state}: TICKETS WAITING` : failover.backupName ? `${printerName} ${state}: tickets on ${failover.backupName}` : `${printerName} ${state}`;
