import type { Db } from '../../db/database.ts';
import { addDays, vietnamInstant } from '../../lib/vn-time.ts';
import { identifiersUnder, listAgencies } from '../agencies/agencies.service.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import type { SyncSource } from '../statistics/indicators.ts';
import * as repo from './national-portal.repo.ts';

export interface SyncRate {
  received: number;
  synced: number;
  /** synced ÷ received, 0 when nothing was received. */
  rate: number;
}

/**
 * Indicator 1.4 of the transparency group: of the dossiers received at the agencies on Vietnam dates `from` to `to`,
 * how many the national portal has confirmed at least one sync packet of.
 */
export async function syncRate(
  db: Db,
  dossiers: Pick<DossierService, 'countReceived'>,
  period: { agencyIds: readonly string[]; from: string; to: string },
): Promise<SyncRate> {
  const received = await dossiers.countReceived(period.agencyIds, period.from, period.to);
  const synced = await repo.countSynced(
    db.kysely,
    period.agencyIds,
    vietnamInstant(period.from).toISOString(),
    vietnamInstant(addDays(period.to, 1)).toISOString(),
  );
  return { received, synced, rate: received === 0 ? 0 : synced / received };
}

/** The sync rate as the statistics module's source for indicator 1.4, at an agency and the agencies below it. */
export function syncIndicatorSource(db: Db, dossiers: Pick<DossierService, 'countReceived'>): SyncSource {
  return {
    async synchronisation(scope) {
      const under = await identifiersUnder(db.kysely, scope.agency);
      const agencyIds = under ? [...under] : (await listAgencies(db.kysely)).map((a) => a.identifier);
      const rate = await syncRate(db, dossiers, { agencyIds, from: scope.from, to: scope.to });
      return { received: rate.received, synchronised: rate.synced };
    },
  };
}
