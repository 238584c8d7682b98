import type { SatisfactionAnswer } from './rating.criteria.ts';

export interface DossierRatingsTable {
  dossier_id: string;
  dossier_code: string;
  /** The competent agency of the procedure (electronic identifier): the statistics count ratings per agency. */
  agency_id: string;
  receiving_agency_id: string;
  procedure_code: string;
  rated_by: string;
  /** JSON: criterion key → 0, 1 or 2. */
  scores: string;
  total: number;
  convenience: SatisfactionAnswer;
  overall: SatisfactionAnswer;
  comment: string | null;
  rated_at: string;
}

declare module '../../db/schema.ts' {
  interface Database {
    dossier_ratings: DossierRatingsTable;
  }
}
