import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;
export type DbOrTx = Kysely<Database> | Tx;

/**
 * Runs `work` in one database transaction: a command's state change, its action-log row and its outbox messages
 * commit together or not at all.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
