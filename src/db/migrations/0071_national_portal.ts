import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Our procedure for each national procedure code (MaTTHC) whose code differs from ours; an identical code needs
  // no row. The case is the procedure case a national dossier is filed under (default: the first).
  await db.schema
    .createTable('national_portal_procedure_map')
    .addColumn('national_code', 'text', (c) => c.primaryKey())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('case_code', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Every dossier packet received from the national portal, kept as received: created (the dossier it became),
  // or parked for an administrator with the reason. A later packet with the same national code is an update.
  await db.schema
    .createTable('national_portal_inbound')
    .addColumn('national_code', 'text', (c) => c.primaryKey())
    .addColumn('national_procedure_code', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('created', 'parked')`))
    .addColumn('reason', 'text')
    .addColumn('dossier_code', 'text')
    .addColumn('packet', 'text', (c) => c.notNull())
    .addColumn('revisions', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('national_portal_inbound_state_idx')
    .on('national_portal_inbound')
    .columns(['state', 'updated_at'])
    .execute();
  // The last dossier version the national portal confirmed, per dossier (for the sync rate).
  await db.schema
    .createTable('national_portal_sync')
    .addColumn('dossier_code', 'text', (c) => c.primaryKey())
    .addColumn('synced_version', 'integer', (c) => c.notNull())
    .addColumn('first_synced_at', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .execute();
  // Where polling the national portal's new dossiers resumes.
  await db.schema
    .createTable('national_portal_cursor')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
}
