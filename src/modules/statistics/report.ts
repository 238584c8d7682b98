/**
 * The periodic report on the results of handling administrative procedures (Mẫu 06, Circular 01/2020/TT-VPCP; the
 * columns of DOMAIN.md §7): one row per agency, field or procedure, a total row, as a workbook, a PDF with the
 * national header, and CSV. Official documents are in Vietnamese.
 */
import ExcelJS from 'exceljs';
import { translator } from '../../web/i18n/index.ts';
import type { Issuer } from '../documents/documents.schema.ts';
import { shortDate, vietnamDate } from '../documents/format.ts';
import { type Column, PdfWriter, upper } from '../documents/pdf.ts';
import type { Figures, Summary } from './statistics.service.ts';

const t = translator('vi');

interface ReportColumn {
  key: string;
  group: 'received' | 'resolved' | 'inProgress' | null;
  value: (f: Figures) => number;
}

/** The figure columns, left to right. "Total received" counts what was carried over too. */
export const reportColumns: readonly ReportColumn[] = [
  { key: 'receivedTotal', group: 'received', value: (f) => f.received + f.carriedOver },
  { key: 'online', group: 'received', value: (f) => f.receivedOnline },
  { key: 'inPerson', group: 'received', value: (f) => f.receivedInPerson },
  { key: 'postal', group: 'received', value: (f) => f.receivedPostal },
  { key: 'carriedOver', group: 'received', value: (f) => f.carriedOver },
  { key: 'resolvedTotal', group: 'resolved', value: (f) => f.resolved },
  { key: 'early', group: 'resolved', value: (f) => f.resolvedEarly },
  { key: 'onTime', group: 'resolved', value: (f) => f.resolvedOnTime },
  { key: 'late', group: 'resolved', value: (f) => f.resolvedLate },
  { key: 'inProgressTotal', group: 'inProgress', value: (f) => f.inProgress },
  { key: 'within', group: 'inProgress', value: (f) => f.inProgressWithin },
  { key: 'overdue', group: 'inProgress', value: (f) => f.overdue },
  { key: 'stopped', group: null, value: (f) => f.stopped },
  { key: 'withdrawn', group: null, value: (f) => f.withdrawn },
];
const groups = ['received', 'resolved', 'inProgress'] as const;

export interface ReportInput {
  summary: Summary;
  issuer: Issuer;
  /** When the figures were read (ISO instant): the date line of the document. */
  generatedAt: string;
}

export interface ReportTable {
  rows: { index: string; name: string; values: number[] }[];
  total: number[];
}

export function reportTable(summary: Summary): ReportTable {
  return {
    rows: summary.groups.map((g, i) => ({
      index: String(i + 1),
      name: g.name,
      values: reportColumns.map((c) => c.value(g)),
    })),
    total: reportColumns.map((c) => c.value(summary.totals)),
  };
}

const columnTitle = (c: ReportColumn) => t(`statistics.report.col.${c.key}`);
const groupTitle = (g: (typeof groups)[number]) => t(`statistics.report.group.${g}`);
const periodLine = (s: Summary) => t('statistics.report.period', { from: shortDate(s.from), to: shortDate(s.to) });

export function renderReportCsv(summary: Summary): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = [
    t('statistics.report.index'),
    t('statistics.report.name'),
    ...reportColumns.map((c) => (c.group ? `${groupTitle(c.group)} - ${columnTitle(c)}` : columnTitle(c))),
  ];
  const table = reportTable(summary);
  const lines = [
    header,
    ...table.rows.map((r) => [r.index, r.name, ...r.values]),
    ['', t('statistics.report.total'), ...table.total],
  ];
  // A byte-order mark so that spreadsheet programs read the Vietnamese letters as UTF-8.
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

const HEADER_TOP = 6;

