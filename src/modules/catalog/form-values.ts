/**
 * Server-side check of a citizen's e-form values against a case's form definition.
 *
 * Input: one flat object keyed by field key (keys are unique within a form), as the JSON API sends it or as the page
 * handlers assemble it from the section pages. Strings are accepted for every type, since HTML forms post strings.
 *
 * Output: the normalised values, keyed the same way. Hidden fields (`visibleWhen` not met) are dropped and never
 * required; empty optional fields are left out; keys the form does not define are ignored.
 *
 * Problem paths name the field by its keys, not by its position in the definition:
 *   `sections.<sectionKey>.fields.<fieldKey>`                      the field itself
 *   `sections.<sectionKey>.fields.<fieldKey>.<part>`               a part of an address: detail | commune | province
 *   `sections.<sectionKey>.fields.<fieldKey>.rows.<i>.<columnKey>` a table cell, `i` counting from 0 in the input
 */
import { z } from 'zod';
import type { FieldProblem, MessageParams } from '../../lib/errors.ts';
import type { CatalogMessageKey } from '../../web/i18n/catalog.ts';
import { type ColumnField, type FormDefinition, type FormField, isIsoDate } from './catalog.schema.ts';

export type ScalarValue = string | number | boolean;
export interface AddressValue {
  /** House number and street, or hamlet (số nhà, đường / thôn, ấp). */
  detail: string;
  /** Commune or ward (xã, phường, đặc khu) — the lower level of the two-level local government. */
  commune: string;
  province: string;
}
export type TableRow = Record<string, ScalarValue>;
export type FormValue = ScalarValue | AddressValue | TableRow[];
export type FormValues = Record<string, FormValue>;

export type FormValuesResult = { ok: true; values: FormValues } | { ok: false; problems: FieldProblem[] };

const ADDRESS_PARTS = ['detail', 'commune', 'province'] as const;
/** Personal identification number: 3-digit province of registration, then century/sex, birth year and serial. */
const CCCD = /^\d{12}$/;
const LAST_PROVINCE_CODE = 96;
/** Mobile numbers: the 03, 05, 07, 08 and 09 ranges, written nationally (`0…`) or internationally (`+84…`). */
const MOBILE_PHONE = /^(?:0|\+84)([35789]\d{8})$/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
/** Whole đồng, optionally grouped by thousands with one consistent separator: `1500000`, `1.500.000`, `1 500 000`. */
const MONEY = /^(?:\d+|\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*)$/;
const TRUE_STRINGS = new Set(['true', 'on', '1']);
const FALSE_STRINGS = new Set(['false', 'off', '0', '']);
const email = z.email();

export function validateFormValues(form: FormDefinition, input: Readonly<Record<string, unknown>>): FormValuesResult {
  const values: FormValues = {};
  const problems: FieldProblem[] = [];
  const report: Report = (path, messageKey, params) => {
    problems.push({ path, messageKey, ...(params ? { params } : {}) });
  };
  for (const section of form.sections) {
    for (const field of section.fields) {
      // A condition on a hidden, empty or invalid field is not met, so hiding cascades down the form.
      if (field.visibleWhen && values[field.visibleWhen.field] !== field.visibleWhen.equals) continue;
      const path = `sections.${section.key}.fields.${field.key}`;
      const value = normaliseField(field, input[field.key], path, report);
      if (value !== undefined) values[field.key] = value;
    }
  }
  return problems.length === 0 ? { ok: true, values } : { ok: false, problems };
}

export function isCccd(text: string): boolean {
  return CCCD.test(text) && isProvinceCode(text.slice(0, 3));
}

/** The number in national form (`0912345678`), or undefined when it is not a Vietnamese mobile number. */
export function normaliseMobilePhone(text: string): string | undefined {
  const match = MOBILE_PHONE.exec(text.replace(/[\s.()-]/g, ''));
  return match ? `0${match[1]}` : undefined;
}

type Report = (path: string, messageKey: CatalogMessageKey, params?: MessageParams) => void;

function normaliseField(field: FormField, raw: unknown, path: string, report: Report): FormValue | undefined {
  switch (field.type) {
    case 'address':
      return normaliseAddress(field.required, raw, path, report);
    case 'table':
      return normaliseTable(field, raw, path, report);
    default:
      return normaliseSimple(field, raw, path, report);
  }
}

