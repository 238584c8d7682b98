import type { DbOrTx } from '../../db/transaction.ts';
import type { Clock } from '../../lib/clock.ts';
import * as repo from './identity.repo.ts';

/**
 * Login lockout with back-off, kept in the database so every process sees it. After `maxFailures` failures in a row
 * the username is locked for 1 minute, doubling with each further failure up to an hour. A client address gets
 * twenty times the allowance (offices share addresses behind NAT). A quiet day forgets old failures.
 */
const forgetAfterMs = 24 * 3600 * 1000;
const baseLockMs = 60 * 1000;
const maxLockMs = 3600 * 1000;
const addressFactor = 20;

export const userKey = (username: string) => `user:${username}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export function lockDurationMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(maxLockMs, baseLockMs * 2 ** (failures - threshold));
}

export async function isLocked(db: DbOrTx, keys: string[], clock: Clock): Promise<boolean> {
  const now = clock.now().toISOString();
  return (await repo.findThrottle(db, keys)).some((r) => r.locked_until !== null && r.locked_until > now);
}

export async function recordFailure(db: DbOrTx, keys: string[], maxFailures: number, clock: Clock): Promise<void> {
  const now = clock.now();
  const resetBefore = new Date(now.getTime() - forgetAfterMs).toISOString();
  for (const key of keys) {
    const failures = await repo.recordFailure(db, key, now.toISOString(), resetBefore);
    const threshold = key.startsWith('ip:') ? maxFailures * addressFactor : maxFailures;
    const lockMs = lockDurationMs(failures, threshold);
    if (lockMs > 0) await repo.lockUntil(db, key, new Date(now.getTime() + lockMs).toISOString());
  }
}

export const recordSuccess = (db: DbOrTx, username: string) => repo.clearThrottle(db, userKey(username));
