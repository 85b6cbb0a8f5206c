import { describe, expect, it } from 'vitest';
import { parsePrinterUri } from '../../../common/printer-uri.js';

describe('parsePrinterUri', () => {
  it('reads every scheme', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({ scheme: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterUri('file:///dev/usb/lp0')).toEqual({ scheme: 'file', path: '/dev/usb/lp0' });
    expect(parsePrinterUri('serial:///dev/ttyUSB0?baud=115200&parity=none&rtscts=true')).toEqual({
      scheme: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200, parity: 'none', rtscts: true, dataBits: 8, stopBits: 1,
    });
    expect(parsePrinterUri('serial://COM3?baud=9600')).toMatchObject({ scheme: 'serial', path: 'COM3', baudRate: 9600, rtscts: false });
    expect(parsePrinterUri('serial:///dev/rfcomm0?baud=9600&parity=even&databits=7&stopbits=2')).toMatchObject({ parity: 'even', dataBits: 7, stopBits: 2 });
    expect(parsePrinterUri('cups://Kitchen')).toEqual({ scheme: 'cups', queue: 'Kitchen' });
    expect(parsePrinterUri('cups://q?server=127.0.0.1:6310')).toEqual({ scheme: 'cups', queue: 'q', server: '127.0.0.1:6310' });
    expect(parsePrinterUri('windows://EPSON TM-T82 Receipt')).toEqual({ scheme: 'windows', printerName: 'EPSON TM-T82 Receipt' });
    expect(parsePrinterUri('windows://Kitchen%20Printer')).toEqual({ scheme: 'windows', printerName: 'Kitchen Printer' });
  });

  it.each([
    ['usb://lp0', /unknown printer scheme "usb:\/\/"; expected one of tcp:\/\/.*file:\/\/.*serial:\/\/.*cups:\/\/QUEUE, windows:\/\/Printer Name/],
    ['192.168.1.50:9100', /malformed printer URI/],
    ['tcp://printer', /expected tcp:\/\/host:port/],
    ['tcp://printer:99999', /expected tcp:\/\/host:port/],
    ['file://dev/usb/lp0', /expected an absolute device path/],
    ['serial:///dev/ttyUSB0?baud=fast', /expected baud=300\.\.4000000/],
    ['serial:///dev/ttyUSB0?speed=9600', /unknown option "speed" in a serial:\/\/ URI; known: baud, parity, rtscts/],
    ['serial:///dev/ttyUSB0?parity=weird', /expected parity=none\|even\|odd/],
    ['serial:///dev/ttyUSB0?rtscts=yes', /expected rtscts=true\|false/],
    ['serial://?baud=9600', /expected a serial port/],
    ['cups://', /expected a CUPS queue name/],
    ['cups://q?host=x', /unknown option "host" in a cups:\/\/ URI/],
    ['windows://', /expected a Windows printer name/],
    ['windows://%zz', /malformed escape/],
  ])('refuses %s with a message that says what to write', (uri, message) => {
    const parsed = parsePrinterUri(uri);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(message);
  });
});
