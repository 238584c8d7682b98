import type { Tx } from '../../db/transaction.ts';
import './dossiers.tables.ts';

/**
 * Takes the next sequence for an agency-day. The upsert locks the counter row until the caller's transaction ends,
 * so concurrent submitters queue on it (across processes too), and a rolled-back submission gives its number back.
 */
export async function nextSequence(tx: Tx, agencyIdentifier: string, day: string): Promise<number> {
  const row = await tx
    .insertInto('dossier_code_counters')
    .values({ agency_identifier: agencyIdentifier, day, last_sequence: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_identifier', 'day'])
        .doUpdateSet((eb) => ({ last_sequence: eb('dossier_code_counters.last_sequence', '+', 1) })),
    )
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}
