/** Sổ theo dõi hồ sơ: the dossiers received in a date range, as a landscape PDF table and as an Excel workbook. */
import ExcelJS from 'exceljs';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { parseInput, type RegisterEntry, type RegisterInput, registerSchema } from './documents.schema.ts';
import { breakableCode, shortDate, shortDateTime, t } from './format.ts';
import { type Column, PdfWriter, upper } from './pdf.ts';

interface RegisterColumn extends Column {
  /** Excel column width, in characters. */
  excelWidth: number;
  value(entry: RegisterEntry, index: number): string | number | Date | undefined;
  /** The instant shown, for date columns: a real Excel date in the workbook, `dd/mm/yyyy hh:mm` in the PDF. */
  instant?: (entry: RegisterEntry) => string | undefined;
}

const contact = (entry: RegisterEntry) =>
  [entry.applicant.address, entry.applicant.phone].filter((part) => part !== undefined).join('; ');

const dateColumn = (key: string, share: number, instant: (entry: RegisterEntry) => string | undefined) => ({
  header: t(`documents.register.column.${key}`),
  share,
  align: 'center' as const,
  excelWidth: 17,
  instant,
  value: (entry: RegisterEntry) => {
    const at = instant(entry);
    return at === undefined ? undefined : excelWallClock(at);
  },
});

const CODE_COLUMN: RegisterColumn = {
  header: t('documents.register.column.dossierCode'),
  share: 0.12,
  excelWidth: 27,
  value: (entry) => entry.dossierCode,
};

const COLUMNS: readonly RegisterColumn[] = [
  {
    header: t('documents.register.column.index'),
    share: 0.035,
    align: 'center',
    excelWidth: 6,
    value: (_, i) => i + 1,
  },
  CODE_COLUMN,
  { header: t('documents.register.column.procedure'), share: 0.14, excelWidth: 45, value: (e) => e.procedureName },
  { header: t('documents.register.column.applicant'), share: 0.1, excelWidth: 26, value: (e) => e.applicant.name },
  { header: t('documents.register.column.contact'), share: 0.115, excelWidth: 36, value: contact },
  {
    header: t('documents.register.column.handlingAgency'),
    share: 0.11,
    excelWidth: 30,
    value: (e) => e.handlingAgency,
  },
  dateColumn('receivedAt', 0.075, (e) => e.receivedAt),
  dateColumn('appointmentAt', 0.075, (e) => e.appointmentAt),
  dateColumn('returnedAt', 0.075, (e) => e.returnedAt),
  { header: t('documents.register.column.status'), share: 0.085, excelWidth: 22, value: statusName },
  { header: t('documents.register.column.note'), share: 0.07, excelWidth: 24, value: (e) => e.note },
];

function statusName(entry: RegisterEntry): string {
  return t(`documents.status.${entry.status}`);
}

function rangeText(register: RegisterInput): string {
  return t('documents.register.range', { from: shortDate(register.from), to: shortDate(register.to) });
}

export async function renderRegisterPdf(input: RegisterInput): Promise<Buffer> {
  const data = parseInput(registerSchema, input);
  const title = t('documents.register.title');
  const pdf = new PdfWriter({ title, author: data.issuer.agency, createdAt: data.generatedAt, landscape: true });
  pdf.nationalHeader(data.issuer, data.generatedAt);
  pdf.title(title);
  pdf.line(rangeText(data), { align: 'center', style: 'italic' });
  pdf.line(t('documents.register.count', { count: data.entries.length }), { align: 'center', gap: 8 });
  if (data.entries.length === 0) {
    pdf.line(t('documents.register.empty'), { align: 'center' });
  } else {
    const rows = data.entries.map((entry, index) =>
      COLUMNS.map((column) => {
        if (column.instant) {
          const at = column.instant(entry);
          return at === undefined ? '' : shortDateTime(at);
        }
        const value = column.value(entry, index) ?? '';
        return column === CODE_COLUMN ? breakableCode(String(value)) : String(value);
      }),
    );
    pdf.table(COLUMNS, rows, 8);
  }
  return pdf.finish();
}

const HEADER_ROW = 5;

/**
 * The register as a workbook: title, agency and range rows, a frozen header row on row 5 (also repeated on every
 * printed page), then one row per dossier with the dates as real Excel dates in Vietnam time.
 */
export async function renderRegisterXlsx(input: RegisterInput): Promise<Buffer> {
  const data = parseInput(registerSchema, input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = data.issuer.agency;
  workbook.created = new Date(data.generatedAt);
  workbook.modified = new Date(data.generatedAt);
  const sheet = workbook.addWorksheet(t('documents.register.sheetName'), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.excelWidth }));
  const lastColumn = sheet.getColumn(COLUMNS.length).letter;

  const titled = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    sheet.mergeCells(`A${row}:${lastColumn}${row}`);
    const cell = sheet.getCell(`A${row}`);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center' };
  };
  titled(1, upper(t('documents.register.title')), { bold: true, size: 14 });
  titled(2, upper(data.issuer.agency), { bold: true });
  titled(3, rangeText(data), { italic: true });

  const header = sheet.getRow(HEADER_ROW);
  header.values = COLUMNS.map((column) => column.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = thinBorder;
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: COLUMNS.length } };

  data.entries.forEach((entry, index) => {
    const row = sheet.getRow(HEADER_ROW + 1 + index);
    row.values = COLUMNS.map((column) => column.value(entry, index) ?? null);
    row.alignment = { vertical: 'top', wrapText: true };
    COLUMNS.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = thinBorder;
      if (column.instant) cell.numFmt = 'dd/mm/yyyy hh:mm';
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const thin = { style: 'thin' } as const;
const thinBorder: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Excel dates carry no time zone; exceljs writes a `Date` by its UTC fields. The Vietnam wall-clock time expressed as
 * UTC therefore shows as Vietnam time in the sheet.
 */
function excelWallClock(instant: string): Date {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  return new Date(Date.parse(`${date}T00:00:00Z`) + msOfDay);
}
