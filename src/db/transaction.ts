import { type Kysely, sql, type Transaction } from 'kysely';
import { isPostgres } from './migrate.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;
export type DbOrTx = Kysely<Database> | Tx;

/**
 * Runs `work` in one database transaction: a command's state change, its action-log row and its outbox messages
 * commit together or not at all. On SQLite, transactions that arrive while another is running are grouped (see
 * `GroupCommit`); each still commits or rolls back as a whole, and its promise settles only after the commit.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPostgres(db as Kysely<unknown>)) return db.transaction().execute(work);
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(work);
}

/** Transactions per SQLite commit at most: bounds how long the first of a group waits for the last. */
const MAX_GROUP = 64;

interface Queued {
  work: (tx: Tx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite. Its one connection runs one transaction at a time, and with `synchronous = FULL` each
 * commit waits for the disk: at a busy counter, the commits, not the work, were the limit. The transactions queued
 * behind a running one run next inside one `BEGIN IMMEDIATE … COMMIT`, each in its own savepoint: one that fails is
 * rolled back to its savepoint alone and its caller gets its error; the others commit together, with one sync.
 * A failure of the commit itself (disk full, I/O error) fails every transaction of the group.
 */
class GroupCommit {
  readonly #db: Kysely<Database>;
  readonly #queue: Queued[] = [];
  #draining = false;
  /** Transactions and commits so far (the ratio is what grouping saves). */
  readonly counts = { transactions: 0, commits: 0 };

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // libsql runs statements synchronously: a transaction never yields to the event loop, so none would queue behind
      // it. Starting a group on the next turn lets the requests whose input is already read join it.
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commit(this.#queue.splice(0, MAX_GROUP));
    } finally {
      this.#draining = false;
    }
  }

  async #commit(group: Queued[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await this.#db.transaction().execute(async (tx) => {
        for (const { work } of group) {
          await sql`savepoint grouped`.execute(tx);
          try {
            outcomes.push({ ok: true, value: await work(tx) });
          } catch (error) {
            // If SQLite already rolled the whole transaction back (some I/O errors do), this throws: the group fails.
            await sql`rollback to grouped`.execute(tx);
            outcomes.push({ ok: false, error });
          }
          await sql`release grouped`.execute(tx);
        }
      });
    } catch (error) {
      for (const { reject } of group) reject(error);
      return;
    }
    this.counts.transactions += group.length;
    this.counts.commits += 1;
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}

const groups = new WeakMap<Kysely<Database>, GroupCommit>();

/** How many transactions and commits a SQLite database's group commit has run (tests, metrics). */
export function groupCommitCounts(db: Kysely<Database>): { transactions: number; commits: number } | undefined {
  return groups.get(db)?.counts;
}
