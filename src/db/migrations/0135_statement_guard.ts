import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migrate.ts';

/**
 * PostgreSQL: `motcua_abort(reason)` raises an error that names `reason`. A write made as one statement of several
 * parts (data-modifying WITH queries) calls it when a part did less than it must: the error undoes the whole statement,
 * and the caller recognises the reason (see db/statement-guard.ts). SQLite writes such parts in a transaction instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function motcua_abort(reason text) returns boolean language plpgsql volatile as $$
    begin
      raise exception '%', reason using errcode = 'MC001';
    end
  $$`.execute(db);
}
