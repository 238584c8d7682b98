/**
 * The applicant's rating of a dossier once it has its result: one per dossier. The statistics read the counts per
 * agency and period through `satisfactionCounts`.
 */
import type { Db } from '../../db/database.ts';
import type { DbOrTx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { addDays, vietnamInstant } from '../../lib/vn-time.ts';
import { identifiersUnder } from '../agencies/agencies.service.ts';
import type { DossierDetail } from '../dossiers/dossiers.schema.ts';
import { statuses } from '../dossiers/lifecycle.ts';
import type { SatisfactionSource } from '../statistics/indicators.ts';
import {
  criterionPoints,
  type RatingCriterion,
  ratingCriteria,
  type SatisfactionAnswer,
  satisfactionAnswers,
} from './rating.criteria.ts';
import * as repo from './rating.repo.ts';
import type { AgencySatisfaction, Rating, RatingFields } from './rating.schema.ts';

export const COMMENT_MAX = 2000;

/** A dossier may be rated once it has its result: resolved, or returned to the applicant. */
export function ratingOpen(status: number): boolean {
  return status === statuses.resolved || status === statuses.returned;
}

function toRating(row: repo.RatingRow): Rating {
  return {
    dossierCode: row.dossier_code,
    scores: JSON.parse(row.scores) as Record<RatingCriterion, number>,
    total: row.total,
    convenience: row.convenience,
    overall: row.overall,
    comment: row.comment,
    ratedAt: row.rated_at,
  };
}

/** Checks every field at once; the problems name the form's fields. */
export function checkRating(fields: RatingFields): {
  problems: FieldProblem[];
  scores: Record<RatingCriterion, number>;
  convenience: SatisfactionAnswer;
  overall: SatisfactionAnswer;
  comment: string | null;
} {
  const problems: FieldProblem[] = [];
  const scores = {} as Record<RatingCriterion, number>;
  for (const key of ratingCriteria) {
    const value = fields[`criterion.${key}`];
    const points = criterionPoints.find((p) => String(p) === value);
    if (points === undefined) problems.push({ path: `criterion.${key}`, messageKey: 'portal.rating.choose' });
    else scores[key] = points;
  }
  const answer = (name: 'convenience' | 'overall') => {
    const value = satisfactionAnswers.find((a) => a === fields[name]);
    if (!value) problems.push({ path: name, messageKey: 'portal.rating.choose' });
    return value ?? 'satisfied';
  };
  const convenience = answer('convenience');
  const overall = answer('overall');
  const text = typeof fields.comment === 'string' ? fields.comment.trim() : '';
  if (text.length > COMMENT_MAX) {
    problems.push({ path: 'comment', messageKey: 'portal.rating.tooLong', params: { max: COMMENT_MAX } });
  }
  return { problems, scores, convenience, overall, comment: text === '' ? null : text };
}

export class RatingService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async ratingOf(dossierId: string): Promise<Rating | undefined> {
    const row = await repo.findRating(this.#db.kysely, dossierId);
    return row && toRating(row);
  }

  /**
   * Records the applicant's rating of their dossier. Refused with 404 for someone else's dossier, 409 before the result
   * or when the dossier is already rated (also when two ratings race: the primary key keeps one).
   */
  async rate(dossier: DossierDetail, userId: string, fields: RatingFields): Promise<Rating> {
    if (!dossier.applicant.userId || dossier.applicant.userId !== userId) {
      throw new NotFoundError('dossiers.errors.notFound', { code: dossier.code }, 'dossier_not_found');
    }
    if (!ratingOpen(dossier.status)) throw new ConflictError('rating_not_open', 'portal.rating.notYet');
    const already = () => new ConflictError('already_rated', 'portal.rating.already');
    if (await repo.findRating(this.#db.kysely, dossier.id)) throw already();
    const checked = checkRating(fields);
    if (checked.problems.length > 0) throw new ValidationError(checked.problems);
    const row = {
      dossier_id: dossier.id,
      dossier_code: dossier.code,
      agency_id: dossier.definition.procedure.agency.id,
      receiving_agency_id: dossier.receivingAgencyId,
      procedure_code: dossier.procedure.code,
      rated_by: userId,
      scores: JSON.stringify(checked.scores),
      total: Object.values(checked.scores).reduce((sum, p) => sum + p, 0),
      convenience: checked.convenience,
      overall: checked.overall,
      comment: checked.comment,
      rated_at: this.#clock.now().toISOString(),
    };
    try {
      await repo.insertRating(this.#db.kysely, row);
    } catch (error) {
      if (await repo.findRating(this.#db.kysely, dossier.id)) throw already();
      throw error;
    }
    return toRating(row);
  }
}

const zeroAnswers = (): Record<SatisfactionAnswer, number> => ({ very_satisfied: 0, satisfied: 0, dissatisfied: 0 });

/**
 * For the statistics (satisfaction indicator): the ratings given from Vietnam date `from` to `to` (both included),
 * counted per agency (the procedure's competent agency, by electronic identifier), with the answers to the two overall
 * questions and the sum of the 18-point totals. `agencyIds` narrows to those agencies.
 */
export async function satisfactionCounts(
  db: DbOrTx,
  period: { from: string; to: string; agencyIds?: readonly string[] },
): Promise<AgencySatisfaction[]> {
  const start = vietnamInstant(period.from).toISOString();
  const end = vietnamInstant(addDays(period.to, 1)).toISOString();
  const rows = await repo.countsBetween(db, start, end, period.agencyIds);
  const byAgency = new Map<string, AgencySatisfaction>();
  for (const row of rows) {
    let entry = byAgency.get(row.agency_id);
    if (!entry) {
      entry = { agencyId: row.agency_id, ratings: 0, points: 0, convenience: zeroAnswers(), overall: zeroAnswers() };
      byAgency.set(row.agency_id, entry);
    }
    const ratings = Number(row.ratings);
    entry.ratings += ratings;
    entry.points += Number(row.points ?? 0);
    entry.convenience[row.convenience] += ratings;
    entry.overall[row.overall] += ratings;
  }
  return [...byAgency.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}

/**
 * The ratings as the statistics module's satisfaction source (indicator 5.4): ratings given in the period at the agency
 * and the agencies below it, and how many answered "dissatisfied" overall. Dossiers with a complaint are the feedback
 * module's to count, so this source reports none.
 */
export function ratingSatisfactionSource(db: Db): SatisfactionSource {
  return {
    async ratings(scope) {
      const under = await identifiersUnder(db.kysely, scope.agency);
      const agencyIds = under && [...under];
      const counts = await satisfactionCounts(db.kysely, { from: scope.from, to: scope.to, agencyIds });
      return {
        rated: counts.reduce((sum, c) => sum + c.ratings, 0),
        dissatisfied: counts.reduce((sum, c) => sum + c.overall.dissatisfied, 0),
        dossiersWithComplaint: 0,
      };
    },
  };
}
