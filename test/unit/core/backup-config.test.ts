import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../main/core/config.js';
import { validateSettings, DEFAULT_SETTINGS, type PrinterSettings } from '../../../common/settings.js';
import { backupChain, backupProblems } from '../../../common/backup-chain.js';
import { bridgeConfigFrom } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';

const printer = (id: string, backup?: string) => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  type: 'epson',
  interface: 'tcp://127.0.0.1:9100',
  width: 48,
  ...(backup ? { backup } : {}),
});
const config = (printers: unknown[]) => ({ relay: { url: 'ws://127.0.0.1:9000', token: 't' }, printers, dataDir: 'data' });

function errorOf(printers: unknown[]): string {
  const result = parseConfig(config(printers), '/srv');
  if (result.ok) throw new Error('expected the config to be refused');
  return result.error;
}

describe('backup printers in the config', () => {
  it('accepts a chain kitchen → bar → expo and gives every printer the 30 s grace by default', () => {
    const result = parseConfig(config([printer('kitchen', 'bar'), { ...printer('bar', 'expo'), backupAfterSeconds: 10 }, printer('expo')]), '/srv');
    if (!result.ok) throw new Error(result.error);
    expect(result.config.printers.map((p) => [p.id, p.backup, p.backupAfterSeconds])).toEqual([
      ['kitchen', 'bar', 30],
      ['bar', 'expo', 10],
      ['expo', undefined, 30],
    ]);
    expect(backupChain('kitchen', result.config.printers)).toEqual(['bar', 'expo']);
    expect(backupChain('expo', result.config.printers)).toEqual([]);
  });

  it('refuses a loop and names it', () => {
    expect(errorOf([printer('kitchen', 'bar'), printer('bar', 'kitchen')])).toBe('printers.0.backup: backup printers go round in a loop: kitchen → bar → kitchen');
    expect(errorOf([printer('expo', 'kitchen'), printer('kitchen', 'bar'), printer('bar', 'grill'), printer('grill', 'kitchen')])).toBe(
      'printers.1.backup: backup printers go round in a loop: kitchen → bar → grill → kitchen',
    );
  });

  it('refuses a backup that is no printer, or the printer itself, naming it', () => {
    expect(errorOf([printer('kitchen', 'bra'), printer('bar')])).toBe('printers.0.backup: backup "bra" is not a printer: use the id of another printer');
    expect(errorOf([printer('kitchen', 'kitchen')])).toBe('printers.0.backup: a printer cannot be its own backup ("kitchen")');
  });

  it('refuses a misspelt key and a grace that is not a number of seconds', () => {
    expect(errorOf([{ ...printer('kitchen'), backupAfterSecs: 10 }])).toMatch(/printers\.0: Unrecognized key: "backupAfterSecs"/);
    expect(errorOf([{ ...printer('kitchen'), backupAfterSeconds: -1 }])).toMatch(/printers\.0\.backupAfterSeconds: expected seconds ≥ 0/);
  });

  it('reports a loop once, however many printers are on it', () => {
    expect(backupProblems([{ id: 'a', backup: 'b' }, { id: 'b', backup: 'a' }, { id: 'c', backup: 'a' }])).toEqual([
      { index: 0, key: 'settings.error.backupLoop', values: { loop: 'a → b → a' }, message: 'backup printers go round in a loop: a → b → a' },
    ]);
  });
});

describe('backup printers in the settings', () => {
  const settingsPrinter = (id: string, extra: Partial<PrinterSettings> & Record<string, unknown> = {}) => ({
    id,
    name: id,
    type: 'epson' as const,
    interface: 'tcp://192.168.1.50:9100',
    width: 48 as const,
    copies: 1,
    ...extra,
  });

  it('keeps a backup and its grace', () => {
    const result = validateSettings(DEFAULT_SETTINGS, { printers: [settingsPrinter('kitchen', { backup: 'bar', backupAfterSeconds: 20 }), settingsPrinter('bar')] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.printers[0]).toMatchObject({ backup: 'bar', backupAfterSeconds: 20 });
  });

  it('names the field of a loop, an unknown backup and an unknown key', () => {
    const loop = validateSettings(DEFAULT_SETTINGS, { printers: [settingsPrinter('kitchen', { backup: 'bar' }), settingsPrinter('bar', { backup: 'kitchen' })] });
    expect(loop).toEqual({ ok: false, errors: [{ field: 'printers.0.backup', message: 'backup printers go round in a loop: kitchen → bar → kitchen' }] });
    const unknown = validateSettings(DEFAULT_SETTINGS, { printers: [settingsPrinter('kitchen', { backup: 'grill' })] });
    expect(unknown).toEqual({ ok: false, errors: [{ field: 'printers.0.backup', message: 'backup "grill" is not a printer: use the id of another printer' }] });
    const typo = validateSettings(DEFAULT_SETTINGS, { printers: [settingsPrinter('kitchen', { backupAfter: 20 })] });
    expect(typo).toEqual({ ok: false, errors: [{ field: 'printers.0.backupAfter', message: 'is not a setting' }] });
  });

  it('carries a backup and its grace into the bridge config, the default grace when none was set', () => {
    const saved = validateSettings(DEFAULT_SETTINGS, {
      relayUrl: 'ws://127.0.0.1:1/v1/bridge',
      printers: [settingsPrinter('kitchen', { backup: 'bar', backupAfterSeconds: 20 }), settingsPrinter('bar')],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const result = bridgeConfigFrom(saved.settings, memorySecretStore({ relayToken: { value: 'token', origin: 'ws://127.0.0.1:1' } }), '/tmp/unused');
    if (!result.ok) throw new Error(result.error);
    expect(result.config.printers.map((p) => [p.id, p.backup, p.backupAfterSeconds])).toEqual([
      ['kitchen', 'bar', 20],
      ['bar', undefined, 30],
    ]);
  });
});
