import { type Kysely, sql } from 'kysely';

/**
 * Each pull of procedure definitions from the national procedure database: who started it, when, and its report
 * (per national entry: new draft, updated draft with the differences, unchanged, or refused with the reason), kept
 * so the administrator reviews the drafts against what the pull found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('national_portal_catalogue_pulls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_by', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('done', 'failed')`))
    // Why the national portal could not be read, when it failed.
    .addColumn('error', 'text')
    // JSON: the entries of the report (see national-portal.catalogue.ts).
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('national_portal_catalogue_pulls_started_idx')
    .on('national_portal_catalogue_pulls')
    .column('started_at')
    .execute();
}
