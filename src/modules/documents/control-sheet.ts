/** Phiếu kiểm soát quá trình giải quyết hồ sơ: every hand-over of one dossier with its deadline and outcome. */
import { type ControlSheetInput, controlSheetSchema, type Handover, parseInput } from './documents.schema.ts';
import { shortDateTime, t, vietnamDate } from './format.ts';
import { PdfWriter } from './pdf.ts';

export type HandoverOutcome = 'early' | 'onTime' | 'late' | 'pending' | 'overdue' | 'noDeadline';

/**
 * A finished step is early when done on a Vietnam day before its due day, on time when done by its due instant, late
 * after it. An unfinished step is overdue when its due instant has passed at `asOf` (the sheet's issue instant).
 */
export function handoverOutcome(handover: Handover, asOf: string): HandoverOutcome {
  const { dueAt, doneAt } = handover;
  if (!doneAt) return dueAt && Date.parse(asOf) > Date.parse(dueAt) ? 'overdue' : 'pending';
  if (!dueAt) return 'noDeadline';
  if (Date.parse(doneAt) > Date.parse(dueAt)) return 'late';
  return vietnamDate(doneAt) < vietnamDate(dueAt) ? 'early' : 'onTime';
}

export async function renderControlSheet(input: ControlSheetInput): Promise<Buffer> {
  const data = parseInput(controlSheetSchema, input);
  const title = t('documents.control.title');
  const pdf = new PdfWriter({ title, author: data.issuer.agency, createdAt: data.issuedAt });
  pdf.nationalHeader(data.issuer, data.issuedAt);
  pdf.title(title);
  pdf.line(t('documents.field.dossierCode', { code: data.dossierCode }), { style: 'bold', align: 'center', gap: 10 });
  pdf.line(t('documents.field.dossierOf', { name: data.applicant.name }));
  pdf.line(t('documents.field.procedure', { procedure: data.procedureName }));
  pdf.line(t('documents.control.leadAgency', { agency: data.leadAgency }));
  if (data.coordinatingAgencies && data.coordinatingAgencies.length > 0) {
    pdf.line(t('documents.control.coordinating', { agencies: data.coordinatingAgencies.join('; ') }));
  }
  pdf.doc.moveDown(0.5);
  pdf.table(
    [
      { header: t('documents.control.column.index'), share: 0.05, align: 'center' },
      { header: t('documents.control.column.from'), share: 0.17 },
      { header: t('documents.control.column.to'), share: 0.17 },
      { header: t('documents.control.column.handedOverAt'), share: 0.12, align: 'center' },
      { header: t('documents.control.column.dueAt'), share: 0.12, align: 'center' },
      { header: t('documents.control.column.doneAt'), share: 0.12, align: 'center' },
      { header: t('documents.control.column.result'), share: 0.12, align: 'center' },
      { header: t('documents.control.column.note'), share: 0.13 },
    ],
    data.handovers.map((handover, i) => [
      String(i + 1),
      `${handover.from.unit}\n${handover.from.officer}`,
      `${handover.to.unit}\n${handover.to.officer}`,
      shortDateTime(handover.handedOverAt),
      handover.dueAt ? shortDateTime(handover.dueAt) : '',
      handover.doneAt ? shortDateTime(handover.doneAt) : '',
      t(`documents.control.result.${handoverOutcome(handover, data.issuedAt)}`),
      handover.note ?? '',
    ]),
    8.5,
  );
  return pdf.finish();
}
