import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../catalog/demo-catalog.ts';
import { renderApplicationCopy } from './application-copy.ts';
import { pdfFlatText } from './test-support.ts';

const definition = demoCatalog.find((p) => p.code === '1.000656.000.00.00.H08');
const procedureCase = definition?.cases.find((c) => c.code === 'KHAI_TU');

function sample(dueDate: string | null) {
  if (!definition || !procedureCase) throw new Error('demo procedure missing');
  return {
    dossier: {
      code: '000.01.21.H08-261127-0007',
      submittedAt: '2026-11-27T03:15:00.000Z',
      dueDate,
      applicant: { userId: 'u1', name: 'Nguyễn Văn An', idNumber: '074090001234' },
      procedure: { code: definition.code, name: definition.name, versionId: 'v1', version: 1, fieldCode: 'G15' },
      definition: { procedure: definition, case: procedureCase },
      form: {
        fullName: 'Nguyễn Văn An',
        residence: { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Tỉnh Bình Dương' },
        relationship: 'con',
        deceasedName: 'Nguyễn Văn Bảy',
        linkedServices: true,
        deliveryMethod: 'postal',
        declaration: true,
      },
      components: [],
      delivery: { method: 'postal' as const, address: 'Số 3 đường Bác Sĩ Yersin, Phường Phú Thọ' },
    },
    documents: [
      { component: 'Tờ khai đăng ký khai tử (theo mẫu)', files: [{ name: 'to-khai.pdf', reused: false }] },
      { component: 'Giấy báo tử', files: [{ name: 'giay-bao-tu.png', reused: true }] },
    ],
    baseUrl: 'https://dichvucong.binhduong.gov.vn',
  };
}

describe('renderApplicationCopy', () => {
  it('prints every answer, document and the delivery in Vietnamese under the dossier code', async () => {
    const text = await pdfFlatText(await renderApplicationCopy(sample(null)));
    for (const expected of [
      'BẢN SAO HỒ SƠ NỘP TRỰC TUYẾN',
      'Mã hồ sơ: 000.01.21.H08-261127-0007',
      'Thủ tục: Đăng ký khai tử',
      'Trường hợp: Đăng ký khai tử đúng hạn',
      'Thông tin người nộp hồ sơ',
      'Số 12 đường Yersin, Phường Phú Thọ, Tỉnh Bình Dương',
      'Nguyễn Văn Bảy',
      'giay-bao-tu.png (dùng lại)',
      'to-khai.pdf',
      'Nhận qua dịch vụ bưu chính công ích: Số 3 đường Bác Sĩ Yersin',
      'sẽ được xác định khi hồ sơ được tiếp nhận',
    ]) {
      expect(text).toContain(expected);
    }
    // The lookup link may wrap at its `?`.
    expect(text.replace(/\s/g, '')).toContain(
      'https://dichvucong.binhduong.gov.vn/track?code=000.01.21.H08-261127-0007',
    );
  });

  it('gives the result date once it is known', async () => {
    const text = await pdfFlatText(await renderApplicationCopy(sample('2026-12-02')));
    expect(text).toContain('Ngày hẹn trả kết quả: ngày 02 tháng 12 năm 2026');
  });
});
