import { describe, expect, it } from 'vitest';
import { demoAgencies } from '../../seed/demo-province.ts';
import type { ColumnField, FormField, ProcedureDefinition } from './catalog.schema.ts';
import { parseProcedureDefinition } from './catalog.schema.ts';
import { demoCatalog } from './demo-catalog.ts';
import { type FormValue, validateFormValues } from './form-values.ts';

const AGENCY_IDS = [
  '000.00.10.H08',
  '000.00.11.H08',
  '000.00.12.H08',
  '000.00.13.H08',
  '000.00.14.H08',
  '000.00.15.H08',
  '000.00.16.H08',
  '000.00.17.H08',
  '000.00.18.H08',
  '000.00.19.H08',
  '000.01.21.H08',
  '000.01.22.H08',
];
const COMMUNES = ['000.01.21.H08', '000.01.22.H08'];

const cases = demoCatalog.flatMap((procedure) => procedure.cases.map((c) => ({ procedure, case: c })));
const fields = cases.flatMap(({ case: c }) => c.form.sections.flatMap((section) => section.fields));
const byName = (name: string): ProcedureDefinition => {
  const found = demoCatalog.find((procedure) => procedure.name === name);
  if (!found) throw new Error(`no procedure named ${name}`);
  return found;
};

describe('demoCatalog', () => {
  it.each(demoCatalog.map((procedure) => [procedure.name, procedure] as const))('%s is a valid definition', (_, p) => {
    const result = parseProcedureDefinition(p);
    expect(result.ok ? [] : result.problems).toEqual([]);
    // Nothing is left for the schema to fill in: the demo is already in its stored form.
    expect(result.ok && result.value).toStrictEqual(p);
  });

  it('has at least 30 procedures with unique national codes for H08', () => {
    expect(demoCatalog.length).toBeGreaterThanOrEqual(30);
    const codes = demoCatalog.map((procedure) => procedure.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d\.\d{6}\.000\.00\.00\.H08$/);
  });

  it('spreads the procedures over exactly the listed agencies, at the right level', () => {
    const used = new Set(demoCatalog.map((procedure) => procedure.agency.id));
    expect([...used].sort()).toEqual(AGENCY_IDS);
    // Every implementing agency exists in the demo organisation tree, at the same level.
    const seeded = new Map(demoAgencies.map((agency) => [agency.identifier, agency.level]));
    for (const { agency } of demoCatalog) expect(seeded.get(agency.id)).toBe(agency.level);
    for (const { agency } of demoCatalog) {
      expect(agency.level).toBe(COMMUNES.includes(agency.id) ? 'commune' : 'province');
    }
    const communeNames = demoCatalog.filter((p) => p.agency.level === 'commune').map((p) => p.name);
    for (const name of [
      'Đăng ký khai sinh',
      'Đăng ký kết hôn',
      'Đăng ký khai tử',
      'Đăng ký thành lập hộ kinh doanh',
      'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      'Cấp Giấy xác nhận tình trạng hôn nhân',
    ]) {
      expect(communeNames).toContain(name);
    }
  });

  it('mixes full, partial and offline services', () => {
    const count = (mode: string) => demoCatalog.filter((procedure) => procedure.onlineMode === mode).length;
    expect(count('full')).toBeGreaterThanOrEqual(5);
    expect(count('partial')).toBeGreaterThanOrEqual(5);
    expect(count('none')).toBeGreaterThanOrEqual(2);
  });

  it('carries the published fees', () => {
    const feeOf = (name: string) => byName(name).cases[0]!.fees[0]!;
    expect(
      feeOf('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam'),
    ).toMatchObject({ amount: 200_000, kind: 'fixed' });
    expect(feeOf('Đổi giấy phép lái xe do ngành Giao thông vận tải cấp')).toMatchObject({ amount: 135_000 });
    expect(
      feeOf(
        'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      ),
    ).toMatchObject({ amount: 2_000, kind: 'perUnit', unitName: 'trang' });
    expect(feeOf('Đăng ký thành lập hộ kinh doanh')).toMatchObject({ amount: 100_000 });
    expect(feeOf('Đăng ký khai sinh')).toMatchObject({ amount: 0 });
  });

  it('has fees with exemptions, payment at submission and free procedures', () => {
    const allFees = cases.flatMap(({ case: c }) => c.fees);
    expect(allFees.filter((fee) => fee.exemptions?.length).length).toBeGreaterThanOrEqual(3);
    expect(demoCatalog.filter((procedure) => procedure.paymentAtSubmission).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter(({ case: c }) => c.fees.length === 0).length).toBeGreaterThanOrEqual(3);
  });

  it('uses every deadline unit and several procedures with more than one case', () => {
    const units = new Set(cases.map(({ case: c }) => c.processingTime.unit));
    expect([...units].sort()).toEqual(['calendarDays', 'workingDays', 'workingHours']);
    expect(demoCatalog.filter((procedure) => procedure.cases.length > 1).length).toBeGreaterThanOrEqual(4);
  });

  it('asks every applicant for name, identification number, birth date, phone and address', () => {
    for (const { procedure, case: c } of cases) {
      const applicant = c.form.sections.find((section) => section.key === 'applicant');
      const types = Object.fromEntries((applicant?.fields ?? []).map((field) => [field.key, field.type]));
      expect(types, procedure.name).toMatchObject({
        fullName: 'text',
        idNumber: 'cccd',
        birthDate: 'date',
        phone: 'phone',
        residence: 'address',
      });
    }
  });

  it('uses selects, conditional fields and tables', () => {
    expect(fields.filter((field) => field.type === 'select').length).toBeGreaterThanOrEqual(10);
    expect(fields.filter((field) => field.visibleWhen).length).toBeGreaterThanOrEqual(10);
    expect(fields.filter((field) => field.type === 'table').length).toBeGreaterThanOrEqual(5);
  });

  it('routes every case intake → processor → leader', () => {
    for (const { procedure, case: c } of cases) {
      const roles = c.workflow.map((step) => step.assignee.role);
      const [intake, processor, leader] = ['intake', 'processor', 'leader'].map((role) => roles.indexOf(role as never));
      expect(intake, procedure.name).toBe(0);
      expect(processor, procedure.name).toBeGreaterThan(intake!);
      expect(leader, procedure.name).toBeGreaterThan(processor!);
    }
  });

  it('writes Vietnamese with its diacritics', () => {
    for (const procedure of demoCatalog) {
      expect(procedure.name).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    }
  });

  it('names each field (lĩnh vực) code consistently', () => {
    const names = new Map<string, string>();
    for (const { field } of demoCatalog) {
      expect(field.code).toMatch(/^G\d{2}$/);
      expect(names.get(field.code) ?? field.name).toBe(field.name);
      names.set(field.code, field.name);
    }
  });

  it('accepts a complete submission of every e-form and lists the required fields of an empty one', () => {
    for (const { procedure, case: c } of cases) {
      const values = Object.fromEntries(
        c.form.sections.flatMap((section) => section.fields.map((field) => [field.key, sample(field)])),
      );
      const result = validateFormValues(c.form, values);
      expect(result.ok ? [] : result.problems, `${procedure.name} / ${c.code}`).toEqual([]);

      const empty = validateFormValues(c.form, {});
      const required = c.form.sections.flatMap((section) =>
        section.fields
          .filter((field) => field.required && !field.visibleWhen)
          .map((field) => `sections.${section.key}.fields.${field.key}`),
      );
      expect(empty.ok ? [] : empty.problems.map((p) => p.path), `${procedure.name} / ${c.code}`).toEqual(required);
    }
  });
});

/** Values for the patterns the demo uses; a new pattern needs a sample here. */
const PATTERN_SAMPLES: Record<string, string> = {
  '\\d{10}(-\\d{3})?': '3701234567',
  '\\d{10}': '1234567890',
  '\\d{12}': '740123456789',
  '\\d{4}': '4711',
  '\\d{2}[A-Z]{1,2}-?\\d{3}\\.?\\d{2}': '61A-123.45',
  '[A-Z][0-9]{7,8}': 'C1234567',
  '[A-Z0-9]{6,12}': 'E12345678',
};

function sample(field: FormField | ColumnField): FormValue | Record<string, unknown>[] {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const pattern = field.validation?.pattern;
      if (pattern === undefined) return 'Nguyễn Văn An';
      const value = PATTERN_SAMPLES[pattern];
      if (value === undefined) throw new Error(`no sample for the pattern ${pattern}`);
      return value;
    }
    case 'number':
      return field.validation?.min ?? 1;
    case 'money':
      return Math.max(field.validation?.min ?? 0, 1_000_000);
    case 'date':
      return field.validation?.min ?? '2020-01-15';
    case 'select':
      return field.options[0]!.value;
    case 'checkbox':
      return true;
    case 'cccd':
      return '074090001234';
    case 'phone':
      return '0912345678';
    case 'email':
      return 'an.nguyen@example.vn';
    case 'address':
      return { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Bình Dương' };
    case 'table': {
      const row = Object.fromEntries(field.columns.map((column) => [column.key, sample(column)]));
      return Array.from({ length: field.validation?.minRows ?? 1 }, () => ({ ...row }));
    }
  }
}
