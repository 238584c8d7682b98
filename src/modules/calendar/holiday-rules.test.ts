import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { weekdayOf } from '../../lib/vn-time.ts';
import { calendarMessages } from '../../web/i18n/calendar.ts';
import { HOLIDAY_NAMES, type HolidayId, holidaysOfYear, MAX_YEAR, MIN_YEAR } from './holiday-rules.ts';

const H = 'holiday';
const C = 'compensatory';
const TET = 'Tết Nguyên Đán';

/** `MM-DD kind name` lines of a year's rule output, for compact tables. */
function lines(year: number, options = {}): string[] {
  return holidaysOfYear(year, options).map(({ date, kind, name }) => `${date.slice(5)} ${kind} ${name}`);
}

describe('holidaysOfYear — statutory holidays 2024–2028 (default rules, before the official yearly schedule)', () => {
  it.each<[number, string[]]>([
    [
      2024,
      [
        `01-01 ${H} Tết Dương lịch`,
        `02-09 ${H} ${TET}`, // Friday, lunar New Year's Eve
        `02-10 ${H} ${TET}`, // Saturday, lunar 1/1
        `02-11 ${H} ${TET}`,
        `02-12 ${H} ${TET}`,
        `02-13 ${H} ${TET}`,
        `02-14 ${C} Nghỉ bù ${TET}`, // for Saturday 10/2
        `02-15 ${C} Nghỉ bù ${TET}`, // for Sunday 11/2
        `04-18 ${H} Giỗ Tổ Hùng Vương`,
        `04-30 ${H} Ngày Chiến thắng`,
        `05-01 ${H} Ngày Quốc tế Lao động`,
        `09-02 ${H} Quốc khánh`, // Monday: the adjacent day is Tuesday 3/9
        `09-03 ${H} Quốc khánh`,
      ],
    ],
    [
      2025,
      [
        `01-01 ${H} Tết Dương lịch`,
        `01-28 ${H} ${TET}`,
        `01-29 ${H} ${TET}`,
        `01-30 ${H} ${TET}`,
        `01-31 ${H} ${TET}`,
        `02-01 ${H} ${TET}`, // Saturday
        `02-03 ${C} Nghỉ bù ${TET}`,
        `04-07 ${H} Giỗ Tổ Hùng Vương`,
        `04-30 ${H} Ngày Chiến thắng`,
        `05-01 ${H} Ngày Quốc tế Lao động`,
        `09-01 ${H} Quốc khánh`, // 2/9 is a Tuesday: the adjacent day is Monday 1/9
        `09-02 ${H} Quốc khánh`,
      ],
    ],
    [
      2026,
      [
        `01-01 ${H} Tết Dương lịch`,
        `02-16 ${H} ${TET}`,
        `02-17 ${H} ${TET}`,
        `02-18 ${H} ${TET}`,
        `02-19 ${H} ${TET}`,
        `02-20 ${H} ${TET}`,
        `04-26 ${H} Giỗ Tổ Hùng Vương`, // Sunday
        `04-27 ${C} Nghỉ bù Giỗ Tổ Hùng Vương`,
        `04-30 ${H} Ngày Chiến thắng`,
        `05-01 ${H} Ngày Quốc tế Lao động`,
        `09-01 ${H} Quốc khánh`, // 2/9 is a Wednesday: 1/9 by default (unverified against the 2026 notice)
        `09-02 ${H} Quốc khánh`,
      ],
    ],
    [
      2027,
      [
        `01-01 ${H} Tết Dương lịch`,
        `02-05 ${H} ${TET}`,
        `02-06 ${H} ${TET}`, // Saturday, lunar 1/1
        `02-07 ${H} ${TET}`, // Sunday
        `02-08 ${H} ${TET}`,
        `02-09 ${H} ${TET}`,
        `02-10 ${C} Nghỉ bù ${TET}`,
        `02-11 ${C} Nghỉ bù ${TET}`,
        `04-16 ${H} Giỗ Tổ Hùng Vương`,
        `04-30 ${H} Ngày Chiến thắng`,
        `05-01 ${H} Ngày Quốc tế Lao động`, // Saturday
        `05-03 ${C} Nghỉ bù Ngày Quốc tế Lao động`,
        `09-02 ${H} Quốc khánh`, // Thursday: the adjacent day is Friday 3/9
        `09-03 ${H} Quốc khánh`,
      ],
    ],
    [
      2028,
      [
        `01-01 ${H} Tết Dương lịch`, // Saturday
        `01-03 ${C} Nghỉ bù Tết Dương lịch`,
        `01-25 ${H} ${TET}`,
        `01-26 ${H} ${TET}`,
        `01-27 ${H} ${TET}`,
        `01-28 ${H} ${TET}`,
        `01-29 ${H} ${TET}`, // Saturday
        `01-31 ${C} Nghỉ bù ${TET}`,
        `04-04 ${H} Giỗ Tổ Hùng Vương`,
        `04-30 ${H} Ngày Chiến thắng`, // Sunday; Monday 1/5 is a holiday, so the day off moves to Tuesday
        `05-01 ${H} Ngày Quốc tế Lao động`,
        `05-02 ${C} Nghỉ bù Ngày Chiến thắng`,
        `09-01 ${H} Quốc khánh`, // 2/9 is a Saturday: the adjacent day is Friday 1/9
        `09-02 ${H} Quốc khánh`,
        `09-04 ${C} Nghỉ bù Quốc khánh`,
      ],
    ],
  ])('%i', (year, expected) => {
    expect(lines(year)).toEqual(expected);
  });
});

