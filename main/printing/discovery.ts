import { readdir } from 'node:fs/promises';
import type { PrinterCandidate } from '../../common/bridge-api.js';
import { describePrinterAddress } from '../../common/printer-choice.js';
import { runCommand } from './transports/run-command.js';

// The printers this computer can reach without a network scan: CUPS queues, Windows printers,
// serial ports (USB-serial adapters, RS-232, Bluetooth SPP) and USB printer device files, each with
// the URI to put in the configuration, so nobody types one by hand, and a label a person understands
// ("USB printer (lp0)"). Each source is a parameter, and a source that fails (no CUPS, not Windows)
// contributes nothing instead of failing the list.

export type DiscoverySources = {
  /** `lpstat -v` output. */
  cupsDevices(): Promise<string>;
  windowsPrinters(): Promise<string[]>;
  serialPorts(): Promise<{ path: string; manufacturer?: string | undefined }[]>;
  /** Entries of a device directory (/dev/usb, /dev). */
  deviceNames(dir: string): Promise<string[]>;
};

const candidate = (uri: string, kind: PrinterCandidate['kind'], detail = ''): PrinterCandidate => ({ uri, kind, label: describePrinterAddress(uri), detail });

/** Queues and their devices from `lpstat -v`. */
function cupsCandidates(lpstatV: string): PrinterCandidate[] {
  return [...lpstatV.matchAll(/^device for ([^:\s]+): (.*)$/gm)].map(([, queue, device]) => candidate(`cups://${queue}`, 'cups', device!.trim()));
}

function systemSources(platform: NodeJS.Platform = process.platform): DiscoverySources {
  return {
    async cupsDevices() {
      const ran = await runCommand('lpstat', ['-v'], 5_000);
      return ran.code === 0 ? ran.stdout : '';
    },
    async windowsPrinters() {
      if (platform !== 'win32') return [];
      const { bindWinspool } = await import('./transports/winspool.js');
      return bindWinspool().printerNames();
    },
    serialPorts: async () => (await import('serialport')).SerialPort.list(),
    deviceNames: (dir) => readdir(dir),
  };
}

const settled = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await work();
  } catch {
    return fallback;
  }
};

/** `overrides` replace some sources (a test core's fake serial ports); the others are this computer's. */
export async function discoverPrinters(overrides: Partial<DiscoverySources> = {}): Promise<PrinterCandidate[]> {
  const sources: DiscoverySources = { ...systemSources(), ...overrides };
  const [cups, windows, serial, usb, dev] = await Promise.all([
    settled(sources.cupsDevices, ''),
    settled(sources.windowsPrinters, []),
    settled(sources.serialPorts, []),
    settled(() => sources.deviceNames('/dev/usb'), []),
    settled(() => sources.deviceNames('/dev'), []),
  ]);
  const serialPaths = new Set(serial.map((port) => port.path));
  // Bluetooth serial ports bound with `rfcomm bind` are not always in serialport's list.
  const rfcomm = dev.filter((name) => /^rfcomm\d+$/.test(name) && !serialPaths.has(`/dev/${name}`)).map((name) => ({ path: `/dev/${name}` }));
  return [
    ...cupsCandidates(cups),
    ...windows.map((name) => candidate(`windows://${name}`, 'windows')),
    ...usb
      .filter((name) => /^lp\d+$/.test(name))
      .sort()
      .map((name) => candidate(`file:///dev/usb/${name}`, 'usb', `/dev/usb/${name}`)),
    ...[...serial, ...rfcomm].map((port) =>
      candidate(`serial://${port.path}?baud=9600`, 'serial', [port.path, 'manufacturer' in port ? port.manufacturer : undefined].filter(Boolean).join(', ')),
    ),
  ];
}
