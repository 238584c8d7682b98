import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './drafts.tables.ts';
import type { ApplicationDraftsTable } from './drafts.tables.ts';

export type DraftRow = Selectable<ApplicationDraftsTable>;

export async function insertDraft(db: DbOrTx, row: Insertable<ApplicationDraftsTable>): Promise<void> {
  await db.insertInto('application_drafts').values(row).execute();
}

export function findDraft(db: DbOrTx, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom('application_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDraft(db: DbOrTx, id: string, patch: Updateable<ApplicationDraftsTable>): Promise<void> {
  await db.updateTable('application_drafts').set(patch).where('id', '=', id).execute();
}

export async function deleteDraft(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('application_drafts').where('id', '=', id).execute();
}

/** The account's drafts not yet submitted nor expired, most recently saved first. */
export function openDraftsOf(db: DbOrTx, accountId: string, now: string, limit: number): Promise<DraftRow[]> {
  return db
    .selectFrom('application_drafts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('dossier_code', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
