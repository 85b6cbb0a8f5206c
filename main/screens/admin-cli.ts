import { pairKindSchema, type PairKind, type ScreensSettings } from '../../common/screens.js';
import type { Clock } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';
import { createCredentialStore, PAIRING_CODE_MINUTES } from './credentials.js';
import { screenView } from './screen-service.js';
import { SCREEN_WORDS as W } from './words.js';

// `npm run bridge -- --config FILE --pair KIND | --screens | --revoke-screen ID`, beside a running
// bridge. These write through SQLite (WAL, busy timeout), never through the running process: the
// instance lock guards the printers, not the database, and the running screen server reads pairing
// codes from the database and re-checks its screens' credentials every heartbeat, so a code made
// here pairs at once and a revoked screen's socket closes within one heartbeat.

/** A screen seen this recently (last-seen is written once a minute while connected) counts as online. */
const ONLINE_WITHIN_MS = 90_000;

export type AdminResult = { ok: true; lines: string[] } | { ok: false; error: string };

export function parsePairKind(text: string): PairKind | { error: string } {
  const [kind, station] = text.split(':', 2);
  const parsed = pairKindSchema.safeParse(kind === 'station' ? { kind, station } : { kind });
  return parsed.success ? parsed.data : { error: `--pair: expected counter, expo, pickup or station:PRINTER_ID, got "${text}"` };
}

export function pairFromCli(db: Db, clock: Clock, screens: ScreensSettings, printerIds: readonly string[], kindText: string): AdminResult {
  const kind = parsePairKind(kindText);
  if ('error' in kind) return { ok: false, error: kind.error };
  if (!screens.enabled) return { ok: false, error: `--pair: ${W.screensOff} (set "screens": { "enabled": true } in the config and restart the bridge)` };
  if (kind.kind === 'station' && !printerIds.includes(kind.station)) return { ok: false, error: `--pair: ${W.unknownStation(kind.station)}` };
  const { code, expiresAt } = createCredentialStore(db, clock).createPairing(kind);
  return { ok: true, lines: [`Pairing code for a ${kindText} screen, valid until ${expiresAt} (${PAIRING_CODE_MINUTES} minutes), one use:`, code] };
}

export function listFromCli(db: Db, clock: Clock): AdminResult {
  const rows = createCredentialStore(db, clock).list();
  if (rows.length === 0) return { ok: true, lines: ['No paired screens.'] };
  const lines = rows.map((row) => {
    const screen = screenView(row, row.last_seen_at !== null && clock.now() - Date.parse(row.last_seen_at) < ONLINE_WITHIN_MS);
    const kind = screen.station ? `station:${screen.station}` : screen.kind;
    return [screen.id, kind, screen.address || '-', screen.lastSeenAt ?? 'never', screen.online ? 'online' : 'offline'].join('\t');
  });
  return { ok: true, lines: ['id\tkind\taddress\tlast seen\tstate', ...lines] };
}

export function revokeFromCli(db: Db, clock: Clock, idText: string): AdminResult {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) return { ok: false, error: `--revoke-screen: expected a screen id from --screens, got "${idText}"` };
  return createCredentialStore(db, clock).revoke(id) ? { ok: true, lines: [`Screen ${id}: ${W.revoked}`] } : { ok: false, error: `--revoke-screen: ${W.noSuchScreen}` };
}
