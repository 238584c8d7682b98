/**
 * Dossier codes `{agency identifier}-{yyMMdd}-{NNNN}` (DOMAIN.md §3.1), e.g. `H15.50.05.13-261008-0975`. The date is
 * the reception date in Vietnam time, read as 20yy. The sequence has 4 digits (0001–9999), or 5–7 for high-volume and
 * ministry systems, whose leading zeros carry meaning: parsing keeps the digit count so formatting gives the text back.
 */
import { ValidationError } from '../../lib/errors.ts';
import { parseIsoDate } from '../../lib/vn-time.ts';

export interface DossierCode {
  agencyIdentifier: string;
  /** Reception date, `YYYY-MM-DD` (Vietnam time). */
  date: string;
  sequence: number;
  /** Digits the sequence is written with, 4–7. */
  sequenceDigits: number;
}

const PROVINCE = 'H(?:0[1-9]|[1-9]\\d)';
const UNIT = '\\d{2,3}';
/** QCVN 102:2016 style: four dot-separated levels, the province (`H` + 2 digits) first or last. */
const AGENCY_IDENTIFIER = new RegExp(`^(?:${PROVINCE}(?:\\.${UNIT}){3}|(?:${UNIT}\\.){3}${PROVINCE})$`);
const DATE_PART = /^(\d{2})(\d{2})(\d{2})$/;
const SEQUENCE_PART = /^\d{4,7}$/;
const MIN_DIGITS = 4;
const MAX_DIGITS = 7;

/** Whether `text` is an agency identifier in canonical (upper-case) form, e.g. `000.00.04.H56` or `H15.50.05.13`. */
export function isAgencyIdentifier(text: string): boolean {
  return AGENCY_IDENTIFIER.test(text);
}

export function formatDossierCode(
  agencyIdentifier: string,
  receivedDate: string,
  sequence: number,
  sequenceDigits = MIN_DIGITS,
): string {
  const agency = agencyIdentifier.trim().toUpperCase();
  if (!isAgencyIdentifier(agency)) throw codeError('agencyIdentifier', 'dossiers.errors.codeAgency', agencyIdentifier);
  if (parseIsoDate(receivedDate) === undefined || !receivedDate.startsWith('20')) {
    throw codeError('receivedDate', 'dossiers.errors.codeDate', receivedDate);
  }
  const digits = String(sequence).padStart(sequenceDigits, '0');
  const digitsOk = Number.isInteger(sequenceDigits) && sequenceDigits >= MIN_DIGITS && digits.length <= MAX_DIGITS;
  if (!Number.isInteger(sequence) || sequence < 1 || !digitsOk)
    throw codeError('sequence', 'dossiers.errors.codeSequence', digits);
  return `${agency}-${receivedDate.slice(2).replaceAll('-', '')}-${digits}`;
}

/** Reads a dossier code, ignoring surrounding whitespace and the case of the agency identifier. */
export function parseDossierCode(text: string): DossierCode {
  const code = text.trim();
  if (code === '') throw codeError('code', 'dossiers.errors.codeEmpty');
  const parts = code.split('-');
  if (parts.length !== 3 || /\s/.test(code)) throw codeError('code', 'dossiers.errors.codeSeparators', code);
  const [agencyPart, datePart, sequencePart] = parts as [string, string, string];
  const agencyIdentifier = agencyPart.toUpperCase();
  if (!isAgencyIdentifier(agencyIdentifier)) throw codeError('code', 'dossiers.errors.codeAgency', agencyPart);
  const match = DATE_PART.exec(datePart);
  const date = match ? `20${match[1]}-${match[2]}-${match[3]}` : '';
  if (parseIsoDate(date) === undefined) throw codeError('code', 'dossiers.errors.codeDate', datePart);
  const sequence = Number(sequencePart);
  if (!SEQUENCE_PART.test(sequencePart) || sequence === 0)
    throw codeError('code', 'dossiers.errors.codeSequence', sequencePart);
  return { agencyIdentifier, date, sequence, sequenceDigits: sequencePart.length };
}

function codeError(path: string, messageKey: string, value?: string): ValidationError {
  return new ValidationError([{ path, messageKey, ...(value !== undefined && { params: { value } }) }]);
}
