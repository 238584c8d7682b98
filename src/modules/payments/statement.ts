/**
 * Bank-statement lines (CSV exported from the agency's account) read into transfers: each line's message is searched
 * for a dossier code (as the VietQR message carries it), and the line's bank reference keeps a re-import from booking
 * twice. Parsing uses exceljs's CSV reader; columns are found by their header, in Vietnamese or English.
 *
 * Banks mangle transfer messages: they drop '-' (and often '.'), put spaces instead, change the case, add their own
 * text. So the message is compared without separators against the known agency identifiers, each followed by the
 * code's date and sequence; a message naming two different dossiers is left for the manual match.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface StatementLine {
  /** 1-based line number in the file, header included. */
  line: number;
  reference: string;
  amount: number | null;
  description: string;
  /** The dossier code found in the message: only when it names exactly one. */
  dossierCode: string | null;
  /** Every distinct dossier code the message seems to name (more than one: ambiguous, matched by hand). */
  candidates: string[];
}

const HEADERS = {
  reference: ['ma giao dich', 'so tham chieu', 'reference', 'ref'],
  amount: ['so tien', 'so tien ghi co', 'amount', 'credit'],
  description: ['noi dung', 'dien giai', 'description', 'message'],
} as const;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();

const compact = (text: string) =>
  fold(text)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');

/** `yyMMdd` with a real month and day (the code's reception date). */
const DATE_AND_SEQUENCE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4}/;

/**
 * The dossier codes (`{agency identifier}-{yyMMdd}-{NNNN}`, e.g. `000.00.01.H08-261127-0001`) a transfer message
 * names, however the bank wrote its separators and case. `agencyIdentifiers` are the electronic identifiers codes may
 * start with; where two identifiers match at overlapping places the longer one wins.
 */
export function dossierCodesIn(message: string, agencyIdentifiers: readonly string[]): string[] {
  const text = compact(message);
  const identifiers = [...new Set(agencyIdentifiers)]
    .map((identifier) => ({ identifier, key: compact(identifier) }))
    .filter((i) => i.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length);
  const found: { at: number; end: number; code: string }[] = [];
  for (const { identifier, key } of identifiers) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      const end = at + key.length + 10;
      const rest = DATE_AND_SEQUENCE.exec(text.slice(at + key.length, end))?.[0];
      if (!rest || found.some((f) => at < f.end && end > f.at)) continue;
      found.push({ at, end, code: `${identifier}-${rest.slice(0, 6)}-${rest.slice(6)}` });
    }
  }
  // In the order the message names them.
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.code))];
}

function amountOf(text: string): number | null {
  const digits = text.replace(/[.,\s]/g, '').replace(/(VND|đ)$/i, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : null;
}

export class StatementFormatError extends Error {
  override name = 'StatementFormatError';
}

/** Reads a statement; `agencyIdentifiers` are those dossier codes may start with (see `dossierCodesIn`). */
export async function readStatement(csv: Buffer, agencyIdentifiers: readonly string[]): Promise<StatementLine[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([csv.toString('utf8').replace(/^\uFEFF/, '')]), {
    // Keep every cell as text: long bank references are not numbers.
    map: (value: string) => value,
    parserOptions: { delimiter: csv.includes(';'.charCodeAt(0)) && !csv.includes(','.charCodeAt(0)) ? ';' : ',' },
  });
  const header = (sheet.getRow(1).values as unknown[]).map((v) => fold(String(v ?? '')));
  const column = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const columns = {
    reference: column(HEADERS.reference),
    amount: column(HEADERS.amount),
    description: column(HEADERS.description),
  };
  if (Object.values(columns).some((index) => index < 1)) throw new StatementFormatError('missing columns');
  const lines: StatementLine[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cell = (index: number) => String(row.getCell(index).value ?? '').trim();
    const description = cell(columns.description);
    const candidates = dossierCodesIn(description, agencyIdentifiers);
    lines.push({
      line: number,
      reference: cell(columns.reference),
      amount: amountOf(cell(columns.amount)),
      description,
      dossierCode: candidates.length === 1 ? (candidates[0] ?? null) : null,
      candidates,
    });
  });
  return lines;
}
