/**
 * The lookup form's checks: the page's route and the browser's inline validation both run these, so both say the
 * same. Free of server-only imports (bundled into the citizen pages' script).
 */
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import { formatDossierCode, parseDossierCode } from '../dossiers/dossier-code.ts';

const VERIFIER = /^\d{4}$/;

/** Every message the checks can give, for a page that shows them without asking the server. */
export const LOOKUP_MESSAGE_KEYS = [
  'dossiers.errors.codeEmpty',
  'dossiers.errors.codeSeparators',
  'dossiers.errors.codeAgency',
  'dossiers.errors.codeDate',
  'dossiers.errors.codeSequence',
  'portal.track.verifierInvalid',
] as const;

export function isVerifier(text: string): boolean {
  return VERIFIER.test(text);
}

/** The canonical form of a typed or scanned code (upper-case agency identifier), or the reason it is not one. */
export function canonicalCode(text: string): string {
  const parsed = parseDossierCode(text);
  return formatDossierCode(parsed.agencyIdentifier, parsed.date, parsed.sequence, parsed.sequenceDigits);
}

/** What is wrong with a lookup's code and four digits, field by field (`code`, `verifier`). */
export function lookupProblems(values: { code: string; verifier: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  try {
    canonicalCode(values.code.trim());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.fields);
  }
  if (!isVerifier(values.verifier.trim()))
    problems.push({ path: 'verifier', messageKey: 'portal.track.verifierInvalid' });
  return problems;
}
