import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/transaction.ts';
import './rating.tables.ts';
import type { DossierRatingsTable } from './rating.tables.ts';

export type RatingRow = Selectable<DossierRatingsTable>;

export function findRating(db: DbOrTx, dossierId: string): Promise<RatingRow | undefined> {
  return db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}

export async function insertRating(db: DbOrTx, row: Insertable<DossierRatingsTable>): Promise<void> {
  await db.insertInto('dossier_ratings').values(row).execute();
}

/** Ratings given between two instants (`from` included, `to` excluded), counted per agency and pair of answers. */
export function countsBetween(db: DbOrTx, from: string, to: string, agencyIds?: readonly string[]) {
  let query = db
    .selectFrom('dossier_ratings')
    .select((eb) => [
      'agency_id',
      'convenience',
      'overall',
      eb.fn.countAll<number | string>().as('ratings'),
      eb.fn.sum<number | string>('total').as('points'),
    ])
    .where('rated_at', '>=', from)
    .where('rated_at', '<', to);
  if (agencyIds) query = query.where('agency_id', 'in', agencyIds.length > 0 ? [...agencyIds] : ['']);
  return query.groupBy(['agency_id', 'convenience', 'overall']).execute();
}
