import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDayNumber,
  parseIsoDate,
  vietnamDateOf,
  vietnamInstant,
  vietnamWallClock,
  weekdayOf,
} from './vn-time.ts';

describe('calendar dates', () => {
  it('parses real dates only', () => {
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('1969-12-31')).toBe(-1);
    expect(parseIsoDate('2024-02-29')).toBe(19_782);
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-1-1',
      '25-01-01',
      '2025-01-01T00:00',
      '0099-01-01',
    ]) {
      expect(parseIsoDate(bad)).toBeUndefined();
    }
  });

  it('adds days and names weekdays across months, years and 1900', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('1900-03-01', -1)).toBe('1900-02-28');
    expect(weekdayOf('2025-09-02')).toBe(2);
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(formatDayNumber(parseIsoDate('2199-12-31')!)).toBe('2199-12-31');
  });
});

describe('Vietnam wall clock (UTC+7)', () => {
  it('converts instants to the Vietnam date and time', () => {
    expect(vietnamDateOf(new Date('2025-03-09T16:59:59.999Z'))).toBe('2025-03-09');
    expect(vietnamDateOf(new Date('2025-03-09T17:00:00Z'))).toBe('2025-03-10');
    expect(vietnamWallClock(new Date('2025-03-10T08:00:00Z'))).toEqual({ date: '2025-03-10', msOfDay: 15 * 3_600_000 });
    expect(vietnamWallClock(new Date('1950-06-30T20:30:00Z'))).toEqual({
      date: '1950-07-01',
      msOfDay: 3.5 * 3_600_000,
    });
  });

  it('converts a Vietnam wall-clock time back to the instant', () => {
    expect(vietnamInstant('2025-03-10', 17 * 3_600_000).toISOString()).toBe('2025-03-10T10:00:00.000Z');
    expect(vietnamInstant('2025-01-01').toISOString()).toBe('2024-12-31T17:00:00.000Z');
  });

  it('round-trips every instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01Z'), max: new Date('2199-12-31Z'), noInvalidDate: true }),
        (instant) => {
          const { date, msOfDay } = vietnamWallClock(instant);
          expect(vietnamInstant(date, msOfDay)).toEqual(instant);
          expect(msOfDay).toBeGreaterThanOrEqual(0);
          expect(msOfDay).toBeLessThan(86_400_000);
        },
      ),
    );
  });
});
