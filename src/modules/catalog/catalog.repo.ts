import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './catalog.tables.ts';
import type { ProceduresTable, ProcedureVersionsTable } from './catalog.tables.ts';

export type ProcedureRow = Selectable<ProceduresTable>;
export type VersionRow = Selectable<ProcedureVersionsTable>;

export function findProcedure(db: DbOrTx, code: string): Promise<ProcedureRow | undefined> {
  return db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertProcedure(db: DbOrTx, row: Insertable<ProceduresTable>): Promise<void> {
  await db.insertInto('procedures').values(row).execute();
}

export async function updateProcedure(db: DbOrTx, id: string, patch: Updateable<ProceduresTable>): Promise<void> {
  await db.updateTable('procedures').set(patch).where('id', '=', id).execute();
}

export async function insertVersion(db: DbOrTx, row: Insertable<ProcedureVersionsTable>): Promise<void> {
  await db.insertInto('procedure_versions').values(row).execute();
}

export async function updateVersion(db: DbOrTx, id: string, patch: Updateable<ProcedureVersionsTable>): Promise<void> {
  await db.updateTable('procedure_versions').set(patch).where('id', '=', id).execute();
}

export function findVersion(db: DbOrTx, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('procedure_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function versionsOf(db: DbOrTx, procedureId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('version', 'desc')
    .execute();
}

export async function lastVersionNumber(db: DbOrTx, procedureId: string): Promise<number> {
  const row = await db
    .selectFrom('procedure_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export interface CatalogueRow {
  id: string;
  code: string;
  status: ProceduresTable['status'];
  agency_identifier: string;
  agency_name: string;
  published_version_id: string | null;
  published_version: number | null;
  published_definition: string | null;
  draft_version_id: string | null;
  draft_version: number | null;
  draft_definition: string | null;
  /** The newest retired version, which an unpublished procedure last showed. */
  retired_definition: string | null;
}

/** Every procedure with its published and draft versions, in code order. */
export function catalogue(db: DbOrTx, options: { publishedOnly?: boolean } = {}): Promise<CatalogueRow[]> {
  let query = db
    .selectFrom('procedures as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('procedure_versions as pub', 'pub.id', 'p.published_version_id')
    .leftJoin('procedure_versions as dr', 'dr.id', 'p.draft_version_id')
    .select((eb) => [
      'p.id',
      'p.code',
      'p.status',
      'a.identifier as agency_identifier',
      'a.name as agency_name',
      'p.published_version_id',
      'pub.version as published_version',
      'pub.definition as published_definition',
      'p.draft_version_id',
      'dr.version as draft_version',
      'dr.definition as draft_definition',
      eb
        .selectFrom('procedure_versions as r')
        .select('r.definition')
        .whereRef('r.procedure_id', '=', 'p.id')
        .where('r.status', '=', 'retired')
        .orderBy('r.version', 'desc')
        .limit(1)
        .as('retired_definition'),
    ])
    .orderBy('p.code');
  if (options.publishedOnly) query = query.where('p.status', '=', 'published');
  return query.execute() as Promise<CatalogueRow[]>;
}

/** The published version of each procedure, by code. */
export async function publishedVersions(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('procedures')
    .select(['code', 'published_version_id'])
    .where('published_version_id', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.code, row.published_version_id as string]));
}
