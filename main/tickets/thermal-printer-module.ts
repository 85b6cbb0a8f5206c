import { createRequire } from 'node:module';

// node-thermal-printer loads pngjs, zlib and their streams with it (some 15 ms and 2 MB of heap). It is
// loaded when the first ticket's bytes are built instead of at start, so a CLI that answers without
// printing starts faster and a bridge waiting for orders does not carry it.

type ThermalPrinterModule = typeof import('node-thermal-printer');

let loaded: ThermalPrinterModule | undefined;

export function thermalPrinterModule(): ThermalPrinterModule {
  loaded ??= createRequire(import.meta.url)('node-thermal-printer') as ThermalPrinterModule;
  return loaded;
}
