import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig, redactConfig, statusTableOf } from '../../../main/core/config.js';

const valid = {
  relay: { url: 'ws://127.0.0.1:9000', token: 'tok-123' },
  klikit: { baseUrl: 'http://127.0.0.1:9001/v1/partner', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293] },
  printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48 }],
  dataDir: 'data',
};

describe('config', () => {
  it('accepts the documented shape and fills defaults', () => {
    const result = parseConfig(valid, '/srv/bridge');
    if (!result.ok) throw new Error(result.error);
    expect(result.config.dataDir).toBe('/srv/bridge/data');
    expect(result.config.printers[0]).toMatchObject({ statusProbe: 'best-effort', copies: 1 });
    expect(result.config.timing.deadAfterMs).toBe(15_000);
    expect(result.config.timing.reconnectCapMs).toBe(10_000);
  });

  it('names the key and what was expected', () => {
    const result = parseConfig({ ...valid, printers: [{ ...valid.printers[0], interface: '192.168.1.5', width: 40 }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/printers\.0\.interface: malformed printer URI "192\.168\.1\.5"; expected one of tcp:\/\/.*, file:\/\/.*, serial:\/\/.*, cups:\/\/QUEUE, windows:\/\/Printer Name/);
    expect(result.error).toMatch(/printers\.0\.width: expected 48 \(80 mm paper\) or 32/);
  });

  it('accepts a printer URI of every scheme and names the key of an unknown one, listing the schemes', () => {
    const uris = ['file:///dev/usb/lp0', 'serial:///dev/ttyUSB0?baud=115200&parity=none&rtscts=true', 'serial://COM3?baud=9600', 'cups://Kitchen', 'windows://EPSON TM-T82 Receipt'];
    for (const uri of uris) expect(parseConfig({ ...valid, printers: [{ ...valid.printers[0], interface: uri }] }).ok).toBe(true);
    const result = parseConfig({ ...valid, printers: [{ ...valid.printers[0], interface: 'usb://lp0' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/printers\.0\.interface: unknown printer scheme "usb:\/\/"; expected one of tcp:\/\/.*windows:\/\//);
  });

  it('rejects unknown top-level keys and duplicate printer ids', () => {
    const result = parseConfig({ ...valid, relai: {}, printers: [valid.printers[0], valid.printers[0]] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/relai/);
    expect(result.error).toMatch(/printers\.1\.id: duplicate printer id "kitchen"/);
  });

  it('reads a file and resolves dataDir against the file, not the cwd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridge-config-'));
    writeFileSync(join(dir, 'bridge.json'), JSON.stringify(valid));
    const result = loadConfig(join(dir, 'bridge.json'));
    expect(result.ok && result.config.dataDir).toBe(join(dir, 'data'));
    writeFileSync(join(dir, 'broken.json'), '{');
    const broken = loadConfig(join(dir, 'broken.json'));
    expect(!broken.ok && broken.error).toMatch(/not valid JSON/);
  });

  it('never lets a secret into its redacted form', () => {
    const result = parseConfig(valid);
    if (!result.ok) throw new Error(result.error);
    const text = JSON.stringify(redactConfig(result.config));
    for (const secret of ['tok-123', '"pk"', '"sk"']) expect(text).not.toContain(secret);
    expect(text).toContain('tcp://127.0.0.1:9100');
  });

  it('overrides the status table per code and keeps the rest', () => {
    const result = parseConfig({ ...valid, statusTable: { '5': { label: 'READY', kind: 'open' } } });
    if (!result.ok) throw new Error(result.error);
    const table = statusTableOf(result.config);
    expect(table[5]).toEqual({ label: 'READY', kind: 'open' });
    expect(table[3]?.kind).toBe('cancelled');
  });
});
