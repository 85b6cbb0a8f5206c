import { createRequire } from 'node:module';

// Skia's native library adds about 50 MB to the process the moment it is loaded. It is loaded on the
// first raster ticket (or preview) instead of at start, so a bridge whose tickets are all Latin text
// never pays for it.

type CanvasModule = typeof import('@napi-rs/canvas');

let loaded: CanvasModule | undefined;

export function canvasModule(): CanvasModule {
  loaded ??= createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule;
  return loaded;
}
