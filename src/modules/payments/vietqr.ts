/**
 * The bank-transfer QR code (VietQR, NAPAS 247): an EMVCo payload built by vietnam-qr-pay with the account, the
 * amount and a message carrying the dossier code, so the bank statement line can be matched to the dossier.
 */
import QRCode from 'qrcode';
import { QRPay } from 'vietnam-qr-pay';

export interface TransferAccount {
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

/** `BIN:ACCOUNT:NAME` (the PAYMENT_TRANSFER_ACCOUNT setting, already validated). */
export function parseTransferAccount(setting: string | undefined): TransferAccount | undefined {
  if (!setting) return undefined;
  const [bankBin = '', accountNumber = '', accountName = ''] = setting.split(':');
  return { bankBin, accountNumber, accountName };
}

/** The transfer message: the dossier code, which the statement import looks for. */
export const transferMessage = (dossierCode: string) => `MHS ${dossierCode}`;

export function vietQrPayload(account: TransferAccount, amount: number, dossierCode: string): string {
  return QRPay.initVietQR({
    bankBin: account.bankBin,
    bankNumber: account.accountNumber,
    amount: String(amount),
    purpose: transferMessage(dossierCode),
  }).build();
}

export function vietQrDataUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, scale: 5 });
}
