import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseConfig, redactConfig, relayUrlsOf, statusTableOf } from '../../../main/core/config.js';
import { scratchDir } from '../../helpers/scratch-dir.js';

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
    expect(result.error).toMatch(/printers\.0\.width: expected 48 \(80 mm paper\), 42 \(80 mm, Epson TM-T88 class\) or 32/);
  });

  it('takes retentionDays (default 90, whole days) and names a bad one', () => {
    const fallback = parseConfig(valid);
    expect(fallback.ok && fallback.config.retentionDays).toBe(90);
    const set = parseConfig({ ...valid, retentionDays: 30 });
    expect(set.ok && set.config.retentionDays).toBe(30);
    for (const bad of [0, -1, 1.5, '90']) {
      const result = parseConfig({ ...valid, retentionDays: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^retentionDays: expected/);
    }
  });

  it('takes staleOrderHours (default 24) and names a bad one', () => {
    const fallback = parseConfig(valid);
    expect(fallback.ok && fallback.config.staleOrderHours).toBe(24);
    const set = parseConfig({ ...valid, staleOrderHours: 6.5 });
    expect(set.ok && set.config.staleOrderHours).toBe(6.5);
    for (const bad of [0, -1, '24']) {
      const result = parseConfig({ ...valid, staleOrderHours: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^staleOrderHours: expected/);
    }
  });

  it('takes render (default auto), dots and width 42 per printer, and names a wrong one', () => {
    const ok = parseConfig({ ...valid, printers: [{ ...valid.printers[0], width: 42, render: 'raster', dots: 512 }] });
    if (!ok.ok) throw new Error(ok.error);
    expect(ok.config.printers[0]).toMatchObject({ width: 42, render: 'raster', dots: 512 });
    const byDefault = parseConfig(valid);
    if (!byDefault.ok) throw new Error(byDefault.error);
    expect(byDefault.config.printers[0]?.render).toBe('auto');
    const bad = parseConfig({ ...valid, printers: [{ ...valid.printers[0], render: 'image', dots: 500, rendr: 'text' }] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toMatch(/printers\.0\.render: expected "auto", "text" or "raster"/);
    expect(bad.error).toMatch(/printers\.0\.dots: expected a multiple of 8/);
    expect(bad.error).toMatch(/rendr/);
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

  it('takes several relay nodes as relay.urls, url first, each once, and needs at least one', () => {
    const several = parseConfig({ ...valid, relay: { url: 'ws://10.0.0.1:1', urls: ['ws://10.0.0.2:1', 'ws://10.0.0.1:1'], token: 't' } });
    if (!several.ok) throw new Error(several.error);
    expect(relayUrlsOf(several.config)).toEqual(['ws://10.0.0.1:1', 'ws://10.0.0.2:1']);
    const listOnly = parseConfig({ ...valid, relay: { urls: ['wss://n1/v1/bridge', 'wss://n2/v1/bridge'], token: 't' } });
    if (!listOnly.ok) throw new Error(listOnly.error);
    expect(relayUrlsOf(listOnly.config)).toEqual(['wss://n1/v1/bridge', 'wss://n2/v1/bridge']);
    const none = parseConfig({ ...valid, relay: { token: 't' } });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatch(/relay: expected relay\.url \(one relay\) or relay\.urls/);
    const badNode = parseConfig({ ...valid, relay: { urls: ['http://n1'], token: 't' } });
    if (!badNode.ok) expect(badNode.error).toMatch(/relay\.urls\.0: must be a URL like wss:\/\//);
    else throw new Error('accepted an http relay node');
  });

  it('refuses cleartext outside the local network and credentials in a URL, naming the key', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ relay: { url: 'ws://relay.example.com/v1/bridge', token: 't' } }, /relay\.url: unencrypted ws:\/\/ is allowed only to this computer or the local network: use wss:\/\//],
      [{ relay: { urls: ['wss://n1/v1/bridge', 'ws://8.8.8.8/v1/bridge'], token: 't' } }, /relay\.urls\.1: unencrypted ws:\/\//],
      [{ klikit: { ...valid.klikit, baseUrl: 'http://gateway-enterprise.klikit.io/v1/partner' } }, /klikit\.baseUrl: unencrypted http:\/\/ .*use https:\/\//],
      [{ klikit: { ...valid.klikit, baseUrl: 'https://pk:PW@gateway-enterprise.klikit.io/v1/partner' } }, /klikit\.baseUrl: must not carry a user name or password/],
      [{ relay: { url: 'wss://user@relay.example.com/v1/bridge', token: 't' } }, /relay\.url: must not carry a user name or password/],
    ];
    for (const [patch, message] of cases) {
      const result = parseConfig({ ...valid, ...patch });
      expect(result.ok ? 'accepted' : result.error).toMatch(message);
    }
    for (const url of ['ws://localhost:9000', 'ws://10.1.2.3', 'ws://172.20.0.5', 'ws://192.168.1.9', 'ws://[::1]:9', 'ws://[fd00::5]', 'ws://[fe80::1]', 'ws://169.254.1.1']) {
      expect(parseConfig({ ...valid, relay: { url, token: 't' } }).ok).toBe(true);
    }
  });

  it.each([
    ['a printer', { printers: [{ ...valid.printers[0], rutes: {} }] }, /printers\.0: Unrecognized key: "rutes"/],
    ['routes', { printers: [{ ...valid.printers[0], routes: { category: ['Drinks'] } }] }, /printers\.0\.routes: Unrecognized key: "category"/],
    ['relay', { relay: { ...valid.relay, nodes: [] } }, /relay: Unrecognized key: "nodes"/],
    ['klikit', { klikit: { ...valid.klikit, branchId: 1 } }, /klikit: Unrecognized key: "branchId"/],
    ['ticket', { ticket: { timezone: 'UTC' } }, /ticket: Unrecognized key: "timezone"/],
    ['timing', { timing: { pingMs: 5 } }, /timing: Unrecognized key: "pingMs"/],
    ['scheduled', { scheduled: { lead: 5 } }, /scheduled: Unrecognized key: "lead"/],
    ['actions', { actions: { undoMs: 5 } }, /actions: Unrecognized key: "undoMs"/],
    ['a status entry', { statusTable: { '5': { label: 'READY', kind: 'open', colour: 'red' } } }, /statusTable\.5: Unrecognized key: "colour"/],
  ])('rejects an unknown key in %s, naming it', (_, patch, message) => {
    const result = parseConfig({ ...valid, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('takes a language per printer and for the tickets, refusing one we do not speak and a misspelt key', () => {
    const result = parseConfig({ ...valid, printers: [{ ...valid.printers[0], language: 'th-TH' }], ticket: { timeZone: 'Asia/Bangkok', language: 'id' } });
    if (!result.ok) throw new Error(result.error);
    expect(result.config.printers[0]!.language).toBe('th-TH');
    expect(result.config.ticket.language).toBe('id');
    const unknown = parseConfig({ ...valid, printers: [{ ...valid.printers[0], language: 'ko' }] });
    expect(unknown.ok ? 'accepted' : unknown.error).toMatch(/printers\.0\.language: choose one of en, id, ms, fil, th, vi, ar, zh/);
    const misspelt = parseConfig({ ...valid, printers: [{ ...valid.printers[0], lang: 'th' }] });
    expect(misspelt.ok ? 'accepted' : misspelt.error).toMatch(/printers\.0: Unrecognized key: "lang"/);
  });

  it('defaults the action options and accepts readyWhen "expo", refusing anything else', () => {
    const defaults = parseConfig(valid);
    if (!defaults.ok) throw new Error(defaults.error);
    expect(defaults.config.actions).toEqual({ undoSeconds: 10, acceptWindowMinutes: 15, bumpWindowMinutes: 180, readyWhen: 'all-stations' });
    expect(defaults.config.timing.apiBackoffFloorMs).toBe(250);
    const expo = parseConfig({ ...valid, actions: { readyWhen: 'expo', undoSeconds: 0 } });
    expect(expo.ok && expo.config.actions).toMatchObject({ readyWhen: 'expo', undoSeconds: 0 });
    const bad = parseConfig({ ...valid, actions: { readyWhen: 'first-station' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/actions\.readyWhen/);
  });

  it('accepts routes, one fallback and scheduled options, and refuses a bad order type or two fallbacks', () => {
    const printers = [
      { ...valid.printers[0], routes: { brands: [9301], categories: ['Mains', 42], orderTypes: ['pickup', 'dine-in'], providers: [6] } },
      { ...valid.printers[0], id: 'expo', fallback: true },
    ];
    const result = parseConfig({ ...valid, printers, scheduled: { slip: false, leadMinutes: 15 } });
    if (!result.ok) throw new Error(result.error);
    expect(result.config.printers[0]!.routes?.categories).toEqual(['Mains', 42]);
    expect(result.config.scheduled).toEqual({ slip: false, leadMinutes: 15 });
    expect(parseConfig(valid).ok && parseConfig(valid)).toMatchObject({ config: { scheduled: { slip: true, leadMinutes: 10 } } });
    const badType = parseConfig({ ...valid, printers: [{ ...valid.printers[0], routes: { orderTypes: ['takeaway'] } }] });
    expect(!badType.ok && badType.error).toMatch(/printers\.0\.routes\.orderTypes\.0: expected "pickup", "delivery" or "dine-in"/);
    const two = parseConfig({ ...valid, printers: printers.map((p, i) => ({ ...p, fallback: true, id: `p${i}` })) });
    expect(!two.ok && two.error).toMatch(/printers: only one printer may be the fallback/);
  });

  it('reads a file and resolves dataDir against the file, not the cwd', () => {
    const dir = scratchDir('bridge-config-');
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
