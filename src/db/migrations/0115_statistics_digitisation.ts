import type { Kysely } from 'kysely';

/** Digitisation measures of the monthly cells (766 indicators 4.1, 4.2, 4.3, 4.5). */
const COLUMNS = ['resolved_electronic', 'resolved_digitised', 'received_reusing', 'received_vneid'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema
      .alterTable('stats_month_cells')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  // The cells built so far lack these measures, and judged past periods with today's state: rebuild them all.
  await db
    .updateTable('stats_refresh' as never)
    .set({ built_at: null, changes_through: null } as never)
    .execute();
}
