/**
 * The deadline engine: from the acceptance instant of a complete dossier to its due instant, in Vietnam time.
 *
 * Conventions (DESIGN.md §6, DOMAIN.md §5):
 * - Reception day: the acceptance date, unless the dossier was accepted at or after the cut-off (15:00:00 exactly is
 *   already after it; 14:59:59 is not) or on a non-working day; then the next working day.
 * - N working days: day 1 is the first working day after the reception day (Monday 10:00 + 1 day → Tuesday 17:00;
 *   Monday 15:01 + 1 day → Wednesday 17:00). `countReceptionDay: true` makes the reception day itself day 1.
 * - N calendar days: the reception day + N days (same day-1 rule), moved to the next working day if it is not one.
 * - Day-based deadlines fall due at the end of office hours (17:00) of their last day.
 * - N working hours: office time counted from the acceptance instant, or from the next office opening; after the
 *   cut-off or on a non-working day, from the opening of the reception day. A count that ends exactly at a closing
 *   time (11:30, 17:00) falls due then, not at the next opening.
 */
import { type MessageParams, ValidationError } from '../../lib/errors.ts';
import { addDays, parseIsoDate, vietnamDateOf, vietnamInstant, vietnamWallClock } from '../../lib/vn-time.ts';
import { assertDate, type WorkingCalendar } from './working-calendar.ts';

export type DurationUnit = 'workingDays' | 'workingHours' | 'calendarDays';

export interface Duration {
  unit: DurationUnit;
  value: number;
}

export interface OfficeHours {
  /** Vietnam wall-clock time `HH:MM`. */
  start: string;
  end: string;
}

export interface OfficeSettings {
  /** Vietnam time, in hours after midnight, from which a dossier counts as received on the next working day. */
  cutoffHour: number;
  officeHours: readonly OfficeHours[];
  /** Whether the reception day itself is day 1 of a day count (default false: day 1 is the next working day). */
  countReceptionDay: boolean;
}

export const DEFAULT_OFFICE_SETTINGS: Readonly<OfficeSettings> = {
  cutoffHour: 15,
  officeHours: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
  countReceptionDay: false,
};

/** A `Date` or an ISO 8601 instant with `Z` or an explicit offset. */
export type Instant = Date | string;

export interface Deadline {
  /** ISO 8601 UTC instant. */
  dueAt: string;
  /** Vietnam calendar date of `dueAt`. */
  dueDate: string;
}

export interface Pause {
  dueAt: Instant;
  pausedAt: Instant;
  resumedAt: Instant;
  /** The unit of the deadline being paused; default 'workingDays'. */
  unit?: DurationUnit;
}

export interface RemainingTime {
  overdue: boolean;
  /** Office time left before the due instant, or, when overdue, office time elapsed since it. */
  milliseconds: number;
  /** `milliseconds` split into working days (of the configured office hours), hours and minutes. */
  workingDays: number;
  hours: number;
  minutes: number;
}

