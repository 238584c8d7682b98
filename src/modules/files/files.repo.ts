import type { Insertable, QueryCreator, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import './files.tables.ts';
import type { FilesTable } from './files.tables.ts';

export type FileRow = Selectable<FilesTable>;

export async function insertFile(db: DbOrTx, row: Insertable<FilesTable>): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export function findFiles(db: DbOrTx, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('files').selectAll().where('id', 'in', ids).execute();
}

export function findAttachedTo(db: DbOrTx, refKind: string, refId: string): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('ref_kind', '=', refKind)
    .where('ref_id', '=', refId)
    .orderBy('attached_at')
    .orderBy('name')
    .execute();
}

/**
 * Points unattached files (of `uploadedBy`, when given) at their owner; returns the rows it changed (fewer than `ids`
 * means some were missing, taken or someone else's).
 */
export async function attach(
  db: DbOrTx,
  ids: readonly string[],
  refKind: string,
  refId: string,
  at: string,
  uploadedBy?: string | null,
): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return attachUpdate(db, ids, refKind, refId, at, uploadedBy).returningAll().execute();
}

/** The update of `attach`, to run as part of a larger statement (`ids` must not be empty). */
export function attachUpdate(
  qc: QueryCreator<Database>,
  ids: readonly string[],
  refKind: string,
  refId: string,
  at: string,
  uploadedBy?: string | null,
) {
  let update = qc
    .updateTable('files')
    .set({ ref_kind: refKind, ref_id: refId, attached_at: at })
    .where('id', 'in', ids)
    .where('ref_kind', 'is', null);
  if (uploadedBy === null) update = update.where('uploaded_by', 'is', null);
  else if (uploadedBy !== undefined) update = update.where('uploaded_by', '=', uploadedBy);
  return update;
}

/** Deletes the rows attached to one owner (all of them, or only `ids`); returns the digests they held. */
export async function deleteAttached(
  db: DbOrTx,
  refKind: string,
  refId: string,
  ids?: readonly string[],
): Promise<string[]> {
  let query = db.deleteFrom('files').where('ref_kind', '=', refKind).where('ref_id', '=', refId);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const rows = await query.returning('sha256').execute();
  return rows.map((r) => r.sha256);
}

/** Deletes unattached rows created before `before`; returns the digests they held. */
export async function deleteUnattachedBefore(db: DbOrTx, before: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('files')
    .where('ref_kind', 'is', null)
    .where('created_at', '<', before)
    .returning('sha256')
    .execute();
  return rows.map((r) => r.sha256);
}

/** Which of these digests some row still uses. */
export async function digestsInUse(db: DbOrTx, digests: readonly string[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const rows = await db.selectFrom('files').select('sha256').distinct().where('sha256', 'in', digests).execute();
  return new Set(rows.map((r) => r.sha256));
}
