import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A citizen's online application in progress: what each page of the wizard saved, until it is submitted or expires.
  await db.schema
    .createTable('application_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('procedure_version_id', 'text', (c) => c.notNull())
    .addColumn('case_code', 'text', (c) => c.notNull())
    // The key the submission is made with, so a repeated "submit" makes one dossier.
    .addColumn('submission_key', 'text', (c) => c.notNull())
    // JSON: the answers by input name, the uploaded files by component, the steps completed.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text')
    .execute();
  await db.schema
    .createIndex('application_drafts_account_idx')
    .on('application_drafts')
    .columns(['account_id', 'updated_at'])
    .execute();
  // A dossier component taken from an earlier dossier of the same applicant instead of a new upload (DuocTaiSuDung):
  // the count feeds the digitisation indicator 4.3 (dossiers with at least one reused component).
  await db.schema
    .alterTable('dossiers')
    .addColumn('reused_files', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (isPostgres(db)) {
    await sql`comment on table application_drafts is 'Online applications in progress (save and return); removed when they expire'`.execute(
      db,
    );
  }
}
