import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './agencies.tables.ts';
import type { AgenciesTable } from './agencies.tables.ts';

export type AgencyRow = Selectable<AgenciesTable>;

export async function insertAgency(db: DbOrTx, row: Insertable<AgenciesTable>): Promise<void> {
  await db.insertInto('agencies').values(row).execute();
}

export async function updateAgency(db: DbOrTx, id: string, changes: Updateable<AgenciesTable>): Promise<void> {
  await db.updateTable('agencies').set(changes).where('id', '=', id).execute();
}

export function listAgencies(db: DbOrTx): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').selectAll().orderBy('identifier').execute();
}

export function findAgencyByIdentifier(db: DbOrTx, identifier: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('identifier', '=', identifier).executeTakeFirst();
}

export function findAgencyById(db: DbOrTx, id: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAgencies(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
