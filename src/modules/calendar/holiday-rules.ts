/// <reference path="../../../node_modules/date-chinese/types/index.d.ts" />
// date-chinese ships its types as an ambient module that NodeNext resolution does not find through its exports.
/**
 * Public holidays computed by rule (Labour Code 2019, art. 111.3 and 112.1) for one year. The official yearly schedule
 * decided by the Prime Minister is layered on top as overrides (see working-calendar.ts).
 */
import { CalendarVietnamese } from 'date-chinese';
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import { addDays, weekdayOf } from '../../lib/vn-time.ts';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export type HolidayId = 'newYear' | 'tet' | 'hungKings' | 'victory' | 'labour' | 'nationalDay';

/** Vietnamese names; `calendar.holiday.<id>` in the i18n catalogue translates them. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayId, string>> = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
};

export interface RuleDay {
  readonly date: string;
  readonly name: string;
  readonly kind: 'holiday' | 'compensatory';
  readonly holiday: HolidayId;
}

export interface HolidayRuleOptions {
  /** Tết days before lunar New Year's Day (0–4); the 5-day break continues from it. Default 1: the eve + 4 days. */
  tetDaysBefore?: number;
  /**
   * The day joined to 2/9: 'before' (1/9), 'after' (3/9) or 'auto' (default): 3/9 when 2/9 falls on Sunday, Monday or
   * Thursday, otherwise 1/9 — the choice that joins the break to a weekend, as in the 2023–2025 schedules.
   */
  nationalDayExtra?: NationalDayExtra;
}

export type NationalDayExtra = 'auto' | 'before' | 'after';

const TET_DAYS = 5;
const cache = new Map<string, readonly RuleDay[]>();

/** Holidays and compensatory days off of a year (1900–2199), sorted by date. */
export function holidaysOfYear(year: number, options: HolidayRuleOptions = {}): readonly RuleDay[] {
  const problem = yearProblem(year, 'year');
  if (problem) throw new ValidationError([problem]);
  assertRuleOptions(options);
  const tetDaysBefore = options.tetDaysBefore ?? 1;
  const nationalDayExtra = options.nationalDayExtra ?? 'auto';
  const key = `${year}|${tetDaysBefore}|${nationalDayExtra}`;
  let days = cache.get(key);
  if (!days) {
    days = Object.freeze(computeYear(year, tetDaysBefore, nationalDayExtra).map((day) => Object.freeze(day)));
    cache.set(key, days);
  }
  return days;
}

export function assertRuleOptions({ tetDaysBefore = 1 }: HolidayRuleOptions): void {
  if (!Number.isInteger(tetDaysBefore) || tetDaysBefore < 0 || tetDaysBefore >= TET_DAYS) {
    throw new ValidationError([
      { path: 'tetDaysBefore', messageKey: 'calendar.errors.tetDaysBefore', params: { max: TET_DAYS - 1 } },
    ]);
  }
}

export function yearProblem(year: number, path: string): FieldProblem | undefined {
  if (Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) return undefined;
  return { path, messageKey: 'calendar.errors.yearRange', params: { min: MIN_YEAR, max: MAX_YEAR } };
}

function computeYear(year: number, tetDaysBefore: number, nationalDayExtra: NationalDayExtra): RuleDay[] {
  const nationalDay = `${year}-09-02`;
  const extraAfter =
    nationalDayExtra === 'after' || (nationalDayExtra === 'auto' && [0, 1, 4].includes(weekdayOf(nationalDay)));
  const tetStart = addDays(lunarToSolar(year, 1, 1), -tetDaysBefore);
  const candidates: [string, HolidayId][] = [
    [`${year}-01-01`, 'newYear'],
    ...Array.from({ length: TET_DAYS }, (_, i): [string, HolidayId] => [addDays(tetStart, i), 'tet']),
    [lunarToSolar(year, 3, 10), 'hungKings'],
    [`${year}-04-30`, 'victory'],
    [`${year}-05-01`, 'labour'],
    [nationalDay, 'nationalDay'],
    [addDays(nationalDay, extraAfter ? 1 : -1), 'nationalDay'],
  ];
  // Holidays that coincide (Hùng Kings fell on 30/4 in 1917 and 1947) give one day off, not two.
  const holidays = new Map<string, RuleDay>();
  for (const [date, holiday] of candidates.sort(([a], [b]) => a.localeCompare(b))) {
    if (!holidays.has(date)) holidays.set(date, { date, name: HOLIDAY_NAMES[holiday], kind: 'holiday', holiday });
  }
  const taken = new Set(holidays.keys());
  const compensatory: RuleDay[] = [];
  for (const day of holidays.values()) {
    if (!isWeekend(day.date)) continue;
    let date = addDays(day.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    compensatory.push({ date, name: `Nghỉ bù ${day.name}`, kind: 'compensatory', holiday: day.holiday });
  }
  return [...holidays.values(), ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}

/** Lunar date of the Vietnamese calendar (UTC+7 from 1968; UTC+8 before, as then used) in a Gregorian year. */
function lunarToSolar(year: number, month: number, day: number): string {
  // The cycle and lunar year arguments are ignored when toGregorian gets the Gregorian year of that lunar year.
  const solar = new CalendarVietnamese(0, 0, month, 0, day).toGregorian(year);
  return `${solar.year}-${String(solar.month).padStart(2, '0')}-${String(solar.day).padStart(2, '0')}`;
}

function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}
