import type { Generated } from 'kysely';
import type { PostalOrderKind, PostalStatus } from './postal.schema.ts';

export interface PostalOrdersTable {
  id: string;
  dossier_id: string;
  dossier_code: string;
  kind: PostalOrderKind;
  order_number: string;
  requested_item_code: string | null;
  item_code: string | null;
  status: PostalStatus;
  /** JSON: a `PostalParty`. */
  sender: string;
  /** JSON: a `PostalParty`. */
  receiver: string;
  cod_amount: number;
  failure_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PostalEventsTable {
  id: Generated<number>;
  order_id: string;
  event_id: string;
  status: PostalStatus;
  reason: string | null;
  occurred_at: string;
  received_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    postal_orders: PostalOrdersTable;
    postal_events: PostalEventsTable;
  }
}
