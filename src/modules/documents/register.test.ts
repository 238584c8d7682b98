import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { renderRegisterPdf, renderRegisterXlsx } from './register.ts';
import { APPLICANT_NAME, pdfFlatText, pdfPages, registerEntry, sampleRegister } from './test-support.ts';

const HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Tên tổ chức, cá nhân',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Trả kết quả',
  'Tình trạng',
  'Ghi chú',
];

async function problems(rendering: Promise<Buffer>): Promise<unknown[]> {
  const error = await rendering.catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields;
}

describe('renderRegisterPdf', () => {
  it('prints a landscape table whose header row and page number repeat on every page', async () => {
    const pdf = await renderRegisterPdf(sampleRegister(60));
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toMatch(/STT\s+Mã hồ sơ\s+Tên thủ tục hành/);
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    expect(pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pages[0]).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(pages[0]).toContain('Tổng số hồ sơ: 60');
    // Each dossier once, its code broken after the agency identifier: `H15.50.05.13-` over `261101-0001`.
    const text = pages.join('\n');
    for (let i = 0; i < 60; i++) {
      const tail = registerEntry(i).dossierCode.split('-').slice(1).join('-');
      expect(text.split(tail)).toHaveLength(2);
    }
  });

  it('prints the first dossier with its Vietnamese details and dates in Vietnam time', async () => {
    const text = await pdfFlatText(await renderRegisterPdf(sampleRegister(2)));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Cấp giấy chứng nhận');
    expect(text).toContain('Đã trả kết quả');
    expect(text).toContain('Đang xử lý');
    expect(text).toMatch(/Nguyễn Thị .*Hồng Nhung/);
    expect(text).toMatch(/01\/11\/2026 01\/12\/2026 27\/11\/2026 .*08:15 17:00 14:30/);
  });

  it('says so when the period has no dossier', async () => {
    const text = await pdfFlatText(await renderRegisterPdf(sampleRegister(0)));
    expect(text).toContain('Tổng số hồ sơ: 0');
    expect(text).toContain('Không có hồ sơ nào trong khoảng thời gian này.');
  });

  it('refuses a reversed range and a dossier received outside it', async () => {
    expect(await problems(renderRegisterPdf({ ...sampleRegister(1), from: '2026-12-01' }))).toEqual([
      { path: 'to', messageKey: 'documents.errors.rangeOrder' },
    ]);
    const register = sampleRegister(2);
    register.entries[1]!.receivedAt = '2026-11-30T17:00:00Z'; // already 1 December in Vietnam
    expect(await problems(renderRegisterXlsx(register))).toEqual([
      {
        path: 'entries.1.receivedAt',
        messageKey: 'documents.errors.outsideRange',
        params: { date: '2026-12-01', from: '2026-11-01', to: '2026-11-30' },
      },
    ]);
  });
});

describe('renderRegisterXlsx', () => {
  async function workbookOf(count: number): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    // exceljs's load() is typed for an ArrayBuffer; a copy of the bytes gives one.
    await workbook.xlsx.load(new Uint8Array(await renderRegisterXlsx(sampleRegister(count))).buffer);
    expect(workbook.worksheets).toHaveLength(1);
    return workbook.worksheets[0]!;
  }

  it('has the title rows, a frozen header row and column widths', async () => {
    const sheet = await workbookOf(3);
    expect(sheet.name).toBe('Sổ theo dõi hồ sơ');
    expect(sheet.getCell('A1').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet.getCell('A2').value).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(sheet.getCell('A3').value).toBe('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(sheet.getCell('K1').isMerged).toBe(true);
    expect(sheet.getRow(5).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.getCell('B5').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(sheet.columns.map((column) => column.width)).toEqual([6, 27, 45, 26, 36, 30, 17, 17, 17, 22, 24]);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.printTitlesRow).toBe('5:5');
    expect(sheet.rowCount).toBe(8);
  });

  it('writes one row per dossier, cell by cell, with real Excel dates in Vietnam time', async () => {
    const sheet = await workbookOf(3);
    const first = sheet.getRow(6);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('H15.50.05.13-261101-0001');
    expect(first.getCell(3).value).toBe('Cấp giấy chứng nhận đăng ký hộ kinh doanh');
    expect(first.getCell(4).value).toBe(APPLICANT_NAME);
    expect(first.getCell(5).value).toBe('0912 345 678');
    expect(first.getCell(6).value).toBe('Sở Kế hoạch và Đầu tư');
    // 01:15 UTC is 08:15 in Vietnam; Excel dates have no zone, so the sheet holds the wall-clock time.
    expect(first.getCell(7).value).toEqual(new Date('2026-11-01T08:15:00Z'));
    expect(first.getCell(7).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(first.getCell(8).value).toEqual(new Date('2026-12-01T17:00:00Z'));
    expect(first.getCell(9).value).toEqual(new Date('2026-11-27T14:30:00Z'));
    expect(first.getCell(10).value).toBe('Đã trả kết quả');
    expect(first.getCell(11).value).toBe('Trả qua bưu điện');

    const second = sheet.getRow(7);
    expect(second.getCell(1).value).toBe(2);
    expect(second.getCell(2).value).toBe('H15.50.05.13-261102-0002');
    expect(second.getCell(3).value).toBe('Đăng ký khai sinh');
    expect(second.getCell(4).value).toBe('Người nộp số 2');
    expect(second.getCell(7).value).toEqual(new Date('2026-11-02T08:15:00Z'));
    expect(second.getCell(9).value).toBeNull();
    expect(second.getCell(10).value).toBe('Đang xử lý');
    expect(second.getCell(11).value).toBeNull();
  });

  it('keeps only the header for an empty period', async () => {
    const sheet = await workbookOf(0);
    expect(sheet.getRow(5).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.rowCount).toBe(5);
  });
});
