import { type Kysely, sql } from 'kysely';

/**
 * The undated half of a work queue (dossiers not yet accepted: no due date) in its order, submission time then id.
 * In the queue-order indexes (0031) these dossiers sit under `due_at is null`, which PostgreSQL does not treat as a
 * fixed value for ordering: it read and sorted every waiting dossier of the agency to show the first fifty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, column] of [
    ['current', 'current_agency_id'],
    ['receiving', 'receiving_agency_id'],
  ] as const) {
    await db.schema
      .createIndex(`dossiers_${name}_undated_order_idx`)
      .on('dossiers')
      .columns(['status', column, 'submitted_at', 'id'])
      .where(sql.ref('due_at'), 'is', null)
      .execute();
  }
}