export async function renderReportXlsx({ summary, issuer, generatedAt }: ReportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = issuer.agency;
  workbook.created = new Date(generatedAt);
  workbook.modified = new Date(generatedAt);
  const sheet = workbook.addWorksheet(t('statistics.report.sheet'), {
    views: [{ state: 'frozen', ySplit: HEADER_TOP + 1, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = 2 + reportColumns.length;
  sheet.columns = [{ width: 6 }, { width: 48 }, ...reportColumns.map(() => ({ width: 11 }))];
  const last = sheet.getColumn(width).letter;
  const line = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    sheet.mergeCells(`A${row}:${last}${row}`);
    const cell = sheet.getCell(`A${row}`);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center' };
  };
  line(1, upper(t('documents.header.nation')), { bold: true });
  line(2, t('documents.header.motto'), { bold: true });
  line(3, upper(t('statistics.report.title')), { bold: true, size: 14 });
  line(4, t('statistics.report.issuer', { agency: issuer.agency }), { bold: true });
  line(5, periodLine(summary), { italic: true });

  // Two header rows: the column groups merged over their columns, then the columns.
  const top = HEADER_TOP;
  const sub = HEADER_TOP + 1;
  const headerCell = (address: string, text: string) => {
    const cell = sheet.getCell(address);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = thinBorder;
  };
  const letter = (i: number) => sheet.getColumn(i + 3).letter;
  sheet.mergeCells(`A${top}:A${sub}`);
  headerCell(`A${top}`, t('statistics.report.index'));
  sheet.mergeCells(`B${top}:B${sub}`);
  headerCell(`B${top}`, t('statistics.report.name'));
  reportColumns.forEach((c, i) => {
    if (c.group === null) {
      sheet.mergeCells(`${letter(i)}${top}:${letter(i)}${sub}`);
      headerCell(`${letter(i)}${top}`, columnTitle(c));
      return;
    }
    headerCell(`${letter(i)}${sub}`, columnTitle(c));
  });
  for (const g of groups) {
    const first = reportColumns.findIndex((c) => c.group === g);
    const lastIndex = reportColumns.findLastIndex((c) => c.group === g);
    sheet.mergeCells(`${letter(first)}${top}:${letter(lastIndex)}${top}`);
    headerCell(`${letter(first)}${top}`, groupTitle(g));
  }
  sheet.getRow(sub).height = 30;

  const table = reportTable(summary);
  const body = [
    ...table.rows.map((r) => [r.index, r.name, ...r.values]),
    ['', t('statistics.report.total'), ...table.total],
  ];
  body.forEach((values, i) => {
    const row = sheet.getRow(sub + 1 + i);
    row.values = values;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = thinBorder;
    });
    if (i === body.length - 1) row.font = { bold: true };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const thin = { style: 'thin' } as const;
const thinBorder: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const NAME_SHARE = 0.2;
const INDEX_SHARE = 0.04;
const VALUE_SHARE = (1 - NAME_SHARE - INDEX_SHARE) / reportColumns.length;

export async function renderReportPdf({ summary, issuer, generatedAt }: ReportInput): Promise<Buffer> {
  const title = t('statistics.report.title');
  const pdf = new PdfWriter({ title, author: issuer.agency, createdAt: generatedAt, landscape: true });
  pdf.nationalHeader(issuer, generatedAt);
  pdf.title(title);
  pdf.line(periodLine(summary), { align: 'center', style: 'italic', gap: 8 });
  const table = reportTable(summary);
  if (table.rows.length === 0) pdf.line(t('statistics.report.empty'), { align: 'center', gap: 8 });
  // The column groups as a header of their own over the columns they span.
  const spans: Column[] = [{ header: '', share: INDEX_SHARE + NAME_SHARE }];
  for (const g of groups) {
    spans.push({ header: groupTitle(g), share: VALUE_SHARE * reportColumns.filter((c) => c.group === g).length });
  }
  spans.push({ header: '', share: VALUE_SHARE * reportColumns.filter((c) => c.group === null).length });
  pdf.table(spans, [], 7.5);
  pdf.doc.y -= 8;
  const columns: Column[] = [
    { header: t('statistics.report.index'), share: INDEX_SHARE, align: 'center' },
    { header: t('statistics.report.name'), share: NAME_SHARE },
    ...reportColumns.map((c) => ({ header: columnTitle(c), share: VALUE_SHARE, align: 'right' as const })),
  ];
  const rows = [
    ...table.rows.map((r) => [r.index, r.name, ...r.values.map(String)]),
    ['', t('statistics.report.total'), ...table.total.map(String)],
  ];
  pdf.table(columns, rows, 7.5);
  pdf.line(t('statistics.report.generated', { at: shortDate(vietnamDate(generatedAt)) }), { style: 'italic' });
  return pdf.finish();
}
