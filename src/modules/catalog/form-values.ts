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
import type { FieldProblem, MessageParams } from '../../lib/errors.ts';
import type { CatalogMessageKey } from '../../web/i18n/catalog.ts';
import type { ColumnField, FormDefinition, FormField } from './catalog.schema.ts';
import {
  ADDRESS_PARTS,
  checkValue,
  cleanText,
  isEmpty,
  missingAddressParts,
  parseCheckbox,
  type ScalarValue,
} from './field-rules.ts';

export { isCccd, normaliseMobilePhone, type ScalarValue } from './field-rules.ts';

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
  const checked = checkValue(field, raw);
  if (checked.ok) return checked.value;
  report(path, checked.messageKey, checked.params);
  return undefined;
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
  const missing = missingAddressParts(required, address);
  if (missing === 'whole') {
    report(path, 'catalog.values.required');
    return undefined;
  }
  for (const part of missing) report(`${path}.${part}`, 'catalog.values.required');
  return missing.length === 0 && ADDRESS_PARTS.some((part) => address[part] !== '') ? address : undefined;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
