import type { DbOrTx } from '../../db/transaction.ts';
import { addDays, vietnamInstant } from '../../lib/vn-time.ts';
import { identifiersUnder } from '../agencies/agencies.service.ts';
import type { OnlinePaymentSource } from '../statistics/indicators.ts';
import * as repo from './payments.repo.ts';

/**
 * Online payment for the statistics (Decision 766, indicator 3.6): of the dossiers whose fee was paid on Vietnam dates
 * `from` to `to` at an agency or below it, how many paid it online. A dossier that owed a fee and never paid is not
 * counted: what it owed is only known once an officer asks for it.
 */
export function onlinePaymentSource(db: DbOrTx): OnlinePaymentSource {
  return {
    async payments(scope) {
      const under = await identifiersUnder(db, scope.agency);
      const rows = await repo.feeMethodsBetween(
        db,
        vietnamInstant(scope.from).toISOString(),
        vietnamInstant(addDays(scope.to, 1)).toISOString(),
      );
      const paid = new Set<string>();
      const online = new Set<string>();
      for (const row of rows) {
        if (under && !under.has(row.agency_id)) continue;
        paid.add(row.dossier_code);
        if (row.method === 'online') online.add(row.dossier_code);
      }
      return { feeBearing: paid.size, paidOnline: online.size };
    },
  };
}
