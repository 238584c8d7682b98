import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A procedure (thủ tục hành chính) by its national code; what it says lives in its versions.
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    // The version citizens see (null unless published) and the one open draft, if any.
    .addColumn('published_version_id', 'text')
    .addColumn('draft_version_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('procedures_status_check', sql`status in ('draft', 'published', 'unpublished')`)
    .addCheckConstraint('procedures_published_check', sql`(status = 'published') = (published_version_id is not null)`)
    .execute();

  // Versions are never deleted: dossiers refer to the version frozen at submission. A published version is immutable.
  await db.schema
    .createTable('procedure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('procedure_versions_number_unique', ['procedure_id', 'version'])
    .addCheckConstraint('procedure_versions_status_check', sql`status in ('draft', 'published', 'retired')`)
    .addCheckConstraint('procedure_versions_version_check', sql`version >= 1`)
    .execute();

  // Bumped by every change to what the public catalogue shows, so each process knows when its search index is stale.
  await db.schema
    .createTable('catalog_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addCheckConstraint('catalog_revision_single_row', sql`id = 1`)
    .execute();
  await db
    .insertInto('catalog_revision' as never)
    .values({ id: 1, revision: 0 } as never)
    .execute();
}
