/**
 * The applicant's copy of an online application: everything submitted — the e-form answers section by section, the
 * documents (marked when reused from an earlier dossier) and the chosen delivery — under the dossier code.
 */
import type { FormField } from '../catalog/catalog.schema.ts';
import type { AddressValue, FormValue } from '../catalog/form-values.ts';
import type { DossierDetail } from '../dossiers/dossiers.schema.ts';
import { t, writtenDate, writtenDateTime } from './format.ts';
import { PdfWriter } from './pdf.ts';
import { trackingUrl } from './qr.ts';

export interface ApplicationCopyInput {
  dossier: Pick<
    DossierDetail,
    'code' | 'submittedAt' | 'dueDate' | 'applicant' | 'form' | 'components' | 'delivery' | 'definition' | 'procedure'
  >;
  /** The documents by component, with their file names. */
  documents: { component: string; files: { name: string; reused: boolean }[] }[];
  baseUrl: string;
}

function valueText(field: FormField, value: FormValue | undefined): string {
  if (value === undefined) return '';
  if (field.type === 'checkbox') return t(value === true ? 'portalApply.yes' : 'portalApply.no');
  if (field.type === 'select') return field.options.find((o) => o.value === value)?.label.vi ?? String(value);
  if (field.type === 'address') {
    const address = value as AddressValue;
    return [address.detail, address.commune, address.province].filter(Boolean).join(', ');
  }
  if (field.type === 'table' && Array.isArray(value)) {
    return value
      .map((row) =>
        field.columns
          .map((c) => row[c.key])
          .filter((cell) => cell !== undefined && cell !== '')
          .join(' – '),
      )
      .join('; ');
  }
  return String(value);
}

export async function renderApplicationCopy(input: ApplicationCopyInput): Promise<Buffer> {
  const { dossier } = input;
  const title = t('portalApply.copy.title');
  const pdf = new PdfWriter({ title, author: dossier.procedure.name, createdAt: dossier.submittedAt });
  pdf.title(title);
  pdf.line(t('portalApply.copy.code', { code: dossier.code }), { style: 'bold', align: 'center', gap: 10 });
  pdf.line(t('portalApply.copy.procedure', { procedure: dossier.procedure.name }));
  pdf.line(t('portalApply.copy.case', { name: dossier.definition.case.name }));
  pdf.line(t('portalApply.copy.submittedAt', { dateTime: writtenDateTime(dossier.submittedAt) }));
  pdf.line(
    dossier.dueDate
      ? t('portalApply.copy.due', { date: writtenDate(dossier.dueDate) })
      : t('portalApply.done.dueLater'),
    { gap: 8 },
  );
  for (const section of dossier.definition.case.form.sections) {
    const rows = section.fields
      .map((field) => [field.label.vi, valueText(field, dossier.form[field.key])] as const)
      .filter(([, value]) => value !== '');
    if (rows.length === 0) continue;
    pdf.line(section.title.vi, { style: 'bold' });
    pdf.table(
      [
        { header: t('portalApply.copy.column.question'), share: 0.4 },
        { header: t('portalApply.copy.column.answer'), share: 0.6 },
      ],
      rows,
    );
  }
  pdf.line(t('portalApply.files.title'), { style: 'bold' });
  pdf.table(
    [
      { header: t('portalApply.copy.column.component'), share: 0.45 },
      { header: t('portalApply.copy.column.files'), share: 0.55 },
    ],
    input.documents.map((d) => [
      d.component,
      d.files.map((f) => (f.reused ? `${f.name} (${t('portalApply.files.reused')})` : f.name)).join('\n'),
    ]),
  );
  const delivery = dossier.delivery;
  pdf.line(
    t('portalApply.copy.delivery', {
      method:
        delivery.method === 'postal'
          ? `${t('portalApply.delivery.postal')}: ${delivery.address}`
          : t(`portalApply.delivery.${delivery.method}`),
    }),
  );
  pdf.line(t('portalApply.copy.track', { url: trackingUrl(input.baseUrl, dossier.code) }), { style: 'italic' });
  return pdf.finish();
}
