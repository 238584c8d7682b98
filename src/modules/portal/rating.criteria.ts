/**
 * The per-dossier rating of Circular 01/2018's scoring tool (DOMAIN.md §6.1): nine criteria scored 2, 1 or 0 points
 * (18 at most) and two questions answered very satisfied / satisfied / dissatisfied. Each criterion's question and
 * answers are the i18n keys `portal.rating.criterion.{key}` and `portal.rating.criterion.{key}.{points}`.
 */
export const ratingCriteria = [
  // 1. Total processing time against the legal limit.
  'processingTime',
  // 2. Time of each participating agency against its limit.
  'agencyTime',
  // 3. Contacts with the reception point to complete the dossier.
  'contacts',
  // 4. Agencies contacted to complete the dossier.
  'agenciesContacted',
  // 5. Reception, processing and return organised at the one-stop unit (1- and 0-point wording to verify).
  'oneStop',
  // 6. Publicity of the procedure.
  'publicity',
  // 7. Officer attitude.
  'attitude',
  // 8. Handling of feedback and petitions.
  'feedback',
  // 9. Progress and quality of the online service.
  'online',
] as const;
export type RatingCriterion = (typeof ratingCriteria)[number];

/** Points a criterion may score, best first (the order of the answers on the form). */
export const criterionPoints = [2, 1, 0] as const;
export const RATING_MAX = ratingCriteria.length * criterionPoints[0];

/** Answers to the two overall questions: convenience (10) and overall (11). */
export const satisfactionAnswers = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type SatisfactionAnswer = (typeof satisfactionAnswers)[number];
