import { describe, expect, it } from 'vitest';
import { dossierCodesIn, readStatement } from './statement.ts';

// Identifiers of the demo province: a department, a ward and one in the H15.50.05.13 style of DOMAIN.md.
const identifiers = ['000.00.01.H08', '000.01.21.H08', 'H15.50.05.13'];
const code = '000.00.01.H08-261127-0042';

describe('finding the dossier code in a mangled transfer message', () => {
  it.each([
    ['as the VietQR message carries it', `MHS ${code}`],
    ['dashes stripped by the bank', 'MHS 000.00.01.H082611270042'],
    ['dots instead of dashes', 'MHS 000.00.01.H08.261127.0042'],
    ['spaces instead of every separator', 'MHS 000 00 01 H08 261127 0042'],
    ['no separators at all', 'MHS0000001H082611270042'],
    ['lower case', 'mhs 000.00.01.h08 261127 0042'],
    [
      'the bank’s own text around it',
      'TKThe :0071000123456, tai VCB. MBVCB.5123456789.NGUYEN VAN AN chuyen tien.MHS 000.00.01.H08 261127 0042 nop phi.CT tu 0071000123456 NGUYEN VAN AN toi 113366668888 TTPVHCC',
    ],
    ['Vietnamese text with diacritics', 'Nộp lệ phí hồ sơ số 000.00.01.H08_261127_0042 – Nguyễn Văn An'],
  ])('%s', (_, message) => {
    expect(dossierCodesIn(message, identifiers)).toEqual([code]);
  });

  it('keeps the identifier as the catalogue writes it, whatever the bank did to its letters', () => {
    expect(dossierCodesIn('CK h15 50 05 13 261008 0975', identifiers)).toEqual(['H15.50.05.13-261008-0975']);
  });

  it('finds nothing without a known identifier, a real date or all four digits of the sequence', () => {
    expect(dossierCodesIn('chuyen tien hoc phi thang 11', identifiers)).toEqual([]);
    expect(dossierCodesIn('MHS 999.00.01.H08-261127-0042', identifiers)).toEqual([]);
    expect(dossierCodesIn('MHS 000.00.01.H08-261327-0042', identifiers)).toEqual([]);
    expect(dossierCodesIn('MHS 000.00.01.H08-261127-004', identifiers)).toEqual([]);
  });

  it('reports every distinct code of a message naming two dossiers, and one code named twice once', () => {
    expect(dossierCodesIn(`MHS ${code} va 000.01.21.H08 261127 0007`, identifiers)).toEqual([
      code,
      '000.01.21.H08-261127-0007',
    ]);
    expect(dossierCodesIn(`MHS ${code} (${code.replace(/[-.]/g, '')})`, identifiers)).toEqual([code]);
  });

  it('prefers the longer identifier where a shorter one would match inside it', () => {
    expect(dossierCodesIn('MHS 000.00.01.H08 261127 0042', ['00.01.H08', ...identifiers])).toEqual([code]);
  });
});

describe('reading a bank statement', () => {
  it('gives each line its reference, amount and the one dossier code it names; ambiguous lines name none', async () => {
    const csv = [
      '\uFEFFNgày giao dịch;Mã giao dịch;Số tiền ghi có;Diễn giải',
      '27/11/2026;FT26331000001;150.000;MBVCB.5123.NGUYEN VAN AN chuyen tien.MHS 000.00.01.H082611270042.CT tu 0071',
      '27/11/2026;FT26331000002;30000;mhs 000 01 21 h08 261127 0007 va 000.00.01.H08 261127 0042',
      '27/11/2026;FT26331000003;50000 VND;chuyen tien hoc phi',
    ].join('\r\n');
    const lines = await readStatement(Buffer.from(csv), identifiers);
    expect(lines).toEqual([
      expect.objectContaining({ line: 2, reference: 'FT26331000001', amount: 150_000, dossierCode: code }),
      expect.objectContaining({
        line: 3,
        amount: 30_000,
        dossierCode: null,
        candidates: ['000.01.21.H08-261127-0007', code],
      }),
      expect.objectContaining({ line: 4, amount: 50_000, dossierCode: null, candidates: [] }),
    ]);
  });
});