describe('holidaysOfYear — weekend compensation', () => {
  it('gives the next working days for 30/4 on Saturday and 1/5 on Sunday, and Hùng Kings on Sunday (2022)', () => {
    expect(lines(2022).filter((line) => /^0[45]/.test(line))).toEqual([
      `04-10 ${H} Giỗ Tổ Hùng Vương`,
      `04-11 ${C} Nghỉ bù Giỗ Tổ Hùng Vương`,
      `04-30 ${H} Ngày Chiến thắng`,
      `05-01 ${H} Ngày Quốc tế Lao động`,
      `05-02 ${C} Nghỉ bù Ngày Chiến thắng`,
      `05-03 ${C} Nghỉ bù Ngày Quốc tế Lao động`,
    ]);
  });

  it('pushes compensation past a holiday on the next Monday (2023: 29/4 Sat, 30/4 Sun, 1/5 Mon)', () => {
    expect(lines(2023).filter((line) => /^0[45]/.test(line))).toEqual([
      `04-29 ${H} Giỗ Tổ Hùng Vương`,
      `04-30 ${H} Ngày Chiến thắng`,
      `05-01 ${H} Ngày Quốc tế Lao động`,
      `05-02 ${C} Nghỉ bù Giỗ Tổ Hùng Vương`,
      `05-03 ${C} Nghỉ bù Ngày Chiến thắng`,
    ]);
  });

  it('compensates 1/1 on Sunday on Monday 2/1 and 2/9 on Saturday on Monday 4/9 (2023)', () => {
    const days = lines(2023);
    expect(days).toContain(`01-02 ${C} Nghỉ bù Tết Dương lịch`);
    expect(days.filter((line) => line.startsWith('09'))).toEqual([
      `09-01 ${H} Quốc khánh`,
      `09-02 ${H} Quốc khánh`,
      `09-04 ${C} Nghỉ bù Quốc khánh`,
    ]);
  });

  it('holds for every year: one compensatory weekday per weekend holiday, never on a holiday', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), (year) => {
        const days = holidaysOfYear(year);
        const holidays = days.filter((day) => day.kind === 'holiday');
        const compensatory = days.filter((day) => day.kind === 'compensatory');
        const weekend = (date: string) => [0, 6].includes(weekdayOf(date));
        expect(holidays.length).toBe(year === 1917 || year === 1947 ? 10 : 11);
        expect(compensatory.length).toBe(holidays.filter((day) => weekend(day.date)).length);
        expect(compensatory.every((day) => !weekend(day.date))).toBe(true);
        expect(new Set(days.map((day) => day.date)).size).toBe(days.length);
        expect(days.map((day) => day.date)).toEqual(days.map((day) => day.date).sort());
        expect(days.every((day) => day.date.startsWith(`${year}-`))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('holidaysOfYear — Vietnamese lunar calendar (UTC+7)', () => {
  const lunarNewYear = (year: number) =>
    holidaysOfYear(year, { tetDaysBefore: 0 }).find((day) => day.holiday === 'tet');

  it.each([
    [1985, '1985-01-21'], // China: 1985-02-20
    [2007, '2007-02-17'], // China: 2007-02-18
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('lunar New Year %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toMatchObject({ date, name: TET, kind: H });
  });

  it('gives one day off when Hùng Kings coincides with 30/4 (1947)', () => {
    expect(lines(1947).filter((line) => line.startsWith('04-30'))).toEqual([`04-30 ${H} Giỗ Tổ Hùng Vương`]);
  });
});

describe('holidaysOfYear — options', () => {
  it('tetDaysBefore 2 reproduces the official Tết 2024 (8/2–14/2) and Tết 2025 (27/1–31/1)', () => {
    const tet = (year: number) => lines(year, { tetDaysBefore: 2 }).filter((line) => line.includes(TET));
    expect(tet(2024)).toEqual([
      `02-08 ${H} ${TET}`,
      `02-09 ${H} ${TET}`,
      `02-10 ${H} ${TET}`,
      `02-11 ${H} ${TET}`,
      `02-12 ${H} ${TET}`,
      `02-13 ${C} Nghỉ bù ${TET}`,
      `02-14 ${C} Nghỉ bù ${TET}`,
    ]);
    expect(tet(2025).map((line) => line.slice(0, 5))).toEqual(['01-27', '01-28', '01-29', '01-30', '01-31']);
  });

  it('nationalDayExtra forces the day before or after 2/9', () => {
    const september = (year: number, nationalDayExtra: 'before' | 'after') =>
      lines(year, { nationalDayExtra }).filter((line) => line.startsWith('09'));
    expect(september(2024, 'before')).toEqual([
      `09-01 ${H} Quốc khánh`,
      `09-02 ${H} Quốc khánh`,
      `09-03 ${C} Nghỉ bù Quốc khánh`,
    ]);
    expect(september(2025, 'after')).toEqual([`09-02 ${H} Quốc khánh`, `09-03 ${H} Quốc khánh`]);
  });

  it('rejects a Tết start outside 0–4 days before lunar New Year', () => {
    expect(() => holidaysOfYear(2025, { tetDaysBefore: 5 })).toThrow(ValidationError);
    expect(() => holidaysOfYear(2025, { tetDaysBefore: -1 })).toThrow(ValidationError);
  });
});

describe('holidaysOfYear — range and caching', () => {
  it.each([MIN_YEAR - 1, MAX_YEAR + 1, 2025.5, Number.NaN])('rejects year %s', (year) => {
    try {
      holidaysOfYear(year);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual([
        { path: 'year', messageKey: 'calendar.errors.yearRange', params: { min: 1900, max: 2199 } },
      ]);
    }
  });

  it('covers both ends of the range', () => {
    expect(lines(MIN_YEAR)[0]).toBe(`01-01 ${H} Tết Dương lịch`);
    expect(lines(MAX_YEAR)[0]).toBe(`01-01 ${H} Tết Dương lịch`);
  });

  it('returns the same frozen list for the same year and options', () => {
    const days = holidaysOfYear(2031);
    expect(holidaysOfYear(2031)).toBe(days);
    expect(holidaysOfYear(2031, { tetDaysBefore: 2 })).not.toBe(days);
    expect(Object.isFrozen(days) && Object.isFrozen(days[0])).toBe(true);
  });
});

describe('calendar catalogue', () => {
  it('uses the same placeholders in Vietnamese and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(calendarMessages.vi)) {
      expect(placeholders(calendarMessages.en[key as keyof typeof calendarMessages.en]), key).toEqual(
        placeholders(text),
      );
    }
  });

  it('has the rule names as the Vietnamese holiday entries', () => {
    for (const id of Object.keys(HOLIDAY_NAMES) as HolidayId[]) {
      expect(calendarMessages.vi[`calendar.holiday.${id}`]).toBe(HOLIDAY_NAMES[id]);
    }
  });
});
