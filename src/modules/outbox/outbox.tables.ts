import type { Generated } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  ordering_key: string | null;
  dedupe_key: string;
  payload: string;
  status: 'pending' | 'done' | 'dead';
  attempts: Generated<number>;
  available_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    outbox: OutboxTable;
  }
}
