import { createHash, randomBytes as cryptoRandomBytes, randomInt as cryptoRandomInt, timingSafeEqual } from 'node:crypto';
import type { PairKind, PairedScreen } from '../../common/screens.js';
import type { ScreenGrant } from '../../common/screen-grant.js';
import type { Clock } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';

// The one owner of screen credentials and pairing codes (tables of migration 9). Only hashes are
// stored: a copy of the database never lets anyone pair or pose as a screen. Every process that
// pairs or revokes (the running bridge, `npm run bridge -- --pair` beside it) goes through here and
// through SQLite, so the database stays the one record and the running server sees the change.

export const PAIRING_CODE_MINUTES = 5;
const CODE_DIGITS = 6;

export type Secrets = { bytes(n: number): Buffer; digit(): number };
export const cryptoSecrets: Secrets = { bytes: cryptoRandomBytes, digit: () => cryptoRandomInt(10) };

export type ScreenRow = { id: number; kind: PairedScreen['kind']; station: string | null; address: string; paired_at: string; last_seen_at: string | null; revoked_at: string | null };

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const grantOf = (row: Pick<ScreenRow, 'kind' | 'station'>): ScreenGrant =>
  row.kind === 'station' ? { kind: 'station', station: row.station ?? '' } : { kind: row.kind };

/** Compares two strings in constant time (a per-run launch token). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type RedeemResult =
  | { ok: true; credential: string; screen: ScreenRow }
  | { ok: false; reason: 'wrong' | 'expired' };

export function createCredentialStore(db: Db, clock: Clock, secrets: Secrets = cryptoSecrets) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const insertPairing = db.prepare('INSERT INTO screen_pairings (code_hash, kind, station, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const findPairing = db.prepare<[string], { kind: PairedScreen['kind']; station: string | null; expires_at: string }>('SELECT kind, station, expires_at FROM screen_pairings WHERE code_hash = ?');
  const deletePairing = db.prepare('DELETE FROM screen_pairings WHERE code_hash = ?');
  const dropExpired = db.prepare('DELETE FROM screen_pairings WHERE expires_at < ?');
  const insertScreen = db.prepare('INSERT INTO screens (credential_hash, kind, station, address, paired_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byId = db.prepare<[number], ScreenRow>('SELECT id, kind, station, address, paired_at, last_seen_at, revoked_at FROM screens WHERE id = ?');
  const byCredential = db.prepare<[string], ScreenRow>('SELECT id, kind, station, address, paired_at, last_seen_at, revoked_at FROM screens WHERE credential_hash = ? AND revoked_at IS NULL');
  const all = db.prepare<[], ScreenRow>('SELECT id, kind, station, address, paired_at, last_seen_at, revoked_at FROM screens WHERE revoked_at IS NULL ORDER BY id');
  const revoke = db.prepare('UPDATE screens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE screens SET last_seen_at = ?, address = ? WHERE id = ?');

  const redeem = db.transaction((code: string, address: string): RedeemResult => {
    const now = clock.now();
    const hash = sha256(code);
    const pairing = findPairing.get(hash);
    if (!pairing) return { ok: false, reason: 'wrong' };
    // One use: the code is gone whether it was still valid or not.
    deletePairing.run(hash);
    if (Date.parse(pairing.expires_at) <= now) return { ok: false, reason: 'expired' };
    const credential = secrets.bytes(32).toString('base64url');
    const { lastInsertRowid } = insertScreen.run(sha256(credential), pairing.kind, pairing.station, address, iso(now), iso(now));
    return { ok: true, credential, screen: byId.get(Number(lastInsertRowid))! };
  });

  return {
    /** A fresh one-use code for this kind, valid PAIRING_CODE_MINUTES. */
    createPairing(kind: PairKind): { code: string; expiresAt: string } {
      const now = clock.now();
      dropExpired.run(iso(now - 3_600_000));
      const code = Array.from({ length: CODE_DIGITS }, () => secrets.digit()).join('');
      const expiresAt = iso(now + PAIRING_CODE_MINUTES * 60_000);
      insertPairing.run(sha256(code), kind.kind, kind.kind === 'station' ? kind.station : null, iso(now), expiresAt);
      return { code, expiresAt };
    },
    redeem: (code: string, address: string): RedeemResult => redeem(code.replace(/\D/g, ''), address),
    /** The paired, not revoked screen this credential belongs to. */
    screenFor: (credential: string): ScreenRow | undefined => byCredential.get(sha256(credential)),
    byId: (id: number): ScreenRow | undefined => byId.get(id),
    list: (): ScreenRow[] => all.all(),
    revoke: (id: number): boolean => revoke.run(iso(clock.now()), id).changes > 0,
    touch(id: number, address: string): void {
      touch.run(iso(clock.now()), address, id);
    },
  };
}
export type CredentialStore = ReturnType<typeof createCredentialStore>;
