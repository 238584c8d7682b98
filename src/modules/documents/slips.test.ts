import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { qrPng } from './qr.ts';
import { renderApology, renderReceipt, renderRefusal, renderStopNotice, renderSupplementRequest } from './slips.ts';
import {
  APPLICANT_NAME,
  DOSSIER_CODE,
  pdfFlatText,
  pdfImages,
  pdfPages,
  sampleApology,
  sampleReceipt,
  sampleRefusal,
  sampleStopNotice,
  sampleSupplementRequest,
} from './test-support.ts';

const TRACK_URL = `https://dichvucong.binhduong.gov.vn/track?code=${DOSSIER_CODE}`;

/** The problems of the ValidationError a render rejects with, as `path messageKey`. */
async function problems(rendering: Promise<Buffer>): Promise<string[]> {
  const error = await rendering.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields.map((field) => `${field.path} ${field.messageKey}`);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderReceipt (form 01)', () => {
  it('prints the header, the title in capitals and every detail with its diacritics', async () => {
    const pages = await pdfPages(await renderReceipt(sampleReceipt()));
    expect(pages).toHaveLength(1);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN TỈNH',
      'Số: 1275/GTN-TTPVHCC',
      'Thủ Dầu Một, ngày 20 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      `Tiếp nhận hồ sơ của: ${APPLICANT_NAME}`,
      'Địa chỉ: Số 12 đường Yersin, phường Phú Cường, tỉnh Bình Dương',
      'Số điện thoại: 0912 345 678; Thư điện tử: nhung.nguyen@example.vn',
      'Nội dung yêu cầu giải quyết: Cấp giấy chứng nhận đăng ký hộ kinh doanh',
      'Giấy đề nghị đăng ký hộ kinh doanh',
      'Căn cước công',
      'Thời gian nhận hồ sơ: 14 giờ 30 phút, ngày 20 tháng 11 năm 2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 27 tháng 11 năm 2026',
      'qua dịch vụ bưu chính công ích, đến địa chỉ Số 12 đường Yersin',
      'Phí, lệ phí: 135.000 đ (bằng chữ: Một trăm ba mươi lăm nghìn đồng)',
      'Lệ phí đăng ký hộ kinh doanh: 100.000 đ',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Bình',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Trang 1');
  });

  it('lists each component with its originals and copies in the table', async () => {
    const lines = (await pdfPages(await renderReceipt(sampleReceipt())))[0]!.split('\n');
    const row = lines.find((line) => line.includes('Giấy đề nghị đăng ký hộ kinh doanh'));
    expect(row?.trim().split(/\s{2,}/)).toEqual(['1', 'Giấy đề nghị đăng ký hộ kinh doanh', '1', '0']);
  });

  it('encodes the public lookup URL in an embedded QR code', async () => {
    const encoded: string[] = [];
    let png: Buffer | undefined;
    const pdf = await renderReceipt(
      { ...sampleReceipt(), baseUrl: 'https://dichvucong.binhduong.gov.vn/' },
      {
        qrCode: async (text) => {
          encoded.push(text);
          png = await qrPng(text);
          return png;
        },
      },
    );
    expect(encoded).toEqual([TRACK_URL]);
    const images = await pdfImages(pdf);
    expect(png).toBeDefined();
    expect(images).toEqual([{ page: 1, ...pngSize(png!) }]);
    expect(await pdfFlatText(pdf)).toContain('tra cứu tình trạng giải quyết hồ sơ');
  });

  it('shows how the result is received', async () => {
    const counter = await renderReceipt({ ...sampleReceipt(), resultDelivery: { method: 'counter' }, fees: [] });
    expect(await pdfFlatText(counter)).toContain('Đăng ký nhận kết quả: tại Bộ phận Một cửa.');
    const online = await renderReceipt({ ...sampleReceipt(), resultDelivery: { method: 'online' } });
    expect(await pdfFlatText(online)).toContain('Đăng ký nhận kết quả: trực tuyến');
  });

  it('spills a long component list onto a numbered second page with the header row repeated', async () => {
    const components = Array.from({ length: 45 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1} về việc đăng ký hộ kinh doanh`,
      originals: 1,
      copies: 2,
    }));
    const pages = await pdfPages(await renderReceipt({ ...sampleReceipt(), components }));
    expect(pages).toHaveLength(2);
    pages.forEach((page, i) => {
      expect(page).toContain('Tên giấy tờ');
      expect(page).toContain(`Trang ${i + 1}/2`);
    });
    expect(pages[1]).toContain('Giấy tờ số 45 về việc đăng ký hộ kinh doanh');
    expect(pages[1]).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('is byte-for-byte deterministic for the same input, whatever the process time zone', async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const first = await renderReceipt(sampleReceipt());
      process.env.TZ = 'America/Los_Angeles';
      const second = await renderReceipt(sampleReceipt());
      expect(second.equals(first)).toBe(true);
      const later = await renderReceipt({ ...sampleReceipt(), issuedAt: '2026-11-20T07:36:00Z' });
      expect(later.equals(first)).toBe(false);
    } finally {
      process.env.TZ = zone;
    }
  });

  it('prints dates in Vietnam time: 17:05 UTC is five past midnight on the next day', async () => {
    const text = await pdfFlatText(
      await renderReceipt({
        ...sampleReceipt(),
        issuedAt: '2026-02-04T17:10:00Z',
        receivedAt: '2026-02-04T17:05:00Z',
        appointmentAt: '2026-03-02T01:00:00Z',
      }),
    );
    expect(text).toContain('Thủ Dầu Một, ngày 05 tháng 02 năm 2026');
    expect(text).toContain('Thời gian nhận hồ sơ: 0 giờ 05 phút, ngày 05 tháng 02 năm 2026');
    expect(text).toContain('8 giờ 00 phút, ngày 02 tháng 3 năm 2026');
  });

  it('refuses bad input with a ValidationError naming each field', async () => {
    const receipt = sampleReceipt();
    expect(
      await problems(
        renderReceipt({
          ...receipt,
          dossierCode: 'H15-1',
          applicant: { ...receipt.applicant, name: '   ', email: 'not-an-email' },
          appointmentAt: '2026-11-31T07:30:00Z',
          components: [{ name: 'Tờ khai', originals: 1.5, copies: -1 }],
          fees: [{ name: 'Lệ phí', amount: 10.5 }],
          resultDelivery: { method: 'post' } as never,
          baseUrl: 'https://dichvucong.binhduong.gov.vn/?x=1',
          extra: true,
        } as never),
      ),
    ).toEqual(
      expect.arrayContaining([
        'dossierCode documents.errors.dossierCode',
        'applicant.name documents.errors.required',
        'applicant.email documents.errors.email',
        'appointmentAt documents.errors.instant',
        'components.0.originals documents.errors.notInteger',
        'components.0.copies documents.errors.outOfRange',
        'fees.0.amount documents.errors.notInteger',
        'resultDelivery.address documents.errors.required',
        'baseUrl documents.errors.baseUrl',
        'extra documents.errors.unknownKey',
      ]),
    );
  });

  it('refuses an appointment that is not after the reception', async () => {
    const receipt = sampleReceipt();
    expect(await problems(renderReceipt({ ...receipt, appointmentAt: receipt.receivedAt }))).toEqual([
      'appointmentAt documents.errors.appointmentBeforeReception',
    ]);
    expect(await problems(renderReceipt({ ...receipt, components: [] }))).toEqual([
      'components documents.errors.tooFew',
    ]);
  });
});

describe('renderSupplementRequest (form 02)', () => {
  it('lists everything missing with its reason, and the officer to contact', async () => {
    const text = await pdfFlatText(await renderSupplementRequest(sampleSupplementRequest()));
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      `Hồ sơ của: ${APPLICANT_NAME}`,
      '1. Biên bản họp thành viên hộ gia đình Lý do: Thiếu chữ ký của thành viên Nguyễn Văn Hùng.',
      '2. Hợp đồng thuê địa điểm kinh doanh Lý do: Bản sao chưa được chứng thực.',
      'liên hệ với Trần Văn Bình, số điện thoại 0274 3822 111, thư điện tử binh.tv@binhduong.gov.vn',
      'NGƯỜI HƯỚNG DẪN',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('needs at least one missing item', async () => {
    expect(await problems(renderSupplementRequest({ ...sampleSupplementRequest(), items: [] }))).toEqual([
      'items documents.errors.tooFew',
    ]);
  });
});

describe('renderRefusal (form 03)', () => {
  it('states the refusal and its reason', async () => {
    const text = await pdfFlatText(await renderRefusal(sampleRefusal()));
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(`Tiếp nhận hồ sơ của: ${APPLICANT_NAME}`);
    expect(text).toContain('Lý do: Ngành nghề đăng ký thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện');
    expect(text).toContain('Số: 12/TC-TTPVHCC');
  });

  it('needs a reason', async () => {
    expect(await problems(renderRefusal({ ...sampleRefusal(), reason: '' }))).toEqual([
      'reason documents.errors.required',
    ]);
  });
});

describe('renderApology (form 04)', () => {
  it('gives the reason, the old date and the new date', async () => {
    const text = await pdfFlatText(await renderApology(sampleApology()));
    for (const expected of [
      'VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      `Vào ngày 20 tháng 11 năm 2026, Trung tâm Phục vụ hành chính công đã tiếp nhận giải quyết hồ sơ của ông/bà ${APPLICANT_NAME}.`,
      'Thời hạn trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 27 tháng 11 năm 2026.',
      'Lý do: Hồ sơ cần xác minh thêm thông tin với Ủy ban nhân dân phường Phú Cường.',
      'sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào 16 giờ 00 phút, ngày 04 tháng 12 năm 2026.',
      'GIÁM ĐỐC',
      'Lê Quốc Khánh',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('needs the new date to be after the old one', async () => {
    const apology = sampleApology();
    expect(await problems(renderApology({ ...apology, newAppointmentAt: apology.previousAppointmentAt }))).toEqual([
      'newAppointmentAt documents.errors.newDateNotLater',
    ]);
  });
});

describe('renderStopNotice', () => {
  it('states when processing stopped and why', async () => {
    const text = await pdfFlatText(await renderStopNotice(sampleStopNotice()));
    expect(text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('thông báo dừng giải quyết hồ sơ của ông/bà kể từ ngày 25 tháng 11 năm 2026.');
    expect(text).toContain(
      'Lý do: Người nộp hồ sơ có văn bản đề nghị dừng giải quyết hồ sơ ngày 24 tháng 11 năm 2026.',
    );
    expect(text).toContain('PHÓ GIÁM ĐỐC');
  });

  it('needs a signer', async () => {
    const { signer: _, ...unsigned } = sampleStopNotice();
    expect(await problems(renderStopNotice(unsigned as never))).toEqual(['signer documents.errors.required']);
  });
});
