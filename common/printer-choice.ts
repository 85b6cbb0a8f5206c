import type { MessageKey } from './i18n/catalogue.js';
import type { MessageValues } from './i18n/translator.js';
import { inEnglish, type Say } from './issue-text.js';
import { parsePrinterUri, type PrinterAddress } from './printer-uri.js';

// How people, not integrators, name a printer: a label for any printer address ("USB printer (lp0)",
// "CUPS: Kitchen_TM"), the address of a network printer from its IP address and port, and the
// technical id a new printer takes from its name. The window and the core (discovery) share them,
// so a printer is called the same in the list, in a test print's sentence and once saved.

export const DEFAULT_NETWORK_PORT = 9100;

const lastPart = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path;

function labelOf(address: PrinterAddress, say: Say): string {
  switch (address.scheme) {
    case 'tcp':
      return address.port === DEFAULT_NETWORK_PORT
        ? say('settings.printerLabel.network', { host: address.host })
        : say('settings.printerLabel.networkPort', { host: address.host, port: String(address.port) });
    case 'file':
      return /^\/dev\/usb\/lp\d+$/.test(address.path) ? say('settings.printerLabel.usb', { device: lastPart(address.path) }) : say('settings.printerLabel.device', { path: address.path });
    case 'serial':
      return /rfcomm\d+$/.test(address.path) ? say('settings.printerLabel.bluetooth', { device: lastPart(address.path) }) : say('settings.printerLabel.serial', { device: lastPart(address.path) });
    case 'cups':
      return address.server ? say('settings.printerLabel.cupsServer', { queue: address.queue, server: address.server }) : say('settings.printerLabel.cups', { queue: address.queue });
    case 'windows':
      return say('settings.printerLabel.windows', { name: address.printerName });
  }
}

/** A printer address as a person reads it, worded by `say` (the window's language); a malformed address is shown as typed. */
export function printerAddressLabel(uri: string, say: Say): string {
  const address = parsePrinterUri(uri);
  return 'error' in address ? uri : labelOf(address, say);
}

/** The same in English: the core's discovery, its test prints and the command line. */
export const describePrinterAddress = (uri: string): string => printerAddressLabel(uri, inEnglish);

/**
 * What identifies the physical printer behind an address, whatever its options: the same serial port
 * at another speed, or the same device through file:// and serial://, is the same printer.
 */
export function printerDeviceKey(uri: string): string | null {
  const address = parsePrinterUri(uri);
  if ('error' in address) return null;
  switch (address.scheme) {
    case 'tcp':
      return `tcp ${address.host.toLowerCase()}:${address.port}`;
    case 'file':
    case 'serial':
      return `device ${address.path}`;
    case 'cups':
      return `cups ${address.queue}@${address.server ?? ''}`;
    case 'windows':
      return `windows ${address.printerName.toLowerCase()}`;
  }
}

/** A mistake as a catalogue key and its values, for the window to word in its language; `message` is the same in English. */
export type NetworkAddress = { ok: true; uri: string } | { ok: false; field: 'ip' | 'port'; key: MessageKey; values: MessageValues; message: string };

type Problem = { key: MessageKey; values: MessageValues };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function ipProblem(ip: string): Problem | null {
  if (ip === '') return { key: 'settings.printer.ipMissing', values: {} };
  if (/^[\d.]+$/.test(ip)) {
    const parts = ip.split('.');
    if (parts.length !== 4 || parts.some((part) => part === '')) return { key: 'settings.printer.ipIncomplete', values: { ip } };
    if (parts.some((part) => part.length > 3 || Number(part) > 255)) return { key: 'settings.printer.ipOutOfRange', values: { ip } };
    return null;
  }
  return HOST_NAME.test(ip) ? null : { key: 'settings.printer.ipNotAddress', values: { ip } };
}

const failed = (field: 'ip' | 'port', problem: Problem): NetworkAddress => ({ ok: false, field, ...problem, message: inEnglish(problem.key, problem.values) });

/** The address of a network printer from what was typed: `tcp://IP:9100` unless another port is given. */
export function networkPrinterAddress(ipText: string, portText = ''): NetworkAddress {
  const ip = ipText.trim();
  const problem = ipProblem(ip);
  if (problem) return failed('ip', problem);
  const portTyped = portText.trim();
  const port = portTyped === '' ? DEFAULT_NETWORK_PORT : Number(portTyped);
  if (!/^\d{0,5}$/.test(portTyped) || port < 1 || port > 65_535) {
    return failed('port', { key: 'settings.printer.portRange', values: { port: String(DEFAULT_NETWORK_PORT) } });
  }
  return { ok: true, uri: `tcp://${ip}:${port}` };
}

/** The IP address (or host name) and port of a `tcp://` address, or null for any other address. */
export function networkPartsOf(uri: string): { ip: string; port: number } | null {
  const address = parsePrinterUri(uri);
  return 'error' in address || address.scheme !== 'tcp' ? null : { ip: address.host, port: address.port };
}

/** The speeds serial receipt printers are set to, slowest first; 9600 is the usual factory setting. */
export const SERIAL_SPEEDS = [9600, 19200, 38400, 57600, 115200] as const;

/** A serial address's speed, or null for any other address. */
export function serialSpeedOf(uri: string): number | null {
  const address = parsePrinterUri(uri);
  return 'error' in address || address.scheme !== 'serial' ? null : address.baudRate;
}

/** The same serial address at another speed, its other options kept. */
export function withSerialSpeed(uri: string, baud: number): string {
  const [target, query = ''] = uri.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('baud', String(baud));
  return `${target}?${params.toString()}`;
}

const ID_PATTERN_MAX = 32;

/**
 * The technical id of a new printer, from its name: lowercase letters, digits and dashes, unique among
 * `taken`. People never see or type it; once saved it never changes, so renaming keeps its jobs.
 */
export function printerIdFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, ID_PATTERN_MAX - 4)
      .replace(/-+$/, '') || 'printer';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}
