import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './calendar.tables.ts';
import type { CalendarOverridesTable } from './calendar.tables.ts';

export type OverrideRow = Selectable<CalendarOverridesTable>;

export async function revision(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
}

export function allOverrides(db: DbOrTx): Promise<OverrideRow[]> {
  return db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
}

export function findOverride(db: DbOrTx, date: string): Promise<OverrideRow | undefined> {
  return db.selectFrom('calendar_overrides').selectAll().where('date', '=', date).executeTakeFirst();
}

export async function insertOverride(tx: Tx, row: OverrideRow): Promise<void> {
  await tx.insertInto('calendar_overrides').values(row).execute();
  await bumpRevision(tx);
}

export async function deleteOverride(tx: Tx, date: string): Promise<boolean> {
  const result = await tx.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return false;
  await bumpRevision(tx);
  return true;
}

async function bumpRevision(tx: Tx): Promise<void> {
  await tx
    .updateTable('calendar_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
