import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import { addDays, formatDayNumber, parseIsoDate } from '../../lib/vn-time.ts';
import { calendarMessages } from '../../web/i18n/calendar.ts';
import { type CalendarOverride, validateOverrides, WorkingCalendar } from './working-calendar.ts';

const plain = new WorkingCalendar();

/** The official 2025 schedule for civil servants, from the rule days (Tết eve + 4 days) plus these corrections. */
const official2025: CalendarOverride[] = [
  { date: '2025-01-27', kind: 'off', note: 'Tết Ất Tỵ: nghỉ từ 28 tháng Chạp' },
  { date: '2025-02-03', kind: 'working', note: 'Tết kết thúc mùng 3; không nghỉ bù' },
  { date: '2025-04-26', kind: 'working', note: 'Làm bù cho thứ Sáu 02/5' },
  { date: '2025-05-02', kind: 'off', note: 'Hoán đổi với thứ Bảy 26/4' },
];

function problemOf(action: () => unknown): FieldProblem {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const [problem] = (error as ValidationError).fields;
    expect(calendarMessages.vi).toHaveProperty([problem!.messageKey]);
    return problem!;
  }
  throw new Error('expected a ValidationError');
}

function daysOff(calendar: WorkingCalendar, from: string, to: string): string[] {
  const off: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (!calendar.isWorkingDay(day)) off.push(day);
  return off;
}

/** Dates (as day numbers) far enough inside 1900–2199 to add 1,000 working days both ways. */
// Ends well before the calendar's last year (2199): a date plus 1,000 working days is about four years later.
const dateArb = fc
  .integer({ min: parseIsoDate('1901-01-01')!, max: parseIsoDate('2190-12-31')! })
  .map((dayNumber) => formatDayNumber(dayNumber));

describe('WorkingCalendar.isWorkingDay', () => {
  it.each([
    ['2025-03-12', true, 'a Wednesday'],
    ['2025-03-15', false, 'a Saturday'],
    ['2025-03-16', false, 'a Sunday'],
    ['2025-01-01', false, 'a holiday'],
    ['2025-02-03', false, 'a compensatory day'],
  ])('%s is %s (%s)', (date, working) => {
    expect(plain.isWorkingDay(date)).toBe(working);
  });

  it('follows overrides: a make-up Saturday works, a swapped weekday and a removed holiday flip', () => {
    const calendar = new WorkingCalendar({ overrides: official2025 });
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(plain.isWorkingDay('2025-04-26')).toBe(false);
  });

  it.each([
    ['2025-02-29', 'calendar.errors.invalidDate'],
    ['2025-1-05', 'calendar.errors.invalidDate'],
    ['', 'calendar.errors.invalidDate'],
    ['1899-12-29', 'calendar.errors.yearRange'],
    ['2200-01-01', 'calendar.errors.yearRange'],
  ])('rejects %j with %s', (date, messageKey) => {
    expect(problemOf(() => plain.isWorkingDay(date))).toMatchObject({ path: 'date', messageKey });
  });
});

describe('the official 2025 schedule through overrides', () => {
  const calendar = new WorkingCalendar({ overrides: official2025 });

  it('reproduces Tết 25/1–2/2 and 30/4–4/5 with the make-up Saturday 26/4', () => {
    expect(daysOff(calendar, '2025-01-20', '2025-02-09')).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-08',
      '2025-02-09',
    ]);
    expect(daysOff(calendar, '2025-04-21', '2025-05-11')).toEqual([
      '2025-04-27',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-10',
      '2025-05-11',
    ]);
    expect(daysOff(calendar, '2025-08-25', '2025-09-07')).toEqual([
      '2025-08-30',
      '2025-08-31',
      '2025-09-01',
      '2025-09-02',
      '2025-09-06',
      '2025-09-07',
    ]);
  });

  it('lists the year with overrides taking the place of rule days', () => {
    const days = calendar.daysOfYear(2025).map(({ date, kind, name }) => `${date} ${kind} ${name}`);
    expect(days.slice(0, 8)).toEqual([
      '2025-01-01 holiday Tết Dương lịch',
      '2025-01-27 override-off Tết Ất Tỵ: nghỉ từ 28 tháng Chạp',
      '2025-01-28 holiday Tết Nguyên Đán',
      '2025-01-29 holiday Tết Nguyên Đán',
      '2025-01-30 holiday Tết Nguyên Đán',
      '2025-01-31 holiday Tết Nguyên Đán',
      '2025-02-01 holiday Tết Nguyên Đán',
      '2025-02-03 override-working Tết kết thúc mùng 3; không nghỉ bù',
    ]);
    expect(days).toContain('2025-04-26 override-working Làm bù cho thứ Sáu 02/5');
    expect(days).toHaveLength(15);
    expect(calendar.daysOfYear(2024).some((day) => day.kind.startsWith('override'))).toBe(false);
  });
});

