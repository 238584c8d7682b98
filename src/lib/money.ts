import type { Locale } from '../web/i18n/index.ts';

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
