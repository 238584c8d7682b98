/**
 * Money is integer đồng (DESIGN.md §6). Amounts are printed with dot thousands separators (`135.000 đ`) and, on
 * receipts, also in words.
 *
 * Reading follows the usual administrative and banking style (northern standard, as on state treasury forms):
 * - `nghìn` (not `ngàn`), `tỷ` (not `tỉ`); above a thousand billion: `nghìn tỷ`, `triệu tỷ`.
 * - A zero tens digit before a non-zero unit reads `linh` (not `lẻ`): 105 → một trăm linh năm.
 * - The unit 1 after a tens digit of 2–9 reads `mốt` (hai mươi mốt), after `mười` and `linh` `một`.
 * - The unit 5 after any tens digit reads `lăm` (mười lăm, hai mươi lăm), after `linh` `năm`.
 * - The unit 4 always reads `bốn` (hai mươi bốn): `tư` is colloquial and avoided on financial documents.
 * - A group of three digits after a larger one is read in full, `không trăm` included (1.005.000 → một triệu không
 *   trăm linh năm nghìn); groups that are all zeros are skipped (21.000.000 → hai mươi mốt triệu).
 */
import type { Locale } from '../web/i18n/index.ts';
import { ValidationError } from './errors.ts';

/** The largest amount handled, 10^15 đồng (một triệu tỷ). */
export const MAX_VND = 1_000_000_000_000_000;

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const BILLION = 1_000_000_000;
const GROUP_NAMES = ['', 'nghìn', 'triệu'] as const;

/** `135000` → `135.000 đ`. */
export function formatVnd(amount: number): string {
  assertAmount(amount);
  return formatDong(amount);
}

/** `135000` → `Một trăm ba mươi lăm nghìn đồng`; `0` → `Không đồng`. */
export function vndInWords(amount: number): string {
  assertAmount(amount);
  const words = amount === 0 ? 'không' : readNumber(amount, true);
  return `${words.charAt(0).toLocaleUpperCase('vi')}${words.slice(1)} đồng`;
}

function assertAmount(amount: number): void {
  const messageKey = !Number.isInteger(amount)
    ? 'money.errors.notInteger'
    : amount < 0
      ? 'money.errors.negative'
      : amount > MAX_VND
        ? 'money.errors.tooLarge'
        : undefined;
  if (messageKey) throw new ValidationError([{ path: 'amount', messageKey, params: { value: String(amount) } }]);
}

/**
 * Words for `n` ≥ 1. `leading` says nothing precedes it, so its highest group is read short (5 → năm, not không trăm
 * linh năm). Billions nest: the part above a billion is itself read as a number, then `tỷ`.
 */
function readNumber(n: number, leading: boolean): string {
  const billions = Math.floor(n / BILLION);
  const rest = n % BILLION;
  const parts: string[] = [];
  if (billions > 0) parts.push(readNumber(billions, leading), 'tỷ');
  for (let index = 2; index >= 0; index--) {
    const group = Math.floor(rest / 1000 ** index) % 1000;
    if (group === 0) continue;
    parts.push(readGroup(group, leading && parts.length === 0));
    const name = GROUP_NAMES[index];
    if (name) parts.push(name);
  }
  return parts.join(' ');
}

/** Words for 1–999; a full group (not leading) always says its hundreds, `không trăm` included. */
function readGroup(group: number, leading: boolean): string {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const units = group % 10;
  const words: string[] = [];
  if (hundreds > 0 || !leading) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh');
  } else {
    words.push(...(tens === 1 ? ['mười'] : [DIGITS[tens]!, 'mươi']));
  }
  if (units > 0) {
    const unitWord = units === 5 && tens > 0 ? 'lăm' : units === 1 && tens > 1 ? 'mốt' : DIGITS[units]!;
    words.push(unitWord);
  }
  return words.join(' ');
}

/** Groups the digits of a whole number in threes: `135.000` in Vietnamese, `135,000` in English. */
function groupDigits(value: number, separator: string): string {
  const [whole = '0', fraction] = Math.abs(value).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `${separator === '.' ? ',' : '.'}${fraction}` : ''}`;
}

/** An amount of đồng (an integer): `135.000 đ`, or `135,000 VND` in English. */
export function formatDong(amount: number, locale: Locale = 'vi'): string {
  return locale === 'vi' ? `${groupDigits(amount, '.')} đ` : `${groupDigits(amount, ',')} VND`;
}

/** A number as the reader writes it: `0,5` and `1.000` in Vietnamese. */
export function formatNumber(value: number, locale: Locale = 'vi'): string {
  return groupDigits(value, locale === 'vi' ? '.' : ',');
}
