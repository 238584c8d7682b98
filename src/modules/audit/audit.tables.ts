import type { Generated } from 'kysely';

export type AuditActorKind = 'officer' | 'token';

/** One state-changing request by an officer or an API token, with its outcome (see migration 0090). */
export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: string;
  actor_kind: AuditActorKind;
  actor_id: string;
  actor_name: string;
  /** Comma-separated roles the actor held. */
  roles: string;
  agency_id: string | null;
  action: string;
  method: string;
  /** The route pattern, never the raw URL. */
  route: string;
  /** The route parameters' values, space-separated. */
  resource_ids: string;
  /** JSON of the fields sent, redacted and shortened. */
  summary: string | null;
  status_code: number;
  client_hash: string;
  request_id: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    audit_events: AuditEventsTable;
  }
}
