import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './partners.tables.ts';
import type { PartnerExchangesTable } from './partners.tables.ts';

export type ExchangeRow = Selectable<PartnerExchangesTable>;

export async function insertExchange(db: DbOrTx, row: Insertable<PartnerExchangesTable>): Promise<void> {
  await db.insertInto('partner_exchanges').values(row).execute();
}

export interface ExchangeFilter {
  partner?: string;
  reference?: string;
  /** Only entries with a smaller id (the next page, newest first). */
  before?: number;
  limit: number;
}

export function listExchanges(db: DbOrTx, filter: ExchangeFilter): Promise<ExchangeRow[]> {
  let query = db.selectFrom('partner_exchanges').selectAll();
  if (filter.partner) query = query.where('partner', '=', filter.partner);
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}
