import type { Tx } from '../../db/transaction.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { formatDossierCode } from './dossier-code.ts';
import * as repo from './dossiers.repo.ts';

/**
 * Allocates the dossier code `{agency}-{yyMMdd}-{NNNN}` inside the submitting transaction: the reception day is the
 * Vietnam date of `receivedAt`, the sequence restarts at 0001 each day per receiving agency, with no gaps.
 */
export async function allocateDossierCode(tx: Tx, agencyIdentifier: string, receivedAt: Date): Promise<string> {
  const day = vietnamDateOf(receivedAt);
  const sequence = await repo.nextSequence(tx, agencyIdentifier, day);
  return formatDossierCode(agencyIdentifier, day, sequence);
}
