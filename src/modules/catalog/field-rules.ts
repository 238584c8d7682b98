/**
 * The checks of one e-form value against its field's rules: the server's form check (`form-values.ts`) and the
 * portal's inline validation in the browser run this same code, so both say the same thing about the same value.
 * It must stay free of server-only imports (it is bundled into the citizen pages' script).
 */
import { regexes } from 'zod/v4/core';
import type { MessageParams } from '../../lib/errors.ts';
import type { CatalogMessageKey } from '../../web/i18n/catalog.ts';
import type { ColumnField } from './catalog.schema.ts';

export type ScalarValue = string | number | boolean;

export type ValueCheck =
  | { ok: true; value: ScalarValue | undefined }
  | { ok: false; messageKey: CatalogMessageKey; params?: MessageParams };

/** Every message a value check can give, for a page that shows them without asking the server. */
export const VALUE_MESSAGE_KEYS = [
  'catalog.values.required',
  'catalog.values.mustBeChecked',
  'catalog.values.invalidType',
  'catalog.values.tooShort',
  'catalog.values.tooLong',
  'catalog.values.patternMismatch',
  'catalog.values.numberInvalid',
  'catalog.values.moneyInvalid',
  'catalog.values.tooSmall',
  'catalog.values.tooLarge',
  'catalog.values.dateInvalid',
  'catalog.values.dateTooEarly',
  'catalog.values.dateTooLate',
  'catalog.values.optionInvalid',
  'catalog.values.cccdFormat',
  'catalog.values.cccdProvince',
  'catalog.values.phoneInvalid',
  'catalog.values.emailInvalid',
] as const satisfies readonly CatalogMessageKey[];

export const ADDRESS_PARTS = ['detail', 'commune', 'province'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** Personal identification number: 3-digit province of registration, then century/sex, birth year and serial. */
const CCCD = /^\d{12}$/;
const LAST_PROVINCE_CODE = 96;
/** Mobile numbers: the 03, 05, 07, 08 and 09 ranges, written nationally (`0…`) or internationally (`+84…`). */
const MOBILE_PHONE = /^(?:0|\+84)([35789]\d{8})$/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
/** Whole đồng, optionally grouped by thousands with one consistent separator: `1500000`, `1.500.000`, `1 500 000`. */
const MONEY = /^(?:\d+|\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_STRINGS = new Set(['true', 'on', '1']);
const FALSE_STRINGS = new Set(['false', 'off', '0', '']);

/**
 * Checks one value of a simple field: a string as a form posts it (numbers too for number and money fields, booleans
 * for checkboxes, as the JSON API sends them). An empty optional value is fine and gives no value.
 */
export function checkValue(field: ColumnField, raw: unknown): ValueCheck {
  const problem = (messageKey: CatalogMessageKey, params?: MessageParams): ValueCheck =>
    params ? { ok: false, messageKey, params } : { ok: false, messageKey };
  if (field.type === 'checkbox') {
    const checked = parseCheckbox(raw);
    if (checked === undefined) return problem('catalog.values.invalidType');
    return field.required && !checked ? problem('catalog.values.mustBeChecked') : { ok: true, value: checked };
  }
  if (isEmpty(raw)) return field.required ? problem('catalog.values.required') : { ok: true, value: undefined };
  if (typeof raw !== 'string' && !(typeof raw === 'number' && (field.type === 'number' || field.type === 'money'))) {
    return problem('catalog.values.invalidType');
  }
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const text = cleanText(String(raw), field.type === 'textarea');
      const { minLength, maxLength, pattern } = field.validation ?? {};
      const length = [...text].length;
      if (minLength !== undefined && length < minLength)
        return problem('catalog.values.tooShort', { minimum: minLength });
      if (maxLength !== undefined && length > maxLength)
        return problem('catalog.values.tooLong', { maximum: maxLength });
      if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`, 'u').test(text)) {
        return problem('catalog.values.patternMismatch');
      }
      return { ok: true, value: text };
    }
    case 'number':
    case 'money': {
      const number = field.type === 'money' ? parseMoney(raw) : parseNumber(raw);
      if (number === undefined) {
        return problem(field.type === 'money' ? 'catalog.values.moneyInvalid' : 'catalog.values.numberInvalid');
      }
      const { min, max } = field.validation ?? {};
      if (min !== undefined && number < min) return problem('catalog.values.tooSmall', { minimum: min });
      if (max !== undefined && number > max) return problem('catalog.values.tooLarge', { maximum: max });
      return { ok: true, value: number };
    }
    case 'date': {
      const date = String(raw).trim();
      if (!isIsoDate(date)) return problem('catalog.values.dateInvalid');
      const { min, max } = field.validation ?? {};
      if (min !== undefined && date < min) return problem('catalog.values.dateTooEarly', { minimum: min });
      if (max !== undefined && date > max) return problem('catalog.values.dateTooLate', { maximum: max });
      return { ok: true, value: date };
    }
    case 'select': {
      const choice = String(raw).trim();
      return field.options.some((option) => option.value === choice)
        ? { ok: true, value: choice }
        : problem('catalog.values.optionInvalid');
    }
    case 'cccd': {
      const number = String(raw).replace(/\s/g, '');
      if (!CCCD.test(number)) return problem('catalog.values.cccdFormat');
      return isProvinceCode(number.slice(0, 3)) ? { ok: true, value: number } : problem('catalog.values.cccdProvince');
    }
    case 'phone': {
      const phone = normaliseMobilePhone(String(raw));
      return phone ? { ok: true, value: phone } : problem('catalog.values.phoneInvalid');
    }
    case 'email': {
      const address = String(raw).trim();
      return regexes.email.test(address) ? { ok: true, value: address } : problem('catalog.values.emailInvalid');
    }
  }
}

/**
 * The parts of an address that are missing, or `whole` when nothing is filled in and the address is required. A
 * partly filled address is incomplete even when the field is optional.
 */
export function missingAddressParts(required: boolean, parts: Record<AddressPart, string>): AddressPart[] | 'whole' {
  const missing = ADDRESS_PARTS.filter((part) => parts[part] === '');
  if (missing.length === ADDRESS_PARTS.length) return required ? 'whole' : [];
  return missing;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isCccd(text: string): boolean {
  return CCCD.test(text) && isProvinceCode(text.slice(0, 3));
}

/** The number in national form (`0912345678`), or undefined when it is not a Vietnamese mobile number. */
export function normaliseMobilePhone(text: string): string | undefined {
  const match = MOBILE_PHONE.exec(text.replace(/[\s.()-]/g, ''));
  return match ? `0${match[1]}` : undefined;
}

export function parseCheckbox(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null || typeof raw === 'boolean') return raw === true;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().toLowerCase();
  return TRUE_STRINGS.has(text) ? true : FALSE_STRINGS.has(text) ? false : undefined;
}

/** NFC so lengths and patterns see composed Vietnamese letters; single-line text also loses inner line breaks. */
export function cleanText(text: string, multiline: boolean): string {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n');
  return (multiline ? normalised : normalised.replace(/\s+/g, ' ')).trim();
}

export function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function parseNumber(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = raw.trim();
  return NUMBER.test(text) ? Number(text.replace(',', '.')) : undefined;
}

function parseMoney(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  const text = raw.trim();
  if (!MONEY.test(text)) return undefined;
  const amount = Number(text.replace(/[., ]/g, ''));
  return Number.isSafeInteger(amount) ? amount : undefined;
}

function isProvinceCode(digits: string): boolean {
  const code = Number(digits);
  return code >= 1 && code <= LAST_PROVINCE_CODE;
}
