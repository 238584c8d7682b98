import { describe, expect, it } from 'vitest';
import { shortDateTime, writtenDate, writtenDateTime, writtenTime } from './format.ts';

describe('document dates and times', () => {
  it.each([
    ['2026-11-27', 'ngày 27 tháng 11 năm 2026'],
    ['2026-02-05', 'ngày 05 tháng 02 năm 2026'], // day below 10, month below 3: leading zeros
    ['2026-01-10', 'ngày 10 tháng 01 năm 2026'],
    ['2026-03-09', 'ngày 09 tháng 3 năm 2026'], // months from March: no leading zero
    ['2026-12-31', 'ngày 31 tháng 12 năm 2026'],
  ])('%s → %s', (date, written) => {
    expect(writtenDate(date)).toBe(written);
  });

  it('writes times in Vietnam time, the date following across UTC midnight', () => {
    expect(writtenTime('2026-11-27T07:30:00Z')).toBe('14 giờ 30 phút');
    expect(writtenTime('2026-11-27T01:05:00+00:00')).toBe('8 giờ 05 phút');
    expect(writtenDateTime('2026-11-27T17:00:00Z')).toBe('0 giờ 00 phút, ngày 28 tháng 11 năm 2026');
    expect(writtenDateTime('2026-11-27T23:59:00+07:00')).toBe('23 giờ 59 phút, ngày 27 tháng 11 năm 2026');
    expect(shortDateTime('2026-11-27T17:00:00Z')).toBe('28/11/2026\n00:00');
  });
});
