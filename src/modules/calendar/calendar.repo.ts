import type { Selectable } from 'kysely';
import { bumpReference } from '../../db/reference-cache.ts';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import './calendar.tables.ts';
import type { CalendarOverridesTable } from './calendar.tables.ts';

export type OverrideRow = Selectable<CalendarOverridesTable>;

export function allOverrides(db: DbOrTx): Promise<OverrideRow[]> {
  return db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
}

export function findOverride(db: DbOrTx, date: string): Promise<OverrideRow | undefined> {
  return db.selectFrom('calendar_overrides').selectAll().where('date', '=', date).executeTakeFirst();
}

export async function insertOverride(tx: Tx, row: OverrideRow): Promise<void> {
  await tx.insertInto('calendar_overrides').values(row).execute();
  await bumpReference(tx, 'calendar');
}

export async function deleteOverride(tx: Tx, date: string): Promise<boolean> {
  const result = await tx.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return false;
  await bumpReference(tx, 'calendar');
  return true;
}
