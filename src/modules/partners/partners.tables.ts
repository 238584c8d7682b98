import type { Generated } from 'kysely';

export type ExchangeOutcome = 'ok' | 'rejected' | 'failed' | 'refused';

export interface PartnerExchangesTable {
  id: Generated<number>;
  partner: string;
  direction: 'outbound' | 'inbound';
  method: string;
  /** The URL without its query string. */
  endpoint: string;
  at: string;
  duration_ms: number;
  /** `sha256:<hex>` of the request body. */
  request_digest: string;
  response_digest: string | null;
  status_code: number | null;
  outcome: ExchangeOutcome;
  /** The partner's error code or our reason, short. */
  detail: string | null;
  reference: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    partner_exchanges: PartnerExchangesTable;
  }
}
