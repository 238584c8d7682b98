/**
 * Vietnam time (Asia/Ho_Chi_Minh): UTC+7, no daylight saving since 1975. Calendar dates are `YYYY-MM-DD` strings;
 * all arithmetic runs on UTC values, so results never depend on the process time zone.
 */
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date `YYYY-MM-DD`, or undefined when the text is not one. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(Date.UTC(year, month - 1, day));
  const real = value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === day;
  return real ? value.getTime() / DAY_MS : undefined;
}

export function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Adds calendar days to a valid `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return formatDayNumber((parseIsoDate(date) ?? Number.NaN) + days);
}

/** 0 = Sunday … 6 = Saturday, for a valid `YYYY-MM-DD`. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function vietnamDateOf(instant: Date): string {
  return vietnamWallClock(instant).date;
}

/** The Vietnam calendar date of an instant and its wall-clock time on that date, in milliseconds after midnight. */
export function vietnamWallClock(instant: Date): { date: string; msOfDay: number } {
  const shifted = instant.getTime() + VIETNAM_OFFSET_MS;
  const dayNumber = Math.floor(shifted / DAY_MS);
  return { date: formatDayNumber(dayNumber), msOfDay: shifted - dayNumber * DAY_MS };
}

/** The instant at a Vietnam wall-clock time (milliseconds after midnight) on a valid `YYYY-MM-DD`. */
export function vietnamInstant(date: string, msOfDay = 0): Date {
  return new Date((parseIsoDate(date) ?? Number.NaN) * DAY_MS + msOfDay - VIETNAM_OFFSET_MS);
}
