import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** `../shared/fixtures/klikit/` beside the project root: klikit's example payloads. */
export const KLIKIT_FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/klikit/', import.meta.url));

export function klikitFixtureNames(): string[] {
  return readdirSync(KLIKIT_FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function readKlikitFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(KLIKIT_FIXTURES_DIR, name), 'utf8'));
}
