import { describe, expect, it } from 'vitest';
import {
  describePrinterAddress,
  networkPartsOf,
  networkPrinterAddress,
  printerDeviceKey,
  printerIdFromName,
  serialSpeedOf,
  withSerialSpeed,
} from '../../../common/printer-choice.js';

describe('printer addresses as people name them', () => {
  it('labels every kind of address', () => {
    expect(
      [
        'tcp://192.168.1.50:9100',
        'tcp://printer.local:9101',
        'file:///dev/usb/lp0',
        'file:///dev/ttyS1',
        'serial:///dev/ttyUSB0?baud=115200',
        'serial:///dev/rfcomm0',
        'serial://COM3?baud=9600',
        'cups://Kitchen_TM',
        'cups://Bar?server=10.0.0.2:631',
        'windows://EPSON TM-T82 Receipt',
        'nonsense',
      ].map(describePrinterAddress),
    ).toEqual([
      'Network printer 192.168.1.50',
      'Network printer printer.local (port 9101)',
      'USB printer (lp0)',
      'Device /dev/ttyS1',
      'Serial port ttyUSB0',
      'Bluetooth printer (rfcomm0)',
      'Serial port COM3',
      'CUPS: Kitchen_TM',
      'CUPS: Bar on 10.0.0.2:631',
      'Windows: EPSON TM-T82 Receipt',
      'nonsense',
    ]);
  });

  it('knows one device behind different options or transports', () => {
    expect(printerDeviceKey('serial:///dev/ttyUSB0?baud=9600')).toBe(printerDeviceKey('serial:///dev/ttyUSB0?baud=115200&rtscts=true'));
    expect(printerDeviceKey('file:///dev/ttyUSB0')).toBe(printerDeviceKey('serial:///dev/ttyUSB0'));
    expect(printerDeviceKey('tcp://Printer.local:9100')).toBe(printerDeviceKey('tcp://printer.local:9100'));
    expect(printerDeviceKey('tcp://10.0.0.1:9100')).not.toBe(printerDeviceKey('tcp://10.0.0.1:9101'));
    expect(printerDeviceKey('cups://A')).not.toBe(printerDeviceKey('cups://A?server=h:631'));
    expect(printerDeviceKey('bad')).toBeNull();
  });

  it('changes a serial printer\'s speed and keeps its other options', () => {
    const faster = withSerialSpeed('serial:///dev/ttyUSB0?baud=9600&rtscts=true', 115200);
    expect(serialSpeedOf(faster)).toBe(115200);
    expect(faster).toBe('serial:///dev/ttyUSB0?baud=115200&rtscts=true');
    expect(withSerialSpeed('serial://COM3', 19200)).toBe('serial://COM3?baud=19200');
    expect(serialSpeedOf('tcp://10.0.0.1:9100')).toBeNull();
  });
});

describe('a network printer from its IP address', () => {
  it('becomes tcp://IP:9100 unless another port is typed', () => {
    expect(networkPrinterAddress(' 192.168.1.50 ')).toEqual({ ok: true, uri: 'tcp://192.168.1.50:9100' });
    expect(networkPrinterAddress('192.168.1.50', '9101')).toEqual({ ok: true, uri: 'tcp://192.168.1.50:9101' });
    expect(networkPrinterAddress('kitchen-printer.local', '')).toEqual({ ok: true, uri: 'tcp://kitchen-printer.local:9100' });
    expect(networkPartsOf('tcp://192.168.1.50:9101')).toEqual({ ip: '192.168.1.50', port: 9101 });
    expect(networkPartsOf('cups://Kitchen')).toBeNull();
  });

  it('answers a mistyped address with a sentence saying what an address looks like', () => {
    const problem = (ip: string, port = ''): string => {
      const r = networkPrinterAddress(ip, port);
      return r.ok ? r.uri : `${r.field}: ${r.message}`;
    };
    expect(problem('')).toMatch(/^ip: Type the printer's IP address, like 192\.168\.1\.50\./);
    expect(problem('192.168.1')).toBe('ip: "192.168.1" is not a complete IP address: it is four numbers separated by dots, like 192.168.1.50.');
    expect(problem('192.168..1')).toContain('not a complete IP address');
    expect(problem('192.168.1.300')).toBe('ip: "192.168.1.300" is not an IP address: each of its four numbers is between 0 and 255.');
    expect(problem('http://192.168.1.5')).toBe('ip: "http://192.168.1.5" is not an IP address: type four numbers separated by dots, like 192.168.1.50.');
    expect(problem('10.0.0.1:9100')).toContain('is not an IP address');
    expect(problem('10.0.0.1', '70000')).toBe('port: The port is a number from 1 to 65535; receipt printers almost always use 9100.');
    expect(problem('10.0.0.1', 'abc')).toMatch(/^port: /);
    expect(problem('10.0.0.1', '0')).toMatch(/^port: /);
  });
});

describe('the technical id of a new printer', () => {
  it('comes from its name, unique among the others, never empty', () => {
    expect(printerIdFromName('Kitchen', new Set())).toBe('kitchen');
    expect(printerIdFromName('Bar & Drinks (upstairs)', new Set())).toBe('bar-drinks-upstairs');
    expect(printerIdFromName('Café Crème', new Set())).toBe('cafe-creme');
    expect(printerIdFromName('Kitchen', new Set(['kitchen', 'kitchen-2']))).toBe('kitchen-3');
    expect(printerIdFromName('ครัว', new Set())).toBe('printer');
    expect(printerIdFromName('ครัว', new Set(['printer']))).toBe('printer-2');
    const long = printerIdFromName('A very long printer name that goes on and on', new Set());
    expect(long).toMatch(/^[a-z0-9-]{1,28}$/);
    expect(long.endsWith('-')).toBe(false);
  });
});
