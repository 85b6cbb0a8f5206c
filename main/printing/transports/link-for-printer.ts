import type { PrinterLink } from '../types.js';
import { createCupsLink } from './cups.js';
import { createDeviceFileLink } from './device-file.js';
import { parsePrinterUri } from '../../../common/printer-uri.js';
import { createSerialLink } from './serial.js';
import { createTcpLink } from './tcp.js';
import { createWindowsLink } from './windows.js';

/** The transport for a printer URI; throws on a malformed one (the config check refuses those first). */
export function linkForUri(uri: string): PrinterLink {
  const address = parsePrinterUri(uri);
  if ('error' in address) throw new TypeError(address.error);
  switch (address.scheme) {
    case 'tcp':
      return createTcpLink(uri);
    case 'file':
      return createDeviceFileLink(address.path);
    case 'serial':
      return createSerialLink(address);
    case 'cups':
      return createCupsLink(address);
    case 'windows':
      return createWindowsLink(address.printerName);
  }
}
