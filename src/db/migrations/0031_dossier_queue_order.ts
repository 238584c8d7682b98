import type { Kysely } from 'kysely';

/**
 * The work-queue indexes carry the whole queue order (due date, then submission time, then id), so that a page of one
 * status at one agency is read in index order and stops after the page, instead of sorting every matching dossier:
 * a "returned" queue holds most of an agency's dossiers of past years.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['current_agency_id', 'receiving_agency_id'] as const) {
    const name = column === 'current_agency_id' ? 'current' : 'receiving';
    await db.schema
      .createIndex(`dossiers_${name}_queue_order_idx`)
      .on('dossiers')
      .columns(['status', column, 'due_at', 'submitted_at', 'id'])
      .execute();
    await db.schema.dropIndex(`dossiers_${name}_queue_idx`).execute();
  }
}
