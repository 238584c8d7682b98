/** What the rating service takes and gives. */
import type { RatingCriterion, SatisfactionAnswer } from './rating.criteria.ts';

/** As sent by the form: untrusted text, checked by the service (`criterion.{key}`, `convenience`, `overall`, `comment`). */
export type RatingFields = Readonly<Record<string, unknown>>;

export interface Rating {
  dossierCode: string;
  scores: Record<RatingCriterion, number>;
  total: number;
  convenience: SatisfactionAnswer;
  overall: SatisfactionAnswer;
  comment: string | null;
  ratedAt: string;
}

/** Ratings of one agency in a period: the counts behind the satisfaction indicator. */
export interface AgencySatisfaction {
  agencyId: string;
  ratings: number;
  /** Sum of the 18-point totals; `points / ratings` is the average. */
  points: number;
  convenience: Record<SatisfactionAnswer, number>;
  overall: Record<SatisfactionAnswer, number>;
}
