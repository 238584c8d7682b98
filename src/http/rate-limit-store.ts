/**
 * The rate limits' counters in the database, so that every process of a province limits as one (DESIGN.md §9): a
 * store for @fastify/rate-limit counting requests in fixed windows with one atomic upsert on either dialect.
 */
import { createHash } from 'node:crypto';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { ensureLocale } from './locale.ts';
import './rate-limits.tables.ts';

/** Expired windows are deleted at most this often by each process, on its next counted request. */
const SWEEP_EVERY_MS = 60_000;

export interface WindowCount {
  /** Requests in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/** The window holding `now`: windows of `windowMs` counted from the epoch, the same in every process. */
function windowOf(now: number, windowMs: number) {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}

const digest = (namespace: string, key: string) =>
  createHash('sha256').update(namespace).update('\0').update(key).digest('hex');

export class RateLimitCounter {
  #nextSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Counts one request against `key` in `namespace` and answers the window's count. */
  async hit(namespace: string, key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    const window = windowOf(now, windowMs);
    const row = await this.db
      .insertInto('rate_limit_counters')
      .values({
        bucket: digest(namespace, key),
        window_start: new Date(window.start).toISOString(),
        hits: 1,
        expires_at: new Date(window.end).toISOString(),
      })
      .onConflict((conflict) =>
        conflict
          .columns(['bucket', 'window_start'])
          .doUpdateSet((eb) => ({ hits: eb('rate_limit_counters.hits', '+', 1) })),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    await this.sweep(now);
    return { current: Number(row.hits), ttl: window.end - now };
  }

  /** The window's count without counting. */
  async read(namespace: string, key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    const window = windowOf(now, windowMs);
    const row = await this.db
      .selectFrom('rate_limit_counters')
      .select('hits')
      .where('bucket', '=', digest(namespace, key))
      .where('window_start', '=', new Date(window.start).toISOString())
      .executeTakeFirst();
    return row ? { current: Number(row.hits), ttl: window.end - now } : { current: 0, ttl: 0 };
  }

  /** Deletes the windows that have ended; answers how many rows went. */
  async sweepExpired(now = this.clock.now().getTime()): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limit_counters')
      .where('expires_at', '<=', new Date(now).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async sweep(now: number): Promise<void> {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + SWEEP_EVERY_MS;
    await this.sweepExpired(now);
  }
}

/** What @fastify/rate-limit hands a store's `child`: the route's merged limit settings and the route itself. */
interface ChildOptions {
  groupId?: string;
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store class for @fastify/rate-limit over `counter`. Each limited route counts in its own namespace, or in its
 * `groupId`'s when routes share a limit (the lookup page and its API).
 */
export function databaseRateLimitStore(counter: RateLimitCounter): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly namespace = 'global',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: WindowCount) => void, timeWindow: number): void {
      counter.hit(this.namespace, key, timeWindow).then(
        (count) => callback(null, count),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: (error: Error | null, result?: WindowCount) => void, timeWindow: number): void {
      counter.read(this.namespace, key, timeWindow).then(
        (count) => callback(null, count),
        (error: Error) => callback(error),
      );
    }

    child(options: object): FastifyRateLimitStore {
      const { groupId, routeInfo } = options as ChildOptions;
      const method = [routeInfo?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore({}, groupId ? `group:${groupId}` : `route:${method} ${routeInfo?.url ?? ''}`);
    }
  };
}

/** The refusal once a limit is reached: 429 (Retry-After is set by the plugin) with how long to wait, in words. */
export function rateLimitedError(request: FastifyRequest, context: { ttl: number }): AppError {
  ensureLocale(request);
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  const after =
    seconds < 60
      ? request.t('portal.retryAfter.seconds', { n: seconds })
      : request.t('portal.retryAfter.minutes', { n: Math.ceil(seconds / 60) });
  return new AppError('rate_limited', 429, 'errors.rateLimited', { after });
}
