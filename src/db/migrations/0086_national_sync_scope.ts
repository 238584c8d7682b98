import { type Kysely, sql } from 'kysely';

/**
 * The sync record keeps the dossier's receiving agency and submission time, so the sync rate (indicator 1.4) counts
 * in one indexed query instead of loading every dossier of the period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('national_portal_sync').addColumn('receiving_agency_id', 'text').execute();
  await db.schema.alterTable('national_portal_sync').addColumn('submitted_at', 'text').execute();
  await sql`
    update national_portal_sync set
      receiving_agency_id = (select d.receiving_agency_id from dossiers d where d.code = national_portal_sync.dossier_code),
      submitted_at = (select d.submitted_at from dossiers d where d.code = national_portal_sync.dossier_code)
  `.execute(db);
  await db.schema
    .createIndex('national_portal_sync_scope_idx')
    .on('national_portal_sync')
    .columns(['receiving_agency_id', 'submitted_at'])
    .execute();
}