const DURATION_LIMITS: Readonly<Record<DurationUnit, number>> = {
  workingDays: 1000,
  workingHours: 8000,
  calendarDays: 3650,
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Interval {
  start: number;
  end: number;
}

export class DeadlineEngine {
  readonly #calendar: WorkingCalendar;
  readonly #cutoff: number;
  readonly #countReceptionDay: boolean;
  /** Office hours as milliseconds after midnight, sorted and disjoint. */
  readonly #intervals: readonly Interval[];
  readonly #officeDayMs: number;

  constructor(calendar: WorkingCalendar, settings: Partial<OfficeSettings> = {}) {
    const { cutoffHour, officeHours, countReceptionDay } = { ...DEFAULT_OFFICE_SETTINGS, ...settings };
    if (!Number.isFinite(cutoffHour) || cutoffHour < 0 || cutoffHour > 24) {
      throw invalid('cutoffHour', 'calendar.errors.cutoffHour', { value: cutoffHour });
    }
    this.#calendar = calendar;
    this.#cutoff = Math.round(cutoffHour * HOUR_MS);
    this.#countReceptionDay = countReceptionDay;
    this.#intervals = parseOfficeHours(officeHours);
    this.#officeDayMs = this.#intervals.reduce((sum, { start, end }) => sum + end - start, 0);
  }

  /** The due instant of a dossier accepted at `acceptedAt` with the given processing time. */
  deadline(acceptedAt: Instant, duration: Duration): Deadline {
    const accepted = toInstant(acceptedAt, 'acceptedAt');
    const { unit, value } = checkDuration(duration);
    const receptionDay = this.receptionDay(accepted);
    if (unit === 'workingHours') {
      const start =
        receptionDay === vietnamDateOf(accepted) ? accepted : vietnamInstant(receptionDay, this.#intervals[0]!.start);
      return toDeadline(this.#walkOfficeTime(start, Math.round(value * HOUR_MS)));
    }
    const days = this.#countReceptionDay ? Math.max(value - 1, 0) : value;
    const lastDay =
      unit === 'workingDays'
        ? this.#calendar.addWorkingDays(receptionDay, days)
        : this.#workingDayFrom(addDays(receptionDay, days));
    return this.#endOfDay(lastDay);
  }

  /** The Vietnam date from which the dossier counts as received: see the cut-off rule above. */
  receptionDay(acceptedAt: Instant): string {
    const { date, msOfDay } = vietnamWallClock(toInstant(acceptedAt, 'acceptedAt'));
    return this.#calendar.isWorkingDay(date) && msOfDay < this.#cutoff ? date : this.#calendar.nextWorkingDay(date);
  }

  /**
   * Moves a due instant by a pause (a supplement or payment request). Day-based deadlines move by the working (or
   * calendar) days in (pause date, resume date]: the day of pausing still counts, and counting restarts the day after
   * resumption, as it starts the day after reception. Hour-based deadlines move by the office time paused.
   */
  applyPause({ dueAt, pausedAt, resumedAt, unit = 'workingDays' }: Pause): Deadline {
    const due = toInstant(dueAt, 'dueAt');
    const paused = toInstant(pausedAt, 'pausedAt');
    const resumed = toInstant(resumedAt, 'resumedAt');
    if (resumed < paused) throw invalid('resumedAt', 'calendar.errors.pauseOrder');
    if (unit === 'workingHours') return toDeadline(this.#addOfficeTime(due, this.#officeTimeBetween(paused, resumed)));
    const { date, msOfDay } = vietnamWallClock(due);
    const [pauseDate, resumeDate] = [vietnamDateOf(paused), vietnamDateOf(resumed)];
    const newDate =
      unit === 'workingDays'
        ? this.#calendar.addWorkingDays(date, this.#calendar.workingDaysBetween(pauseDate, resumeDate))
        : this.#workingDayFrom(addDays(date, dayNumber(resumeDate) - dayNumber(pauseDate)));
    return toDeadline(vietnamInstant(newDate, msOfDay));
  }

  remainingWorkingTime(now: Instant, dueAt: Instant): RemainingTime {
    const [from, to] = [toInstant(now, 'now'), toInstant(dueAt, 'dueAt')];
    const overdue = from > to;
    const milliseconds = overdue ? this.#officeTimeBetween(to, from) : this.#officeTimeBetween(from, to);
    const withinDay = milliseconds % this.#officeDayMs;
    return {
      overdue,
      milliseconds,
      workingDays: Math.floor(milliseconds / this.#officeDayMs),
      hours: Math.floor(withinDay / HOUR_MS),
      minutes: Math.floor((withinDay % HOUR_MS) / MINUTE_MS),
    };
  }

  /** Not yet overdue, and `now` falls on one of the last `thresholdWorkingDays` working days (default: the last). */
  isDueSoon(now: Instant, dueAt: Instant, thresholdWorkingDays = 1): boolean {
    if (!Number.isInteger(thresholdWorkingDays) || thresholdWorkingDays < 0) {
      throw invalid('thresholdWorkingDays', 'calendar.errors.dayCount', { value: thresholdWorkingDays });
    }
    if (this.isOverdue(now, dueAt)) return false;
    const daysLeft = this.#calendar.workingDaysBetween(
      vietnamDateOf(toInstant(now, 'now')),
      vietnamDateOf(toInstant(dueAt, 'dueAt')),
    );
    return daysLeft < thresholdWorkingDays;
  }

  isOverdue(now: Instant, dueAt: Instant): boolean {
    return toInstant(now, 'now') > toInstant(dueAt, 'dueAt');
  }

  #endOfDay(date: string): Deadline {
    return { dueAt: vietnamInstant(date, this.#intervals.at(-1)!.end).toISOString(), dueDate: date };
  }

  #workingDayFrom(date: string): string {
    return this.#calendar.isWorkingDay(date) ? date : this.#calendar.nextWorkingDay(date);
  }

  /** The instant `ms` of office time after `from`; a count ending at a closing time ends there. */
  #addOfficeTime(from: Date, ms: number): Date {
    return ms === 0 ? from : this.#walkOfficeTime(from, ms);
  }

  /**
   * The instant `ms` of office time after `from`; with `ms` 0, the first office instant at or after `from` (a dossier
   * accepted before opening with a zero-hour limit is due at opening, not before).
   */
  #walkOfficeTime(from: Date, ms: number): Date {
    let { date, msOfDay } = vietnamWallClock(from);
    let left = ms;
    for (;;) {
      if (this.#calendar.isWorkingDay(date)) {
        for (const { start, end } of this.#intervals) {
          const begin = Math.max(start, msOfDay);
          if (begin >= end) continue;
          if (left <= end - begin) return vietnamInstant(date, begin + left);
          left -= end - begin;
        }
      }
      date = addDays(date, 1);
      msOfDay = 0;
    }
  }

  /** Office time between two instants, from ≤ to. */
  #officeTimeBetween(from: Date, to: Date): number {
    let total = 0;
    const last = vietnamDateOf(to);
    for (let date = vietnamDateOf(from); date <= last; date = addDays(date, 1)) {
      if (!this.#calendar.isWorkingDay(date)) continue;
      for (const { start, end } of this.#intervals) {
        const begin = Math.max(vietnamInstant(date, start).getTime(), from.getTime());
        const finish = Math.min(vietnamInstant(date, end).getTime(), to.getTime());
        total += Math.max(finish - begin, 0);
      }
    }
    return total;
  }
}

function toDeadline(instant: Date): Deadline {
  return { dueAt: instant.toISOString(), dueDate: vietnamDateOf(instant) };
}

function toInstant(value: Instant, path: string): Date {
  // Date parsing would roll 2025-02-30 over to 2 March: check the date part first.
  const wellFormed = (text: string) => ISO_INSTANT.test(text) && parseIsoDate(text.slice(0, 10)) !== undefined;
  const instant = typeof value === 'string' && wellFormed(value) ? new Date(value) : value;
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw invalid(path, 'calendar.errors.invalidInstant', { value: String(value) });
  }
  assertDate(vietnamDateOf(instant), path);
  return instant;
}

function checkDuration(duration: Duration): Duration {
  const { unit, value } = duration;
  if (!Object.hasOwn(DURATION_LIMITS, unit)) throw invalid('unit', 'calendar.errors.durationUnit', { value: unit });
  const max = DURATION_LIMITS[unit];
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw invalid(unit, 'calendar.errors.durationRange', { min: 0, max });
  }
  if (unit !== 'workingHours' && !Number.isInteger(value)) throw invalid(unit, 'calendar.errors.durationInteger');
  return duration;
}

function parseOfficeHours(officeHours: readonly OfficeHours[]): Interval[] {
  const intervals = officeHours.map(({ start, end }) => ({ start: clockTime(start), end: clockTime(end) }));
  const valid =
    intervals.length > 0 &&
    intervals.every(({ start, end }, i) => start < end && (i === 0 || start >= intervals[i - 1]!.end));
  if (!valid) throw invalid('officeHours', 'calendar.errors.officeHours');
  return intervals;
}

/** Milliseconds after midnight of `HH:MM`, or NaN (which fails every comparison) when malformed. */
function clockTime(text: string): number {
  const match = CLOCK_TIME.exec(text);
  return match ? (Number(match[1]) * 60 + Number(match[2])) * MINUTE_MS : Number.NaN;
}

function dayNumber(date: string): number {
  return parseIsoDate(date)!;
}

function invalid(path: string, messageKey: string, params?: MessageParams): ValidationError {
  return new ValidationError([{ path, messageKey, ...(params && { params }) }]);
}
