import { type Kysely, type SqlBool, sql } from 'kysely';

/**
 * What each dossier adds to the current month's cells, so that a refresh recounts only the dossiers that changed (or
 * whose due date passed) and applies the difference, instead of recounting every open dossier each minute.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Per month that changes may still reach (`stats_refresh.contributions_from` … `contributions_month`), one row per
  // dossier that counts in it: its cell and its measures as bits (bit i: the i-th of `measureNames`, measures.ts).
  await db.schema
    .createTable('stats_contributions')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'integer', (c) => c.notNull())
    .addColumn('online_mode', 'text', (c) => c.notNull())
    .addColumn('bits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_contributions_pk', ['month', 'dossier_id'])
    .execute();
  await db.schema.alterTable('stats_refresh').addColumn('contributions_from', 'text').execute();
  await db.schema.alterTable('stats_refresh').addColumn('contributions_month', 'text').execute();
  // The agency each procedure counted for when the contributions were computed: when one moves, they are recounted.
  await db.schema.alterTable('stats_refresh').addColumn('procedure_agencies', 'text').execute();
  // Open dossiers whose due date passed since the last refresh turn overdue without a change of their own.
  await db.schema
    .createIndex('dossiers_open_due_idx')
    .on('dossiers')
    .column('due_at')
    .where(sql.raw<SqlBool>('status in (2, 4, 5, 6)'))
    .execute();
  // The next refresh builds anew, recording the contributions.
  await db
    .updateTable('stats_refresh' as never)
    .set({ built_at: null, changes_through: null } as never)
    .execute();
}
