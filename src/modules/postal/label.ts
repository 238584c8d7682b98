/**
 * The address label of a postal order: 100 × 150 mm, the waybill code as a Code 128 barcode (what the postman scans),
 * sender and receiver with their phones, the dossier code, and any cash to collect. DejaVu Sans carries every
 * Vietnamese letter; bwip-js draws the barcode.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { formatDong } from '../../lib/money.ts';
import type { PostalOrderView, PostalParty } from './postal.schema.ts';

const MM = 72 / 25.4;
const require = createRequire(import.meta.url);
const font = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));

export async function renderLabel(
  order: PostalOrderView,
  text: (key: string, params?: Record<string, string>) => string,
) {
  const code = order.itemCode ?? order.orderNumber;
  const barcode = await bwipjs.toBuffer({ bcid: 'code128', text: code, scale: 3, height: 14, includetext: false });
  const doc = new PDFDocument({
    size: [100 * MM, 150 * MM],
    margin: 6 * MM,
    lang: 'vi-VN',
    info: { Title: `${order.orderNumber}`, Creator: 'motcua', CreationDate: new Date(order.createdAt) },
  });
  doc.registerFont('regular', font('DejaVuSans'));
  doc.registerFont('bold', font('DejaVuSans-Bold'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 12 * MM;
  doc.image(barcode, { fit: [width, 22 * MM], align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('bold')
    .fontSize(14)
    .text(order.itemCode ?? text('postal.label.pending'), { align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text(text('postal.label.order', { number: order.orderNumber }), { align: 'center' });
  const party = (heading: string, p: PostalParty) => {
    doc.moveDown(0.6);
    doc.font('bold').fontSize(9).text(heading);
    doc.font('bold').fontSize(12).text(p.name);
    doc.font('regular').fontSize(10).text(p.address);
    doc.text(`${p.wardCode} · ${p.provinceCode} · ${p.phone}`);
  };
  party(text('postal.label.from'), order.sender);
  party(text('postal.label.to'), order.receiver);
  doc.moveDown(0.8);
  doc
    .font('regular')
    .fontSize(10)
    .text(text('postal.label.dossier', { code: order.dossierCode }));
  if (order.codAmount > 0) {
    doc
      .font('bold')
      .fontSize(11)
      .text(text('postal.label.cod', { amount: formatDong(order.codAmount) }));
  }
  doc.end();
  return done;
}
