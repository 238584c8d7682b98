import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The administrator's per-year corrections to the rule-computed calendar (official notices, swapped Saturdays).
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('calendar_overrides_kind_check', sql`kind in ('off', 'working')`)
    .execute();
  // One row whose revision every override change bumps, so each process knows when its cached calendar is stale.
  await db.schema
    .createTable('calendar_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addCheckConstraint('calendar_revision_single_row', sql`id = 1`)
    .execute();
  await db
    .insertInto('calendar_revision' as never)
    .values({ id: 1, revision: 0 } as never)
    .execute();

  // Dossier-code sequences per receiving agency per Vietnam reception day, taken inside the submitting transaction.
  await db.schema
    .createTable('dossier_code_counters')
    .addColumn('agency_identifier', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_code_counters_pk', ['agency_identifier', 'day'])
    .execute();
}
