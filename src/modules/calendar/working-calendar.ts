/**
 * The working-day calendar: Monday to Friday, minus rule-computed holidays and compensatory days, corrected by the
 * administrator's per-year overrides (the official yearly schedule, swapped Saturdays included). Dates are Vietnam
 * calendar dates `YYYY-MM-DD`.
 */
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import { addDays, parseIsoDate, weekdayOf } from '../../lib/vn-time.ts';
import {
  assertRuleOptions,
  type HolidayId,
  type HolidayRuleOptions,
  holidaysOfYear,
  type RuleDay,
  yearProblem,
} from './holiday-rules.ts';

export interface CalendarOverride {
  date: string;
  /** 'off' adds a day off; 'working' makes a day a working day (a make-up Saturday, a removed holiday). */
  kind: 'off' | 'working';
  note: string;
}

export type CalendarDayKind = 'holiday' | 'compensatory' | 'override-off' | 'override-working';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  /** The holiday name, or the override's note. */
  name: string;
  holiday?: HolidayId;
}

export interface WorkingCalendarOptions {
  overrides?: readonly CalendarOverride[];
  rules?: HolidayRuleOptions;
}

/** Problems in a list of overrides: bad dates, and a date that is both off and working (reported on the later one). */
export function validateOverrides(overrides: readonly CalendarOverride[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kinds = new Map<string, CalendarOverride['kind']>();
  overrides.forEach(({ date, kind }, index) => {
    const path = `overrides.${index}.date`;
    const problem = dateProblem(date, path);
    const seen = kinds.get(date);
    if (problem) problems.push(problem);
    else if (seen === undefined) kinds.set(date, kind);
    else if (seen !== kind) problems.push({ path, messageKey: 'calendar.errors.overrideConflict', params: { date } });
  });
  return problems;
}

export function assertDate(date: string, path = 'date'): void {
  const problem = dateProblem(date, path);
  if (problem) throw new ValidationError([problem]);
}

function dateProblem(date: string, path: string): FieldProblem | undefined {
  if (parseIsoDate(date) === undefined)
    return { path, messageKey: 'calendar.errors.invalidDate', params: { value: date } };
  return yearProblem(Number(date.slice(0, 4)), path);
}

export class WorkingCalendar {
  readonly #overrides: ReadonlyMap<string, CalendarOverride>;
  readonly #rules: HolidayRuleOptions;
  readonly #ruleDays = new Map<string, ReadonlyMap<string, RuleDay>>();

  constructor({ overrides = [], rules = {} }: WorkingCalendarOptions = {}) {
    const problems = validateOverrides(overrides);
    if (problems.length > 0) throw new ValidationError(problems);
    assertRuleOptions(rules);
    this.#overrides = new Map(overrides.map((override) => [override.date, override]));
    this.#rules = { ...rules };
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    return this.#isWorking(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** The n-th working day strictly after `date` (n ≥ 0; n = 0 gives `date` itself, working or not). */
  addWorkingDays(date: string, n: number): string {
    assertDate(date);
    if (!Number.isInteger(n) || n < 0) {
      throw new ValidationError([{ path: 'n', messageKey: 'calendar.errors.dayCount', params: { value: n } }]);
    }
    let day = date;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.#isWorking(day)) left--;
    }
    return day;
  }

  /** Working days in (a, b], negated (b, a] when b is before a: workingDaysBetween(a, addWorkingDays(a, n)) = n. */
  workingDaysBetween(a: string, b: string): number {
    assertDate(a, 'a');
    assertDate(b, 'b');
    const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.#isWorking(day)) count++;
    }
    return sign * count;
  }

  /** Every day of the year that differs from a plain week: holidays, compensatory days and overrides, by date. */
  daysOfYear(year: number): CalendarDay[] {
    const days = new Map<string, CalendarDay>();
    for (const { date, kind, name, holiday } of holidaysOfYear(year, this.#rules)) {
      days.set(date, { date, kind, name, holiday });
    }
    for (const { date, kind, note } of this.#overrides.values()) {
      if (date.startsWith(`${year}-`)) days.set(date, { date, kind: `override-${kind}`, name: note });
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  #isWorking(date: string): boolean {
    const ruleDay = this.#ruleDaysOf(date.slice(0, 4)).get(date);
    const override = this.#overrides.get(date);
    if (override) return override.kind === 'working';
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6 && ruleDay === undefined;
  }

  #ruleDaysOf(year: string): ReadonlyMap<string, RuleDay> {
    let days = this.#ruleDays.get(year);
    if (!days) {
      days = new Map(holidaysOfYear(Number(year), this.#rules).map((day) => [day.date, day]));
      this.#ruleDays.set(year, days);
    }
    return days;
  }
}
