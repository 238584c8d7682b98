import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

/**
 * Request counters of the rate limits (lookup, login, registration…), one row per bucket and fixed window, so every
 * process of a province counts against the same limit. Rows whose window has ended are swept on write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    // A digest of the limited route and the client key (an address), never the address itself.
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().check(sql`hits > 0`))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_expiry_idx')
    .on('rate_limit_counters')
    .column('expires_at')
    .execute();
  if (isPostgres(db)) {
    await sql`comment on table rate_limit_counters is 'Requests per client and limited route in fixed windows, shared by every process; expired windows are swept'`.execute(
      db,
    );
  }
}
