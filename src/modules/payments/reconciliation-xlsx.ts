/** The reconciliation report as a workbook: gateway attempts against bookings, then the booked payments. */
import ExcelJS from 'exceljs';
import { t } from '../documents/format.ts';
import type { Reconciliation } from './payments.service.ts';

export async function renderReconciliationXlsx(report: Reconciliation, agencyName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const attempts = workbook.addWorksheet(t('payments.reconcile.sheetAttempts'), {
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  attempts.addRow([t('payments.reconcile.title'), agencyName, `${report.from} – ${report.to}`]).font = { bold: true };
  attempts.addRow([]);
  attempts.addRow([
    t('payments.reconcile.txnRef'),
    t('payments.verify.dossier'),
    t('payments.reconcile.createdAt'),
    t('payments.page.amount'),
    t('payments.reconcile.ours'),
    t('payments.reconcile.gateway'),
    t('payments.reconcile.booked'),
    t('payments.reconcile.problem'),
  ]).font = { bold: true };
  for (const row of report.rows) {
    attempts.addRow([
      row.txnRef,
      row.dossierCode,
      new Date(row.createdAt),
      row.amount,
      t(`payments.attempt.${row.ours}`),
      t(`payments.reconcile.gateway.${row.gateway}`),
      row.booked,
      row.problem ? t(`payments.reconcile.problem.${row.problem}`) : '',
    ]);
  }
  attempts.columns.forEach((column, i) => {
    column.width = [34, 28, 20, 14, 18, 18, 14, 36][i] ?? 16;
  });
  attempts.getColumn(4).numFmt = '#,##0';
  attempts.getColumn(7).numFmt = '#,##0';

  const booked = workbook.addWorksheet(t('payments.reconcile.sheetPayments'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  booked.addRow([
    t('payments.page.receiptNumber'),
    t('payments.verify.dossier'),
    t('payments.page.method'),
    t('payments.page.amount'),
    t('payments.reconcile.refunded'),
    t('payments.page.paidAt'),
    t('payments.reconcile.reference'),
  ]).font = { bold: true };
  for (const p of report.payments) {
    booked.addRow([
      p.receiptNumber,
      p.dossierCode,
      t(`payments.method.${p.method}`) + (p.kind === 'overpayment' ? ` (${t('payments.page.overpayment')})` : ''),
      p.amount,
      p.refunded,
      new Date(p.paidAt),
      p.reference ?? '',
    ]);
  }
  booked.columns.forEach((column, i) => {
    column.width = [30, 28, 36, 14, 14, 20, 24][i] ?? 16;
  });
  booked.getColumn(4).numFmt = '#,##0';
  booked.getColumn(5).numFmt = '#,##0';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
