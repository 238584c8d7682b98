import type { QueryCreator, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './outbox.tables.ts';
import type { OutboxTable } from './outbox.tables.ts';

export type OutboxRow = Selectable<OutboxTable>;

export interface NewOutboxRow {
  topic: string;
  orderingKey: string | null;
  dedupeKey: string;
  payload: string;
  availableAt: string;
  createdAt: string;
}

/** Inserts a message; a second message with the same dedupe key is ignored (the command was retried). */
export async function insertMessage(tx: DbOrTx, row: NewOutboxRow): Promise<void> {
  await messageInsert(tx, row).execute();
}

/** The insert of `insertMessage`, to run as part of a larger statement. */
export function messageInsert(qc: QueryCreator<Database>, row: NewOutboxRow) {
  return qc
    .insertInto('outbox')
    .values({
      topic: row.topic,
      ordering_key: row.orderingKey,
      dedupe_key: row.dedupeKey,
      payload: row.payload,
      status: 'pending',
      available_at: row.availableAt,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing());
}

/**
 * Claims up to `limit` due messages for one worker. A message waits while an earlier message with the same ordering
 * key is not done, so each dossier's messages leave in order. PostgreSQL workers skip rows another worker holds;
 * on SQLite the immediate transaction serialises claimers.
 */
export async function claimDue(
  db: Db,
  workerId: string,
  now: string,
  lockUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  return db.kysely.transaction().execute(async (tx: Tx) => {
    let due = tx
      .selectFrom('outbox as o')
      .select('o.id')
      .where('o.status', '=', 'pending')
      .where('o.available_at', '<=', now)
      .where((eb) => eb.or([eb('o.locked_until', 'is', null), eb('o.locked_until', '<', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outbox as p')
              .select('p.id')
              .whereRef('p.ordering_key', '=', 'o.ordering_key')
              .whereRef('p.id', '<', 'o.id')
              .where('p.status', '<>', 'done'),
          ),
        ),
      )
      .orderBy('o.id')
      .limit(limit);
    if (db.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return tx
      .updateTable('outbox')
      .set((eb) => ({ locked_by: workerId, locked_until: lockUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute()
      .then((rows) => rows.sort((a, b) => a.id - b.id));
  });
}

export async function markDone(db: DbOrTx, id: number, workerId: string, now: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'done', done_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function markFailed(
  db: DbOrTx,
  id: number,
  workerId: string,
  error: string,
  retryAt: string | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: retryAt ? 'pending' : 'dead',
      available_at: retryAt ?? undefined,
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export function findByDedupeKey(db: DbOrTx, dedupeKey: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

export function listDead(db: DbOrTx, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('status', '=', 'dead').orderBy('id').limit(limit).execute();
}

/** Puts a dead message back in the queue, due now, with a fresh attempt count (and a corrected payload, if given). */
export async function revive(db: DbOrTx, id: number, now: string, payload?: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      available_at: now,
      locked_by: null,
      locked_until: null,
      ...(payload && { payload }),
    })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
