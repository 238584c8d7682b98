import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './audit.tables.ts';
import type { AuditEventsTable } from './audit.tables.ts';

export type AuditEventRow = Selectable<AuditEventsTable>;

export async function insertEvent(db: DbOrTx, row: Insertable<AuditEventsTable>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

export interface EventQuery {
  /** Only events of these agencies; `undefined`: every event, those without an agency included. */
  agencyIds?: readonly string[];
  actorName?: string;
  action?: string;
  /** Instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** A substring of the route parameters (a dossier code, an id). */
  resource?: string;
  /** Keyset: only events with a smaller id (the next page, newest first). */
  before?: number;
  limit: number;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listEvents(db: DbOrTx, q: EventQuery): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (q.agencyIds) {
    if (q.agencyIds.length === 0) return Promise.resolve([]);
    query = query.where('agency_id', 'in', q.agencyIds);
  }
  if (q.actorName) query = query.where('actor_name', '=', q.actorName);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.from) query = query.where('occurred_at', '>=', q.from);
  if (q.to) query = query.where('occurred_at', '<', q.to);
  if (q.resource) {
    query = query.where(sql<boolean>`resource_ids like ${`%${likeEscape(q.resource)}%`} escape '\\'`);
  }
  if (q.before) query = query.where('id', '<', q.before);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/**
 * Deletes the events older than `before` (the retention sweep). On PostgreSQL the append-only trigger lets a DELETE
 * through only in a transaction that has declared this cut-off.
 */
export async function deleteEventsBefore(db: DbOrTx, before: string, postgres: boolean): Promise<number> {
  if (postgres) await sql`select set_config('motcua.audit_sweep_before', ${before}, true)`.execute(db);
  const result = await db.deleteFrom('audit_events').where('occurred_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
