import { describe, expect, it } from 'vitest';
import { statusFromLpstat } from '../../../main/printing/transports/cups.js';
import { describeDeviceError } from '../../../main/printing/transports/device-file.js';
import { getJobAttributesRequest, jobStateFromResponse } from '../../../main/printing/transports/ipp-job-state.js';
import { describeSerialError, serialWriteTimeoutMs } from '../../../main/printing/transports/serial.js';

describe('device file errors', () => {
  it('say what to do', () => {
    expect(describeDeviceError('EACCES', '/dev/usb/lp0', 'x')).toMatch(/permission denied on \/dev\/usb\/lp0: add the bridge's user to the lp group .* udev rule/);
    expect(describeDeviceError('ENOENT', '/dev/usb/lp0', 'x')).toMatch(/^printer unplugged/);
    expect(describeDeviceError('EBUSY', '/dev/usb/lp0', 'x')).toMatch(/held by another program/);
    expect(describeDeviceError('EIO', '/dev/usb/lp0', 'x')).toMatch(/unplugged or switched off while in use/);
    expect(describeDeviceError('EINVAL', '/dev/usb/lp0', 'invalid argument')).toBe('/dev/usb/lp0: invalid argument');
  });
});

describe('serial port errors and timeouts', () => {
  it('say what to do', () => {
    expect(describeSerialError('Error: No such file or directory, cannot open /dev/ttyUSB0', '/dev/ttyUSB0')).toBe('printer unplugged: no serial port /dev/ttyUSB0');
    expect(describeSerialError('Error: Permission denied, cannot open /dev/ttyUSB0', '/dev/ttyUSB0')).toMatch(/dialout group/);
    expect(describeSerialError('Error Resource temporarily unavailable Cannot lock port', '/dev/ttyUSB0')).toMatch(/held by another program/);
  });

  it('allow twice the time on the wire', () => {
    const address = { scheme: 'serial', path: '/dev/x', baudRate: 9600, parity: 'none', rtscts: false, dataBits: 8, stopBits: 1 } as const;
    expect(serialWriteTimeoutMs(60_000, address)).toBe(2_000 + 125_000);
  });
});

describe('CUPS', () => {
  it('reads lpstat -p', () => {
    expect(statusFromLpstat('printer q is idle.  enabled since Tue Dec  1 15:15:30 2026\n')).toEqual({ state: 'ready' });
    expect(statusFromLpstat('printer q now printing q-3.  enabled since Tue Dec  1 15:15:30 2026\n')).toEqual({ state: 'ready' });
    expect(statusFromLpstat('printer q disabled since Tue Dec  1 15:15:35 2026 -\n\tpaper jam\n')).toEqual({ state: 'offline', reason: 'CUPS queue stopped: paper jam' });
  });

  it('encodes Get-Job-Attributes and reads job-state from the answer', () => {
    const request = getJobAttributesRequest('ipp://localhost:631/printers/q', 7);
    expect(request.subarray(0, 4)).toEqual(Buffer.from([2, 0, 0, 9]));
    expect(request.includes(Buffer.from('printer-uri'))).toBe(true);
    const answer = Buffer.concat([
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 0x01]),
      Buffer.from([0x47, 0, 18]), Buffer.from('attributes-charset'), Buffer.from([0, 5]), Buffer.from('utf-8'),
      Buffer.from([0x02]),
      Buffer.from([0x23, 0, 9]), Buffer.from('job-state'), Buffer.from([0, 4, 0, 0, 0, 9]),
      Buffer.from([0x03]),
    ]);
    expect(jobStateFromResponse(answer)).toBe('completed');
    expect(jobStateFromResponse(answer.subarray(0, 20))).toBeUndefined();
  });
});
