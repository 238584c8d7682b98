import { QRPay } from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import { parseTransferAccount, vietQrPayload } from './vietqr.ts';

describe('the VietQR transfer payload', () => {
  it('carries the account, the amount and the dossier code, and parses back with a valid checksum', () => {
    const account = parseTransferAccount('970415:113366668888:TTPVHCC TINH BINH DUONG')!;
    const payload = vietQrPayload(account, 135_000, '000.00.10.H08-261127-0001');
    const parsed = new QRPay(payload);
    expect(parsed.isValid).toBe(true);
    expect(parsed.consumer).toMatchObject({ bankBin: '970415', bankNumber: '113366668888' });
    expect(parsed.amount).toBe('135000');
    expect(parsed.additionalData.purpose).toBe('MHS 000.00.10.H08-261127-0001');
  });
});
