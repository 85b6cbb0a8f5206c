import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { bridgeConfigFrom } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { createTicketPreviewer } from '../../../main/window-api/ticket-preview.js';
import { seedOrder } from './fakes.js';

// The window's language and each printer's reach the bridge's config; the window's preview of a
// ticket is in the language of the printer it printed on.

const RELAY = 'ws://127.0.0.1:1/v1/bridge';
const secrets = () => memorySecretStore({ relayToken: { value: 'token', origin: 'ws://127.0.0.1:1' } });
const PRINTER = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48, copies: 1 } as const;

let db: Db | undefined;
afterEach(() => db?.close());

describe('ticket languages from the settings', () => {
  it('carries the window language and a printer language into the config; an empty window language leaves it to the OS', () => {
    const configured = bridgeConfigFrom({ ...DEFAULT_SETTINGS, relayUrl: RELAY, language: 'ms', printers: [{ ...PRINTER, language: 'th' }] }, secrets(), '/tmp/unused');
    if (!configured.ok) throw new Error(configured.error);
    expect(configured.config.ticket.language).toBe('ms');
    expect(configured.config.printers[0]!.language).toBe('th');
    const automatic = bridgeConfigFrom({ ...DEFAULT_SETTINGS, relayUrl: RELAY, printers: [PRINTER] }, secrets(), '/tmp/unused');
    if (!automatic.ok) throw new Error(automatic.error);
    expect(automatic.config.ticket.language).toBeUndefined();
    expect(automatic.config.printers[0]!.language).toBeUndefined();
  });

  it('previews the ticket in its printer language, else in the window language', () => {
    db = openDatabase(':memory:');
    seedOrder(db, 703, '2026-06-24T12:01:00.000Z', { order_comment: 'tanpa es' });
    const printer = { ...PRINTER, statusProbe: 'off', render: 'text' } as const;
    const windowOnly = createTicketPreviewer({ db, printers: () => [printer], timeZone: 'UTC', language: () => 'id' })(703)!;
    expect(windowOnly.text).toContain('CATATAN: tanpa es');
    const vietnamese = createTicketPreviewer({ db, printers: () => [{ ...printer, language: 'vi' }], timeZone: 'UTC', language: () => 'id' })(703)!;
    expect(vietnamese.text).toContain('GHI CHÚ: tanpa es');
  });
});
