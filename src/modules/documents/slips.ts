/**
 * The one-stop shop's slips about one dossier (DOMAIN.md §2): receipt with appointment (form 01), supplement request
 * (02), refusal (03), apology with a new date (04) and the stop notice. Each validates its input and returns a PDF.
 */
import { formatVnd, vndInWords } from '../../lib/money.ts';
import type { DocumentMessageKey } from '../../web/i18n/documents.ts';
import {
  type ApologyInput,
  apologySchema,
  parseInput,
  type ReceiptInput,
  type RefusalInput,
  type ResultDelivery,
  receiptSchema,
  refusalSchema,
  type SlipBase,
  type StopNoticeInput,
  type SupplementRequestInput,
  stopNoticeSchema,
  supplementRequestSchema,
} from './documents.schema.ts';
import { t, vietnamDate, writtenDate, writtenDateTime } from './format.ts';
import { PdfWriter } from './pdf.ts';
import { type QrGenerator, qrPng, trackingUrl } from './qr.ts';

const QR_SIZE = 85;

export interface ReceiptOptions {
  qrCode?: QrGenerator;
}

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code to the public lookup page. */
export async function renderReceipt(input: ReceiptInput, options: ReceiptOptions = {}): Promise<Buffer> {
  const data = parseInput(receiptSchema, input);
  const url = trackingUrl(data.baseUrl, data.dossierCode);
  const qr = await (options.qrCode ?? qrPng)(url);
  const pdf = slip(data, 'documents.receipt.title', 'documents.field.applicant');
  const items = numbering(pdf);

  items.next(t('documents.receipt.components'));
  pdf.table(
    [
      { header: t('documents.receipt.column.index'), share: 0.07, align: 'center' },
      { header: t('documents.receipt.column.name'), share: 0.5 },
      { header: t('documents.receipt.column.originals'), share: 0.12, align: 'center' },
      { header: t('documents.receipt.column.copies'), share: 0.12, align: 'center' },
      { header: t('documents.receipt.column.note'), share: 0.19 },
    ],
    data.components.map((component, i) => [
      String(i + 1),
      component.name,
      String(component.originals),
      String(component.copies),
      component.note ?? '',
    ]),
  );
  items.next(t('documents.receipt.receivedAt', { dateTime: writtenDateTime(data.receivedAt) }));
  items.next(t('documents.receipt.appointmentAt', { dateTime: writtenDateTime(data.appointmentAt) }), 'bold');
  items.next(t('documents.receipt.delivery', { method: deliveryText(data.resultDelivery) }));
  if (data.fees && data.fees.length > 0) {
    const total = data.fees.reduce((sum, fee) => sum + fee.amount, 0);
    items.next(t('documents.receipt.fees', { amount: formatVnd(total), words: vndInWords(total) }));
    for (const fee of data.fees) {
      pdf.line(`- ${t('documents.receipt.fee', { name: fee.name, amount: formatVnd(fee.amount) })}`, { indent: 16 });
    }
  }

  const { doc } = pdf;
  pdf.ensureSpace(QR_SIZE + 12);
  const top = doc.y + 4;
  doc.image(qr, pdf.left, top, { width: QR_SIZE, height: QR_SIZE });
  pdf.font('italic', 10);
  const captionX = pdf.left + QR_SIZE + 10;
  const captionWidth = pdf.width - QR_SIZE - 10;
  doc.text(t('documents.receipt.qrCaption'), captionX, top + 18, { width: captionWidth });
  pdf.font('regular', 10);
  doc.text(url, captionX, doc.y + 2, { width: captionWidth });
  doc.y = Math.max(doc.y, top + QR_SIZE) + 6;

  pdf.signatures([
    { title: t('documents.receipt.applicantSigner'), hint: t('documents.signHint'), name: data.applicant.name },
    { title: t('documents.receipt.officerSigner'), hint: t('documents.signHint'), name: data.officerName },
  ]);
  return pdf.finish();
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — everything missing in one list, each with its reason. */
export async function renderSupplementRequest(input: SupplementRequestInput): Promise<Buffer> {
  const data = parseInput(supplementRequestSchema, input);
  const pdf = slip(data, 'documents.supplement.title', 'documents.field.dossierOf');
  pdf.line(t('documents.supplement.lead'), { style: 'bold' });
  data.items.forEach((item, i) => {
    pdf.line(`${i + 1}. ${item.name}`, { indent: 16, gap: 1 });
    pdf.line(t('documents.supplement.reason', { reason: item.reason }), { style: 'italic', indent: 32 });
  });
  const { officer } = data;
  const contact = [
    officer.name,
    officer.phone && t('documents.supplement.contactPhone', { phone: officer.phone }),
    officer.email && t('documents.supplement.contactEmail', { email: officer.email }),
  ];
  pdf.line(t('documents.supplement.contact', { officer: contact.filter(Boolean).join(', ') }));
  pdf.signatures([{ title: t('documents.supplement.signer'), hint: t('documents.signHint'), name: officer.name }]);
  return pdf.finish();
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusal(input: RefusalInput): Promise<Buffer> {
  const data = parseInput(refusalSchema, input);
  const pdf = slip(data, 'documents.refusal.title', 'documents.field.applicant');
  pdf.line(t('documents.refusal.body', { agency: data.issuer.agency }));
  pdf.line(t('documents.refusal.reason', { reason: data.reason }), { style: 'bold' });
  pdf.line(t('documents.refusal.closing'));
  pdf.signatures([{ title: t('documents.refusal.signer'), hint: t('documents.signHint'), name: data.officerName }]);
  return pdf.finish();
}

/** Form 04: Văn bản xin lỗi và hẹn lại ngày trả kết quả. */
export async function renderApology(input: ApologyInput): Promise<Buffer> {
  const data = parseInput(apologySchema, input);
  const pdf = slip(data, 'documents.apology.title');
  const agency = data.issuer.agency;
  pdf.line(
    t('documents.apology.received', {
      date: writtenDate(vietnamDate(data.receivedAt)),
      agency,
      name: data.applicant.name,
    }),
  );
  pdf.line(t('documents.apology.previous', { dateTime: writtenDateTime(data.previousAppointmentAt) }));
  pdf.line(t('documents.apology.late', { agency }));
  pdf.line(t('documents.apology.reason', { reason: data.reason }), { style: 'bold' });
  pdf.line(t('documents.apology.promise', { agency, dateTime: writtenDateTime(data.newAppointmentAt) }));
  pdf.line(t('documents.apology.closing'));
  pdf.signatures([{ title: data.signer.title, hint: t('documents.signSealHint'), name: data.signer.name }]);
  return pdf.finish();
}

/** Thông báo dừng giải quyết hồ sơ. */
export async function renderStopNotice(input: StopNoticeInput): Promise<Buffer> {
  const data = parseInput(stopNoticeSchema, input);
  const pdf = slip(data, 'documents.stop.title', 'documents.field.dossierOf');
  pdf.line(t('documents.stop.body', { agency: data.issuer.agency, date: writtenDate(vietnamDate(data.stoppedAt)) }));
  pdf.line(t('documents.stop.reason', { reason: data.reason }), { style: 'bold' });
  pdf.line(t('documents.stop.closing'));
  pdf.signatures([{ title: data.signer.title, hint: t('documents.signSealHint'), name: data.signer.name }]);
  return pdf.finish();
}

/** Header, title, dossier code and the applicant block common to every slip. */
function slip(data: SlipBase, titleKey: DocumentMessageKey, applicantKey?: DocumentMessageKey): PdfWriter {
  const title = t(titleKey);
  const pdf = new PdfWriter({ title, author: data.issuer.agency, createdAt: data.issuedAt });
  pdf.nationalHeader(data.issuer, data.issuedAt, data.number);
  pdf.title(title);
  pdf.line(t('documents.field.dossierCode', { code: data.dossierCode }), { style: 'bold', align: 'center', gap: 10 });
  const { applicant } = data;
  if (applicantKey) {
    pdf.line(t(applicantKey, { name: applicant.name }));
    if (applicant.address) pdf.line(t('documents.field.address', { address: applicant.address }));
    const contact = [
      applicant.phone && t('documents.field.phone', { phone: applicant.phone }),
      applicant.email && t('documents.field.email', { email: applicant.email }),
    ].filter(Boolean);
    if (contact.length > 0) pdf.line(contact.join('; '));
  }
  pdf.line(t('documents.field.procedure', { procedure: data.procedureName }), { gap: 8 });
  return pdf;
}

/** Writes `1. …`, `2. …` paragraphs. */
function numbering(pdf: PdfWriter) {
  let count = 0;
  return {
    next(text: string, style: 'regular' | 'bold' = 'regular') {
      count += 1;
      pdf.line(`${count}. ${text}`, { style });
    },
  };
}

function deliveryText(delivery: ResultDelivery): string {
  switch (delivery.method) {
    case 'counter':
      return t('documents.receipt.delivery.counter');
    case 'post':
      return t('documents.receipt.delivery.post', { address: delivery.address });
    case 'online':
      return t('documents.receipt.delivery.online');
  }
}
