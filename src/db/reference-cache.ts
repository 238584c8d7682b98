/**
 * Reference data (the agencies, the published catalogue) read once per process and kept until it changes.
 *
 * Each kind has a row in `reference_revisions`, bumped by `bumpReference` in the transaction of every write that
 * changes it. A process reads that table at most once per `checkEveryMs` and reloads a value when a revision it
 * depends on moved: another process's write shows within `checkEveryMs`. A process's own write shows at once: the
 * bump notes the revision it wrote, and until a check sees that revision committed every read checks again.
 *
 * Values are shared by every caller: they are frozen (`deepFreeze`) or typed read-only, and callers must not change them.
 */
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../lib/clock.ts';
import type { Database } from './schema.ts';
import type { DbOrTx } from './transaction.ts';

export type ReferenceName = 'agencies' | 'catalog' | 'calendar';

interface ReferenceRevisionsTable {
  name: ReferenceName;
  revision: number;
}

declare module './schema.ts' {
  interface Database {
    reference_revisions: ReferenceRevisionsTable;
  }
}

export interface ReferenceCacheOptions {
  checkEveryMs?: number;
  clock?: Clock;
}

type Revisions = ReadonlyMap<string, number>;

export class ReferenceCache {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #checkEveryMs: number;
  #revisions: Revisions | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #checking: Promise<Revisions> | undefined;
  /** Revisions this process wrote, perhaps not committed yet; while any is unseen, each read checks on its own. */
  readonly #awaited = new Map<string, number>();
  readonly #values = new Map<string, { stamp: string; value: unknown }>();
  readonly #loading = new Map<string, { stamp: string; promise: Promise<unknown> }>();

  constructor(db: Kysely<Database>, options: ReferenceCacheOptions = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
    this.#checkEveryMs = options.checkEveryMs ?? 1000;
  }

  /** The value under `key`, loaded again when one of the revisions it depends on has moved since it was loaded. */
  async read<T>(
    key: string,
    dependsOn: readonly ReferenceName[],
    load: (db: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    const revisions = await this.#current();
    const stamp = dependsOn.map((name) => revisions.get(name) ?? 0).join(':');
    const kept = this.#values.get(key);
    if (kept?.stamp === stamp) return kept.value as T;
    const inFlight = this.#loading.get(key);
    if (inFlight?.stamp === stamp) return inFlight.promise as Promise<T>;
    const loading = { stamp, promise: load(this.#db) };
    this.#loading.set(key, loading);
    try {
      const value = await loading.promise;
      // A load for newer revisions may have started meanwhile: only the latest one is kept.
      if (this.#loading.get(key) === loading) this.#values.set(key, { stamp, value });
      return value;
    } finally {
      if (this.#loading.get(key) === loading) this.#loading.delete(key);
    }
  }

  /** Notes a revision this process has just written (in a transaction that may not have committed yet). */
  awaitRevision(name: ReferenceName, revision: number): void {
    this.#awaited.set(name, Math.max(revision, this.#awaited.get(name) ?? 0));
  }

  #current(): Revisions | Promise<Revisions> {
    const now = this.#clock.now().getTime();
    // A check that started before this process's own commit could return the revision before it: not shared then.
    if (this.#awaited.size > 0) return this.#check(now);
    if (this.#revisions && now - this.#checkedAt < this.#checkEveryMs) return this.#revisions;
    this.#checking ??= this.#check(now).finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #check(startedAt: number): Promise<Revisions> {
    const rows = await this.#db.selectFrom('reference_revisions').select(['name', 'revision']).execute();
    const revisions = new Map<string, number>(rows.map((row) => [row.name, Number(row.revision)]));
    for (const [name, awaited] of this.#awaited) {
      if ((revisions.get(name) ?? 0) >= awaited) this.#awaited.delete(name);
    }
    if (startedAt >= this.#checkedAt) {
      this.#revisions = revisions;
      this.#checkedAt = startedAt;
    }
    return revisions;
  }
}

/** One cache per database handle, found from the handle or from any of its transactions (they share its adapter). */
const caches = new WeakMap<object, ReferenceCache>();
const keyOf = (db: DbOrTx): object => db.getExecutor().adapter;

/** Sets up this process's cache for a database handle (at start-up, from the settings); drops what was kept. */
export function configureReferenceCache(db: Kysely<Database>, options: ReferenceCacheOptions): ReferenceCache {
  const cache = new ReferenceCache(db, options);
  caches.set(keyOf(db), cache);
  return cache;
}

/**
 * Reads `key` through the cache of `db`. Inside a transaction it reads the database directly: the transaction must see
 * its own uncommitted writes, and a cached value is no snapshot of its view.
 */
export function readReference<T>(
  db: DbOrTx,
  key: string,
  dependsOn: readonly ReferenceName[],
  load: (db: DbOrTx) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return load(db);
  let cache = caches.get(keyOf(db));
  if (!cache) cache = configureReferenceCache(db, {});
  return cache.read(key, dependsOn, load);
}

/** Marks `name` as changed; call it in the transaction of the write, so that the change and the bump commit together. */
export async function bumpReference(db: DbOrTx, name: ReferenceName): Promise<void> {
  const row = await db
    .updateTable('reference_revisions')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('name', '=', name)
    .returning('revision')
    .executeTakeFirstOrThrow();
  caches.get(keyOf(db))?.awaitRevision(name, Number(row.revision));
}

/** Freezes a value and everything it holds, so that a value shared between requests cannot be changed by one. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A map that keeps at most `capacity` entries, dropping the least recently read first. */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
  }
}
