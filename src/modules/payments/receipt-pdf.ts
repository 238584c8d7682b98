/**
 * The e-receipt (biên lai thu phí, lệ phí điện tử) as PDF: the agency's header, the receipt number of its yearly
 * series, payer, dossier, fee lines, the total in figures and in Vietnamese words, how it was paid, and a QR code to
 * the public page that verifies it.
 */
import { formatVnd, vndInWords } from '../../lib/money.ts';
import type { Issuer } from '../documents/documents.schema.ts';
import { t, writtenDateTime } from '../documents/format.ts';
import { PdfWriter } from '../documents/pdf.ts';
import { type QrGenerator, qrPng } from '../documents/qr.ts';
import type { PaymentView } from './payments.service.ts';

const QR_SIZE = 85;

export interface ReceiptDocument {
  issuer: Issuer;
  payment: PaymentView;
  procedureName: string;
  verifyUrl: string;
}

export function receiptVerifyUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/receipts/verify/${encodeURIComponent(token)}`;
}

export async function renderPaymentReceipt(input: ReceiptDocument, qrCode: QrGenerator = qrPng): Promise<Buffer> {
  const { payment } = input;
  const title = t('payments.receipt.title');
  const pdf = new PdfWriter({ title, author: input.issuer.agency, createdAt: payment.paidAt });
  pdf.nationalHeader(input.issuer, payment.paidAt, payment.receiptNumber);
  pdf.title(title);
  pdf.line(t('documents.field.dossierCode', { code: payment.dossierCode }), {
    style: 'bold',
    align: 'center',
    gap: 10,
  });
  pdf.line(t('payments.receipt.payer', { name: payment.payerName }));
  pdf.line(t('documents.field.procedure', { procedure: input.procedureName }), { gap: 8 });
  const lines =
    payment.lines.length > 0
      ? payment.lines
      : [{ code: 'overpayment', name: t('payments.receipt.overpaymentLine'), amount: payment.amount }];
  pdf.table(
    [
      { header: t('documents.receipt.column.index'), share: 0.08, align: 'center' },
      { header: t('payments.receipt.column.fee'), share: 0.62 },
      { header: t('payments.receipt.column.amount'), share: 0.3, align: 'right' },
    ],
    lines.map((line, i) => [
      String(i + 1),
      // An exempted fee stays on the receipt at zero, with the exemption it fell under.
      line.exemption ? `${line.name} (${t('payments.page.exempted', { name: line.exemption.name })})` : line.name,
      formatVnd(line.amount),
    ]),
  );
  pdf.line(t('payments.receipt.total', { amount: formatVnd(payment.amount) }), { style: 'bold' });
  pdf.line(t('payments.receipt.inWords', { words: vndInWords(payment.amount) }), { style: 'italic' });
  pdf.line(t('payments.receipt.method', { method: t(`payments.method.${payment.method}`) }));
  if (payment.reference) pdf.line(t('payments.receipt.reference', { reference: payment.reference }));
  pdf.line(t('payments.receipt.paidAt', { dateTime: writtenDateTime(payment.paidAt) }), { gap: 8 });

  const qr = await qrCode(input.verifyUrl);
  const { doc } = pdf;
  pdf.ensureSpace(QR_SIZE + 12);
  const top = doc.y + 4;
  doc.image(qr, pdf.left, top, { width: QR_SIZE, height: QR_SIZE });
  const captionX = pdf.left + QR_SIZE + 10;
  const captionWidth = pdf.width - QR_SIZE - 10;
  pdf.font('italic', 10);
  doc.text(t('payments.receipt.qrCaption'), captionX, top + 18, { width: captionWidth });
  pdf.font('regular', 10);
  doc.text(input.verifyUrl, captionX, doc.y + 2, { width: captionWidth });
  doc.y = Math.max(doc.y, top + QR_SIZE) + 6;
  return pdf.finish();
}
