import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './national-portal.tables.ts';
import type {
  NationalPortalCataloguePullsTable,
  NationalPortalInboundTable,
  NationalPortalProcedureMapTable,
} from './national-portal.tables.ts';

export type InboundRow = Selectable<NationalPortalInboundTable>;
export type MappingRow = Selectable<NationalPortalProcedureMapTable>;
export type CataloguePullRow = Selectable<NationalPortalCataloguePullsTable>;

export function findMapping(db: DbOrTx, nationalCode: string): Promise<MappingRow | undefined> {
  return db
    .selectFrom('national_portal_procedure_map')
    .selectAll()
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
}

export function listMappings(db: DbOrTx): Promise<MappingRow[]> {
  return db.selectFrom('national_portal_procedure_map').selectAll().orderBy('national_code').execute();
}

export async function saveMapping(db: DbOrTx, row: MappingRow): Promise<void> {
  await db
    .insertInto('national_portal_procedure_map')
    .values(row)
    .onConflict((oc) =>
      oc.column('national_code').doUpdateSet({
        procedure_code: row.procedure_code,
        case_code: row.case_code,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteMapping(db: DbOrTx, nationalCode: string): Promise<void> {
  await db.deleteFrom('national_portal_procedure_map').where('national_code', '=', nationalCode).execute();
}

export function findInbound(db: DbOrTx, nationalCode: string): Promise<InboundRow | undefined> {
  return db
    .selectFrom('national_portal_inbound')
    .selectAll()
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
}

/** False when a row with this national code exists already. */
export async function insertInboundIfAbsent(db: DbOrTx, row: InboundRow): Promise<boolean> {
  const result = await db
    .insertInto('national_portal_inbound')
    .values(row)
    .onConflict((oc) => oc.column('national_code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateInbound(
  db: DbOrTx,
  nationalCode: string,
  patch: Partial<Omit<InboundRow, 'national_code'>>,
): Promise<void> {
  await db.updateTable('national_portal_inbound').set(patch).where('national_code', '=', nationalCode).execute();
}

export function listInbound(db: DbOrTx, state: InboundRow['state'], limit: number): Promise<InboundRow[]> {
  return db
    .selectFrom('national_portal_inbound')
    .selectAll()
    .where('state', '=', state)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Records a confirmed sync; an older version confirmed late never lowers the record. */
export async function markSynced(
  db: DbOrTx,
  dossier: { code: string; receivingAgencyId: string; submittedAt: string },
  version: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('national_portal_sync')
    .values({
      dossier_code: dossier.code,
      synced_version: version,
      first_synced_at: at,
      synced_at: at,
      receiving_agency_id: dossier.receivingAgencyId,
      submitted_at: dossier.submittedAt,
    })
    .onConflict((oc) =>
      oc
        .column('dossier_code')
        .doUpdateSet({ synced_version: version, synced_at: at })
        .where('national_portal_sync.synced_version', '<', version),
    )
    .execute();
}

/** Dossiers submitted at the agencies in [from, to) whose sync the national portal confirmed. */
export async function countSynced(db: DbOrTx, agencyIds: readonly string[], from: string, to: string): Promise<number> {
  if (agencyIds.length === 0) return 0;
  const row = await db
    .selectFrom('national_portal_sync')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('receiving_agency_id', 'in', [...agencyIds])
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function cursor(db: DbOrTx, name: string): Promise<number> {
  const row = await db
    .selectFrom('national_portal_cursor')
    .select('position')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.position ?? 0;
}

export async function saveCursor(db: DbOrTx, name: string, position: number): Promise<void> {
  await db
    .insertInto('national_portal_cursor')
    .values({ name, position })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
    .execute();
}

export async function insertCataloguePull(db: DbOrTx, row: CataloguePullRow): Promise<void> {
  await db.insertInto('national_portal_catalogue_pulls').values(row).execute();
}

export function lastCataloguePull(db: DbOrTx): Promise<CataloguePullRow | undefined> {
  return db
    .selectFrom('national_portal_catalogue_pulls')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
