import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './identity.tables.ts';
import type { OfficerRolesTable, UsersTable } from './identity.tables.ts';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: DbOrTx, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function insertRole(db: DbOrTx, row: Insertable<OfficerRolesTable>): Promise<void> {
  await db
    .insertInto('officer_roles')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
