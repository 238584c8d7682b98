import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

const MEASURES = [
  'received',
  'received_online',
  'received_in_person',
  'received_postal',
  'carried_over',
  'resolved',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'returned',
  'in_progress',
  'in_progress_within',
  'overdue',
  'awaiting_supplement',
  'stopped',
  'stopped_late',
  'refused',
  'withdrawn',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Records loaded from an earlier system live beside native ones and count in every statistic; `source` tells them
  // apart, and `handling_agency_id` keeps the agency the old record named (native dossiers take their procedure's).
  await db.schema
    .alterTable('dossiers')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('native'))
    .execute();
  await db.schema.alterTable('dossiers').addColumn('handling_agency_id', 'text').execute();
  // Every change to a dossier moves updated_at: the statistics refresh reads what changed since its last run.
  await db.schema.createIndex('dossiers_updated_idx').on('dossiers').column('updated_at').execute();

  // Monthly measures per agency, procedure, field, channel and online mode: any month-aligned period is a sum of
  // months (stocks taken at its first and last month), so the year summary reads a few thousand rows, not every dossier.
  let cells = db.schema
    .createTable('stats_month_cells')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'integer', (c) => c.notNull())
    .addColumn('online_mode', 'text', (c) => c.notNull());
  for (const measure of MEASURES) cells = cells.addColumn(measure, 'integer', (c) => c.notNull().defaultTo(0));
  await cells
    .addPrimaryKeyConstraint('stats_month_cells_pk', [
      'month',
      'agency_id',
      'procedure_code',
      'field_code',
      'channel',
      'online_mode',
    ])
    .execute();

  // One row: how far the monthly cells are built, and the last dossier change they include.
  await db.schema
    .createTable('stats_refresh')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('built_at', 'text')
    .addColumn('changes_through', 'text')
    .addColumn('first_month', 'text')
    .addCheckConstraint('stats_refresh_single_row', sql`id = 1`)
    .execute();
  await db
    .insertInto('stats_refresh' as never)
    .values({ id: 1 } as never)
    .execute();

  if (isPostgres(db)) {
    await sql`comment on table stats_month_cells is 'Monthly dossier measures per agency, procedure, field, channel and online mode; rebuilt from dossiers by the statistics refresh'`.execute(
      db,
    );
  }
}
