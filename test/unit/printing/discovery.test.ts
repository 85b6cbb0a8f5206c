import { describe, expect, it } from 'vitest';
import { discoverPrinters, type DiscoverySources } from '../../../main/printing/discovery.js';

const none: DiscoverySources = {
  cupsDevices: async () => '',
  windowsPrinters: async () => [],
  serialPorts: async () => [],
  deviceNames: async () => [],
};

describe('discoverPrinters', () => {
  it('lists CUPS queues, Windows printers, USB printer files and serial ports with their URIs and names a person understands', async () => {
    const found = await discoverPrinters({
      cupsDevices: async () => 'device for Kitchen: usb://EPSON/TM-T82III\ndevice for bar: socket://192.168.1.9\n',
      windowsPrinters: async () => ['EPSON TM-T20 Receipt'],
      serialPorts: async () => [{ path: '/dev/ttyUSB0', manufacturer: 'Prolific' }, { path: 'COM3' }],
      deviceNames: async (dir) => (dir === '/dev/usb' ? ['hiddev0', 'lp1', 'lp0'] : ['rfcomm0', 'ttyS0', 'null']),
    });
    expect(found.map((c) => [c.kind, c.uri])).toEqual([
      ['cups', 'cups://Kitchen'],
      ['cups', 'cups://bar'],
      ['windows', 'windows://EPSON TM-T20 Receipt'],
      ['usb', 'file:///dev/usb/lp0'],
      ['usb', 'file:///dev/usb/lp1'],
      ['serial', 'serial:///dev/ttyUSB0?baud=9600'],
      ['serial', 'serial://COM3?baud=9600'],
      ['serial', 'serial:///dev/rfcomm0?baud=9600'],
    ]);
    expect(found.map((c) => [c.label, c.detail])).toEqual([
      ['CUPS: Kitchen', 'usb://EPSON/TM-T82III'],
      ['CUPS: bar', 'socket://192.168.1.9'],
      ['Windows: EPSON TM-T20 Receipt', ''],
      ['USB printer (lp0)', '/dev/usb/lp0'],
      ['USB printer (lp1)', '/dev/usb/lp1'],
      ['Serial port ttyUSB0', '/dev/ttyUSB0, Prolific'],
      ['Serial port COM3', 'COM3'],
      ['Bluetooth printer (rfcomm0)', '/dev/rfcomm0'],
    ]);
  });

  it('a source that fails (no CUPS, not Windows, no /dev/usb) adds nothing and breaks nothing', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('ENOENT');
    };
    const found = await discoverPrinters({ ...none, cupsDevices: failing, windowsPrinters: failing, deviceNames: failing, serialPorts: async () => [{ path: '/dev/ttyACM0' }] });
    expect(found.map((c) => c.uri)).toEqual(['serial:///dev/ttyACM0?baud=9600']);
    expect(await discoverPrinters(none)).toEqual([]);
  });
});