function normaliseSimple(field: ColumnField, raw: unknown, path: string, report: Report): ScalarValue | undefined {
  if (field.type === 'checkbox') {
    const checked = parseCheckbox(raw);
    if (checked === undefined) report(path, 'catalog.values.invalidType');
    else if (field.required && !checked) report(path, 'catalog.values.mustBeChecked');
    return checked;
  }
  if (isEmpty(raw)) {
    if (field.required) report(path, 'catalog.values.required');
    return undefined;
  }
  if (typeof raw !== 'string' && !(typeof raw === 'number' && (field.type === 'number' || field.type === 'money'))) {
    report(path, 'catalog.values.invalidType');
    return undefined;
  }
  const problem = (messageKey: CatalogMessageKey, params?: MessageParams) => {
    report(path, messageKey, params);
    return undefined;
  };
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const text = cleanText(String(raw), field.type === 'textarea');
      const { minLength, maxLength, pattern } = field.validation ?? {};
      const length = [...text].length;
      if (minLength !== undefined && length < minLength) {
        return problem('catalog.values.tooShort', { minimum: minLength });
      }
      if (maxLength !== undefined && length > maxLength) {
        return problem('catalog.values.tooLong', { maximum: maxLength });
      }
      if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`, 'u').test(text)) {
        return problem('catalog.values.patternMismatch');
      }
      return text;
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
      return number;
    }
    case 'date': {
      const date = String(raw).trim();
      if (!isIsoDate(date)) return problem('catalog.values.dateInvalid');
      const { min, max } = field.validation ?? {};
      if (min !== undefined && date < min) return problem('catalog.values.dateTooEarly', { minimum: min });
      if (max !== undefined && date > max) return problem('catalog.values.dateTooLate', { maximum: max });
      return date;
    }
    case 'select': {
      const choice = String(raw).trim();
      return field.options.some((option) => option.value === choice) ? choice : problem('catalog.values.optionInvalid');
    }
    case 'cccd': {
      const number = String(raw).replace(/\s/g, '');
      if (!CCCD.test(number)) return problem('catalog.values.cccdFormat');
      return isProvinceCode(number.slice(0, 3)) ? number : problem('catalog.values.cccdProvince');
    }
    case 'phone':
      return normaliseMobilePhone(String(raw)) ?? problem('catalog.values.phoneInvalid');
    case 'email': {
      const address = String(raw).trim();
      return email.safeParse(address).success ? address : problem('catalog.values.emailInvalid');
    }
  }
}

function normaliseAddress(required: boolean, raw: unknown, path: string, report: Report): AddressValue | undefined {
  if (raw === undefined || raw === null) {
    if (required) report(path, 'catalog.values.required');
    return undefined;
  }
  if (!isRecord(raw) || ADDRESS_PARTS.some((part) => raw[part] !== undefined && typeof raw[part] !== 'string')) {
    report(path, 'catalog.values.invalidType');
    return undefined;
  }
  const address: AddressValue = { detail: '', commune: '', province: '' };
  for (const part of ADDRESS_PARTS) address[part] = cleanText(String(raw[part] ?? ''), false);
  const missing = ADDRESS_PARTS.filter((part) => address[part] === '');
  if (missing.length === ADDRESS_PARTS.length) {
    if (required) report(path, 'catalog.values.required');
    return undefined;
  }
  // A partly filled address is incomplete even when the field is optional.
  for (const part of missing) report(`${path}.${part}`, 'catalog.values.required');
  return missing.length === 0 ? address : undefined;
}

/** Rows with the invalid cells left out; any problem makes the whole result a failure anyway. */
function normaliseTable(
  field: Extract<FormField, { type: 'table' }>,
  raw: unknown,
  path: string,
  report: Report,
): TableRow[] | undefined {
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    report(path, 'catalog.values.invalidType');
    return undefined;
  }
  const rows: TableRow[] = [];
  for (const [i, cells] of (raw ?? []).entries()) {
    const rowPath = `${path}.rows.${i}`;
    if (!isRecord(cells)) {
      report(rowPath, 'catalog.values.invalidType');
      continue;
    }
    // Blank lines of a no-script form are not rows.
    if (field.columns.every((column) => isBlankCell(column, cells[column.key]))) continue;
    const row: TableRow = {};
    for (const column of field.columns) {
      const value = normaliseSimple(column, cells[column.key], `${rowPath}.${column.key}`, report);
      if (value !== undefined) row[column.key] = value;
    }
    rows.push(row);
  }
  if (rows.length === 0) {
    if (field.required) report(path, 'catalog.values.required');
    return undefined;
  }
  const { minRows, maxRows } = field.validation ?? {};
  if (minRows !== undefined && rows.length < minRows) {
    report(path, 'catalog.values.tooFewRows', { minimum: minRows });
  } else if (maxRows !== undefined && rows.length > maxRows) {
    report(path, 'catalog.values.tooManyRows', { maximum: maxRows });
  }
  return rows;
}

function isBlankCell(column: ColumnField, raw: unknown): boolean {
  return column.type === 'checkbox' ? parseCheckbox(raw) === false : isEmpty(raw);
}

function parseCheckbox(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null || typeof raw === 'boolean') return raw === true;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().toLowerCase();
  return TRUE_STRINGS.has(text) ? true : FALSE_STRINGS.has(text) ? false : undefined;
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

/** NFC so lengths and patterns see composed Vietnamese letters; single-line text also loses inner line breaks. */
function cleanText(text: string, multiline: boolean): string {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n');
  return (multiline ? normalised : normalised.replace(/\s+/g, ' ')).trim();
}

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
