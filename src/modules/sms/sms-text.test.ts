import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitMessage, GSM_SINGLE, isGsm, toGsm, UCS2_SINGLE } from './sms-text.ts';

describe('SMS text', () => {
  it('writes Vietnamese without diacritics, keeping case', () => {
    expect(toGsm('Hồ sơ Đăng ký khai tử đã được tiếp nhận – hẹn “17:00”')).toBe(
      'Ho so Dang ky khai tu da duoc tiep nhan - hen "17:00"',
    );
    expect(toGsm('Ưu tiên ĐỖ Thị Ánh 😀')).toBe('Uu tien DO Thi Anh ?');
  });

  it('always gives GSM-7 text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => isGsm(toGsm(text))));
  });

  it('cuts the free-text reason so the message fits one SMS, never the fixed part', () => {
    const build = (reason: string) => `Hồ sơ H08.10-261127-0001 không được tiếp nhận. Lý do: ${reason}`;
    const long =
      'Không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường, đề nghị ông bà liên hệ Sở Tư pháp tỉnh để được hướng dẫn';
    const sms = fitMessage(build, long, false);
    expect(sms.length).toBeLessThanOrEqual(GSM_SINGLE);
    expect(sms).toMatch(/^Ho so H08\.10-261127-0001 khong duoc tiep nhan\. Ly do: Khong thuoc tham quyen .*\.\.\.$/);
    expect(fitMessage(build, 'Sai mẫu', false)).toBe('Ho so H08.10-261127-0001 khong duoc tiep nhan. Ly do: Sai mau');
    const unicode = fitMessage((r) => `Hồ sơ A: ${r}`, long, true);
    expect(unicode.length).toBeLessThanOrEqual(UCS2_SINGLE);
    expect(unicode.startsWith('Hồ sơ A: Không thuộc')).toBe(true);
  });
});
