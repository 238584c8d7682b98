/**
 * Dates and times as printed on documents, in Vietnam time whatever the process time zone. Documents are printed in
 * Vietnamese, the official language; the wording still comes from the i18n catalogue.
 */
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { translator } from '../../web/i18n/index.ts';

export const t = translator('vi');

const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * `2026-11-27` → `ngày 27 tháng 11 năm 2026`. Days below 10 and months below 3 take a leading zero (`ngày 05 tháng 02`,
 * but `tháng 3`), as Decree 30/2020/NĐ-CP prescribes for the date of a document, so no digit can be put in front.
 */
export function writtenDate(date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return t('documents.date', { day, month: Number(month) < 3 ? month : String(Number(month)), year });
}

/** `14 giờ 30 phút`, `8 giờ 05 phút`, in Vietnam time. */
export function writtenTime(instant: string): string {
  const minutes = Math.floor(vietnamWallClock(new Date(instant)).msOfDay / 60_000);
  return t('documents.time', { hour: Math.floor(minutes / 60), minute: pad(minutes % 60) });
}

/** `14 giờ 30 phút, ngày 27 tháng 11 năm 2026`. */
export function writtenDateTime(instant: string): string {
  return t('documents.dateTime', { time: writtenTime(instant), date: writtenDate(vietnamDate(instant)) });
}

export function vietnamDate(instant: string): string {
  return vietnamWallClock(new Date(instant)).date;
}

/** `27/11/2026`, for table cells. */
export function shortDate(date: string): string {
  return date.split('-').reverse().join('/');
}

/** `27/11/2026` over `14:30`, for narrow table cells. */
export function shortDateTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const minutes = Math.floor(msOfDay / 60_000);
  return `${shortDate(date)}\n${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * A dossier code for a narrow table cell, broken after the agency identifier: line breaking never splits a hyphen
 * from the digits that follow, so the code would otherwise break inside a number.
 */
export function breakableCode(code: string): string {
  return code.replace('-', '-\n');
}
