import { type Kysely, sql } from 'kysely';
import { withSerialId } from '../columns.ts';
import { isPostgres } from '../migrate.ts';

/**
 * The audit log (DESIGN.md §9): one row per state-changing request by an officer or an API token, refused ones
 * included. Append-only: no code path updates a row; only the retention sweep, when a retention period is set,
 * deletes rows older than it. On PostgreSQL a trigger refuses UPDATE and TRUNCATE always, and DELETE unless the
 * deleting transaction has declared the sweep's cut-off (`motcua.audit_sweep_before`) and the row is older than it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withSerialId(db, db.schema.createTable('audit_events'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('officer', 'token')`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    // The username of an officer, the name of a token (kept as it was: accounts may be renamed later).
    .addColumn('actor_name', 'text', (c) => c.notNull())
    // The roles the actor held, comma-separated.
    .addColumn('roles', 'text', (c) => c.notNull())
    // The agency the event concerns (the resource's, else the actor's), for filters and the auditors' sub-trees.
    .addColumn('agency_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // The route pattern (`/api/v1/dossiers/:code/actions`), never the raw URL with its query.
    .addColumn('route', 'text', (c) => c.notNull())
    // The route parameters' values, space-separated (a dossier code, an agency id, …).
    .addColumn('resource_ids', 'text', (c) => c.notNull())
    // JSON object of the fields sent, secrets and personal data redacted, long values shortened.
    .addColumn('summary', 'text')
    .addColumn('status_code', 'integer', (c) => c.notNull().check(sql`status_code between 100 and 599`))
    // HMAC-SHA256 of the client address with a deployment secret: equal addresses match, none can be read back.
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_time_idx').on('audit_events').columns(['occurred_at', 'id']).execute();
  await db.schema.createIndex('audit_events_agency_idx').on('audit_events').columns(['agency_id', 'id']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_name', 'id']).execute();

  if (isPostgres(db)) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      declare
        sweep_before text := current_setting('motcua.audit_sweep_before', true);
      begin
        if tg_op = 'DELETE' and coalesce(sweep_before, '') <> '' then
          if old.occurred_at < sweep_before then
            return old;
          end if;
        end if;
        raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end
    $$`.execute(db);
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
    await sql`comment on table audit_events is 'Audit log: every state-changing request by an officer or API token, with its outcome; UPDATE and TRUNCATE are refused, DELETE only by the retention sweep'`.execute(
      db,
    );
  }
}
