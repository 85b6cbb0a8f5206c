import type { PrinterLink } from '../types.js';
import { createCupsLink } from './cups.js';
import { createDeviceFileLink } from './device-file.js';
import { parsePrinterUri } from '../../../common/printer-uri.js';
import { createSerialLink } from './serial.js';
import { createTcpLink } from './tcp.js';
import { createWindowsLink } from './windows.js';

/** CUPS_SERVER when it names a host:port (it may also be a socket path, which IPP over TCP cannot use). */
const cupsServerOf = (env: NodeJS.ProcessEnv): { defaultServer?: string } =>
  env.CUPS_SERVER && /^[^/\s]+:\d+$/.test(env.CUPS_SERVER) ? { defaultServer: env.CUPS_SERVER } : {};

/** The transport for a printer URI; throws on a malformed one (the config check refuses those first). */
export function linkForUri(uri: string, env: NodeJS.ProcessEnv = process.env): PrinterLink {
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
      return createCupsLink(address, cupsServerOf(env));
    case 'windows':
      return createWindowsLink(address.printerName);
  }
}