describe('WorkingCalendar arithmetic', () => {
  it('nextWorkingDay skips weekends, Tết and its compensatory day', () => {
    expect(plain.nextWorkingDay('2025-01-24')).toBe('2025-01-27');
    expect(plain.nextWorkingDay('2025-01-27')).toBe('2025-02-04');
    expect(plain.nextWorkingDay('2025-02-01')).toBe('2025-02-04');
  });

  it('addWorkingDays counts working days strictly after the date; 0 gives the date itself', () => {
    expect(plain.addWorkingDays('2025-03-14', 1)).toBe('2025-03-17');
    expect(plain.addWorkingDays('2025-03-14', 5)).toBe('2025-03-21');
    expect(plain.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(plain.addWorkingDays('2025-03-15', 0)).toBe('2025-03-15');
  });

  it('workingDaysBetween counts (a, b] and is signed', () => {
    expect(plain.workingDaysBetween('2025-01-24', '2025-02-07')).toBe(5);
    expect(plain.workingDaysBetween('2025-02-07', '2025-01-24')).toBe(-5);
    expect(plain.workingDaysBetween('2025-03-14', '2025-03-14')).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s working days', (n) => {
    expect(problemOf(() => plain.addWorkingDays('2025-03-14', n))).toMatchObject({
      path: 'n',
      messageKey: 'calendar.errors.dayCount',
    });
  });

  it('stops at the end of the supported range', () => {
    expect(problemOf(() => plain.addWorkingDays('2199-12-30', 5)).messageKey).toBe('calendar.errors.yearRange');
  });

  it('passes rule options through', () => {
    const after = new WorkingCalendar({ rules: { nationalDayExtra: 'after' } });
    expect(after.isWorkingDay('2025-09-01')).toBe(true);
    expect(after.isWorkingDay('2025-09-03')).toBe(false);
    expect(() => new WorkingCalendar({ rules: { tetDaysBefore: 7 } })).toThrow(ValidationError);
  });
});

describe('WorkingCalendar properties', () => {
  const n = fc.integer({ min: 0, max: 400 });

  it('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(dateArb, n, n, (date, a, b) => {
        expect(plain.addWorkingDays(plain.addWorkingDays(date, a), b)).toBe(plain.addWorkingDays(date, a + b));
      }),
      { numRuns: 150 },
    );
  });

  it('addWorkingDays gives a working day and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 1000 }), (date, count) => {
        const due = plain.addWorkingDays(date, count);
        expect(plain.isWorkingDay(due)).toBe(true);
        expect(plain.workingDaysBetween(date, due)).toBe(count);
        expect(plain.workingDaysBetween(due, date)).toBe(-count);
      }),
      { numRuns: 100 },
    );
  });

  it('nextWorkingDay leaves only non-working days in between', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const next = plain.nextWorkingDay(date);
        expect(next > date && plain.isWorkingDay(next)).toBe(true);
        for (let day = addDays(date, 1); day < next; day = addDays(day, 1)) expect(plain.isWorkingDay(day)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateOverrides', () => {
  it('reports a date declared both off and working, on the later entry', () => {
    const overrides: CalendarOverride[] = [
      { date: '2025-05-02', kind: 'off', note: 'a' },
      { date: '2025-04-26', kind: 'working', note: 'b' },
      { date: '2025-05-02', kind: 'off', note: 'repeat, same kind' },
      { date: '2025-05-02', kind: 'working', note: 'contradiction' },
    ];
    expect(validateOverrides(overrides)).toEqual([
      { path: 'overrides.3.date', messageKey: 'calendar.errors.overrideConflict', params: { date: '2025-05-02' } },
    ]);
  });

  it('reports bad dates and accepts a clean list', () => {
    expect(
      validateOverrides([
        { date: '2025-13-01', kind: 'off', note: '' },
        { date: '2300-01-02', kind: 'working', note: '' },
      ]).map((problem) => problem.messageKey),
    ).toEqual(['calendar.errors.invalidDate', 'calendar.errors.yearRange']);
    expect(validateOverrides(official2025)).toEqual([]);
  });

  it('makes the constructor refuse contradictory overrides', () => {
    const build = () =>
      new WorkingCalendar({
        overrides: [
          { date: '2025-05-02', kind: 'off', note: '' },
          { date: '2025-05-02', kind: 'working', note: '' },
        ],
      });
    expect(problemOf(build)).toMatchObject({ path: 'overrides.1.date', params: { date: '2025-05-02' } });
  });
});
