import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../../common/settings.js';
import { bridgeConfigFrom } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { createHarness, seedOrder } from './fakes.js';

// Printers' routes edited in the window: the choices offered from recent orders, the check of what
// is saved, and how the saved routes become the bridge's config.

const SEEN = '2026-06-24T12:00:00.000Z';
const PRINTER = { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9100', width: 48, copies: 1 } as const;

describe('route choices', () => {
  it('offer the brands, categories (one per name in any case) and providers of recent orders', () => {
    const h = createHarness();
    seedOrder(h.db, 1, SEEN, {
      provider_id: 6,
      brands: [{ id: 9301, title: 'Nasi Bakar' }],
      cart_v2: [
        { name: 'Ayam Bakar', quantity: 1, comment: '', klikit_category_name: 'Mains', modifier_groups: [], brand: { id: 9301, title: 'Nasi Bakar' } },
        { name: 'Es Teh', quantity: 1, comment: '', klikit_category_name: 'Drinks', modifier_groups: [], brand: { id: 9302, title: 'Kopi Senja' } },
      ],
    });
    seedOrder(h.db, 2, SEEN, { provider_id: 1, brands: [], cart_v2: [{ name: 'Es Jeruk', quantity: 1, comment: '', klikit_category_name: 'drinks', modifier_groups: [] }] });
    const choices = bridgeMethods.routeChoices.result.parse(h.api.routeChoices());
    expect(choices).toEqual({
      brands: [
        { id: 9302, name: 'Kopi Senja' },
        { id: 9301, name: 'Nasi Bakar' },
      ],
      categories: ['drinks', 'Mains'],
      providers: [
        { id: 6, name: 'GrabFood' },
        { id: 1, name: 'klikit' },
      ],
    });
  });

  it('are empty before the first order', () => {
    expect(createHarness().api.routeChoices()).toEqual({ brands: [], categories: [], providers: [] });
  });
});

describe('printer routes in the settings', () => {
  it('reject an unknown route key, naming it', () => {
    const result = validateSettings(DEFAULT_SETTINGS, { printers: [{ ...PRINTER, routes: { brands: [], categories: ['Drinks'], orderTypes: [], providers: [], brand: [1] } }] });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.errors)).toContain('brand');
  });

  it('become the config’s routes with only the keys that select something, and none for whole-order printers', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      relayUrl: 'ws://127.0.0.1:1/v1/bridge',
      printers: [
        { ...PRINTER, routes: { brands: [9301], categories: ['Drinks'], orderTypes: [], providers: [] } },
        { ...PRINTER, id: 'expo', name: 'Expo', routes: { brands: [], categories: [], orderTypes: [], providers: [] } },
        { ...PRINTER, id: 'pass', name: 'Pass' },
      ],
    };
    const config = bridgeConfigFrom(settings, memorySecretStore({ relayToken: { value: 'token', origin: 'ws://127.0.0.1:1' } }), '/tmp/unused');
    expect(config.ok && config.config.printers.map((p) => [p.id, p.routes])).toEqual([
      ['kitchen', { brands: [9301], categories: ['Drinks'] }],
      ['expo', undefined],
      ['pass', undefined],
    ]);
  });
});
