import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { fileSettingsStore } from '../../../main/window-api/settings-file.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the settings file', () => {
  it('after an upgrade, resets only the fields the new rules refuse and says which', () => {
    dir = mkdtempSync(join(tmpdir(), 'settings-file-'));
    const path = join(dir, 'settings.json');
    const printer = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://192.168.1.50:9100', width: 48, copies: 1 };
    writeFileSync(path, JSON.stringify({ ...DEFAULT_SETTINGS, relayUrl: 'ws://relay.example.com/v1/bridge', klikitBaseUrl: 'https://pk:pw@gateway.example/v1/partner', klikitPartnerKey: 'pk', branchIds: [1293], printers: [printer] }));
    const warnings: string[] = [];
    const settings = fileSettingsStore(path, (message) => warnings.push(message)).read();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, klikitPartnerKey: 'pk', branchIds: [1293], printers: [printer] });
    expect(warnings).toEqual([`${path}: relayUrl, klikitBaseUrl not valid any more; using the default for them`]);
  });
});
