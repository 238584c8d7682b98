import type { DbOrTx } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import * as repo from './identity.repo.ts';
import type { UserKind } from './identity.tables.ts';
import { randomToken, sha256 } from './secrets.ts';

export interface SessionSettings {
  officerIdleSeconds: number;
  citizenIdleSeconds: number;
  absoluteSeconds: number;
}

/** Sliding idle expiry is written at most this often, not on every request. */
const touchEverySeconds = 60;

const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

/** Starts a session with a fresh random id (never one the client proposed); returns the cookie value. */
export async function startSession(
  db: DbOrTx,
  user: { id: string; kind: UserKind },
  options: { secondFactor: boolean },
  settings: SessionSettings,
  clock: Clock,
): Promise<{ token: string; idHash: string; expiresAt: string }> {
  const token = randomToken();
  const idHash = sha256(token);
  const now = clock.now();
  const idle = user.kind === 'officer' ? settings.officerIdleSeconds : settings.citizenIdleSeconds;
  const absolute = plus(now, settings.absoluteSeconds);
  await repo.insertSession(db, {
    id_hash: idHash,
    user_id: user.id,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    idle_seconds: idle,
    idle_expires_at: plus(now, idle),
    absolute_expires_at: absolute,
    second_factor: options.secondFactor ? 1 : 0,
  });
  return { token, idHash, expiresAt: absolute };
}

/** The live session behind a cookie value, its idle expiry slid forward; undefined when unknown or expired. */
export async function findSession(db: DbOrTx, token: string, clock: Clock): Promise<repo.SessionWithUser | undefined> {
  const now = clock.now();
  const found = await repo.findLiveSession(db, sha256(token), now.toISOString());
  if (!found || found.user.status === 'suspended') return undefined;
  const { session } = found;
  if (now.getTime() - Date.parse(session.last_seen_at) >= touchEverySeconds * 1000) {
    const idleExpiresAt = plus(now, session.idle_seconds);
    await repo.touchSession(db, session.id_hash, now.toISOString(), idleExpiresAt);
    found.session = { ...session, last_seen_at: now.toISOString(), idle_expires_at: idleExpiresAt };
  }
  return found;
}

export const endSession = (db: DbOrTx, idHash: string) => repo.deleteSession(db, idHash);
export const endAllSessions = (db: DbOrTx, userId: string) => repo.deleteSessionsOf(db, userId);
export const markSecondFactor = (db: DbOrTx, idHash: string) => repo.markSecondFactor(db, idHash);
export const purgeExpiredSessions = (db: DbOrTx, clock: Clock) =>
  repo.deleteExpiredSessions(db, clock.now().toISOString());
