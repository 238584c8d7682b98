import { type Kysely, sql } from 'kysely';

/**
 * One rating per dossier, by its applicant, after the result (Circular 01/2018 scoring tool: nine criteria of 0–2
 * points and two overall questions). The agency columns let the statistics count ratings per agency and period
 * without reading the dossiers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier_ratings')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_code', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('receiving_agency_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull())
    // JSON: criterion key → 0, 1 or 2.
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().check(sql`total between 0 and 18`))
    .addColumn('convenience', 'text', (c) =>
      c.notNull().check(sql`convenience in ('very_satisfied', 'satisfied', 'dissatisfied')`),
    )
    .addColumn('overall', 'text', (c) =>
      c.notNull().check(sql`overall in ('very_satisfied', 'satisfied', 'dissatisfied')`),
    )
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dossier_ratings_agency_time_idx')
    .on('dossier_ratings')
    .columns(['agency_id', 'rated_at'])
    .execute();
}
