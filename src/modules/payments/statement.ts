/**
 * Bank-statement lines (CSV exported from the agency's account) read into transfers: each line's message is searched
 * for a dossier code (as the VietQR message carries it), and the line's bank reference keeps a re-import from booking
 * twice. Parsing uses exceljs's CSV reader; columns are found by their header, in Vietnamese or English.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface StatementLine {
  /** 1-based line number in the file, header included. */
  line: number;
  reference: string;
  amount: number | null;
  description: string;
  /** The dossier code found in the message, if any. */
  dossierCode: string | null;
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

/** A dossier code: `{agency identifier}-{yyMMdd}-{NNNN}`, e.g. `000.00.01.H08-261127-0001`. */
const DOSSIER_CODE = /([0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4})-(\d{6})-(\d{4})/i;

function amountOf(text: string): number | null {
  const digits = text.replace(/[.,\s]/g, '').replace(/(VND|đ)$/i, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : null;
}

export class StatementFormatError extends Error {
  override name = 'StatementFormatError';
}

export async function readStatement(csv: Buffer): Promise<StatementLine[]> {
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
    const match = DOSSIER_CODE.exec(description);
    lines.push({
      line: number,
      reference: cell(columns.reference),
      amount: amountOf(cell(columns.amount)),
      description,
      dossierCode: match ? `${match[1]?.toUpperCase()}-${match[2]}-${match[3]}` : null,
    });
  });
  return lines;
}
