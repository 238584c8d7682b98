import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProcedureDefinition, type FormDefinition } from './catalog.schema.ts';
import { isCccd, normaliseMobilePhone, validateFormValues } from './form-values.ts';

const label = (vi: string) => ({ vi, en: vi });

/** The form goes through the schema, so the tests use exactly what the catalogue would hand over. */
function buildForm(): FormDefinition {
  const procedure = assertProcedureDefinition({
    code: '1.001612.000.00.00.H08',
    name: 'Thủ tục thử',
    field: { code: 'G17', name: 'Lĩnh vực' },
    agency: { id: '000.01.21.H08', level: 'commune' },
    applicantTypes: ['citizen'],
    legalBasis: ['Văn bản'],
    conditions: '',
    steps: ['Nộp hồ sơ'],
    result: { name: 'Kết quả', electronic: true },
    onlineMode: 'full',
    channels: ['online'],
    paymentAtSubmission: false,
    cases: [
      {
        code: 'C1',
        name: 'Trường hợp',
        processingTime: { value: 3, unit: 'workingDays' },
        components: [{ code: 'D1', name: 'Đơn', mandatory: true, originals: 1, copies: 0, fileTypes: ['pdf'] }],
        fees: [],
        workflow: [
          { code: 'TN', name: 'Tiếp nhận', assignee: { role: 'intake' }, share: { kind: 'fraction', value: 1 } },
        ],
        form: {
          sections: [
            {
              key: 'applicant',
              title: label('Người nộp'),
              fields: [
                {
                  key: 'fullName',
                  label: label('Họ tên'),
                  type: 'text',
                  required: true,
                  validation: { maxLength: 20 },
                },
                { key: 'idNumber', label: label('Số định danh'), type: 'cccd', required: true },
                {
                  key: 'birthDate',
                  label: label('Ngày sinh'),
                  type: 'date',
                  required: true,
                  validation: { min: '1900-01-01', max: '2025-12-31' },
                },
                { key: 'phone', label: label('Điện thoại'), type: 'phone', required: true },
                { key: 'email', label: label('Thư điện tử'), type: 'email' },
                { key: 'residence', label: label('Nơi cư trú'), type: 'address', required: true },
              ],
            },
            {
              key: 'request',
              title: label('Yêu cầu'),
              fields: [
                {
                  key: 'founder',
                  label: label('Chủ thể'),
                  type: 'select',
                  required: true,
                  options: [
                    { value: 'individual', label: label('Cá nhân') },
                    { value: 'household', label: label('Hộ gia đình') },
                  ],
                },
                {
                  key: 'members',
                  label: label('Thành viên'),
                  type: 'table',
                  required: true,
                  visibleWhen: { field: 'founder', equals: 'household' },
                  validation: { maxRows: 3 },
                  columns: [
                    { key: 'name', label: label('Họ tên'), type: 'text', required: true },
                    { key: 'idNumber', label: label('Số định danh'), type: 'cccd' },
                    { key: 'share', label: label('Tỷ lệ'), type: 'number', validation: { min: 0, max: 100 } },
                  ],
                },
                {
                  key: 'hasShop',
                  label: label('Có cửa hàng'),
                  type: 'checkbox',
                  visibleWhen: { field: 'founder', equals: 'household' },
                },
                {
                  key: 'shopArea',
                  label: label('Diện tích cửa hàng'),
                  type: 'number',
                  required: true,
                  visibleWhen: { field: 'hasShop', equals: true },
                },
                { key: 'capital', label: label('Vốn'), type: 'money', required: true, validation: { min: 1 } },
                { key: 'code', label: label('Mã số'), type: 'text', validation: { pattern: '\\d{10}(-\\d{3})?' } },
                { key: 'note', label: label('Ghi chú'), type: 'textarea', validation: { minLength: 5 } },
                { key: 'agree', label: label('Cam đoan'), type: 'checkbox', required: true },
              ],
            },
          ],
        },
      },
    ],
  });
  return procedure.cases[0]!.form;
}

const form = buildForm();

const validInput = () => ({
  fullName: '  Nguyễn   Văn An ',
  idNumber: '074 090 001 234',
  birthDate: '1990-02-28',
  phone: '+84 912 345 678',
  email: ' an.nguyen@example.vn ',
  residence: { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Bình Dương' },
  founder: 'individual',
  members: [{ name: 'Trần Thị Bình' }],
  capital: '1.500.000',
  agree: 'on',
});

function problemsFor(input: Record<string, unknown>) {
  const result = validateFormValues(form, input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validateFormValues', () => {
  it('returns normalised values and drops hidden ones', () => {
    const result = validateFormValues(form, validInput());
    expect(result).toEqual({
      ok: true,
      values: {
        fullName: 'Nguyễn Văn An',
        idNumber: '074090001234',
        birthDate: '1990-02-28',
        phone: '0912345678',
        email: 'an.nguyen@example.vn',
        residence: { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Bình Dương' },
        founder: 'individual',
        capital: 1_500_000,
        agree: true,
      },
    });
  });

  it('reports missing required fields by section and field key', () => {
    expect(problemsFor({})).toEqual([
      { path: 'sections.applicant.fields.fullName', messageKey: 'catalog.values.required' },
      { path: 'sections.applicant.fields.idNumber', messageKey: 'catalog.values.required' },
      { path: 'sections.applicant.fields.birthDate', messageKey: 'catalog.values.required' },
      { path: 'sections.applicant.fields.phone', messageKey: 'catalog.values.required' },
      { path: 'sections.applicant.fields.residence', messageKey: 'catalog.values.required' },
      { path: 'sections.request.fields.founder', messageKey: 'catalog.values.required' },
      { path: 'sections.request.fields.capital', messageKey: 'catalog.values.required' },
      { path: 'sections.request.fields.agree', messageKey: 'catalog.values.mustBeChecked' },
    ]);
  });

  it('requires a visible conditional field and validates it', () => {
    const household = { ...validInput(), founder: 'household', members: [] };
    expect(problemsFor(household)).toEqual([
      { path: 'sections.request.fields.members', messageKey: 'catalog.values.required' },
    ]);
  });

  it('cascades hiding: a field shown by a hidden field stays hidden', () => {
    const input = { ...validInput(), hasShop: true };
    const result = validateFormValues(form, input);
    expect(result.ok && result.values).not.toHaveProperty('hasShop');
    expect(problemsFor({ ...input, founder: 'household' })).toEqual([
      { path: 'sections.request.fields.shopArea', messageKey: 'catalog.values.required' },
    ]);
    const shown = validateFormValues(form, { ...input, founder: 'household', shopArea: '42,5' });
    expect(shown.ok && shown.values).toMatchObject({ hasShop: true, shopArea: 42.5 });
  });

  it('validates table rows cell by cell and skips blank rows', () => {
    const input = {
      ...validInput(),
      founder: 'household',
      members: [
        { name: 'Trần Thị Bình', idNumber: '074190001234', share: '60' },
        { name: '', idNumber: '' },
        { name: '', idNumber: '12345', share: 140 },
        'not a row',
      ],
    };
    expect(problemsFor(input)).toEqual([
      { path: 'sections.request.fields.members.rows.2.name', messageKey: 'catalog.values.required' },
      { path: 'sections.request.fields.members.rows.2.idNumber', messageKey: 'catalog.values.cccdFormat' },
      {
        path: 'sections.request.fields.members.rows.2.share',
        messageKey: 'catalog.values.tooLarge',
        params: { maximum: 100 },
      },
      { path: 'sections.request.fields.members.rows.3', messageKey: 'catalog.values.invalidType' },
    ]);
    const valid = validateFormValues(form, { ...input, members: input.members.slice(0, 2) });
    expect(valid.ok && valid.values.members).toEqual([{ name: 'Trần Thị Bình', idNumber: '074190001234', share: 60 }]);
  });

  it('bounds the number of table rows', () => {
    const members = Array.from({ length: 4 }, (_, i) => ({ name: `Thành viên ${i + 1}` }));
    expect(problemsFor({ ...validInput(), founder: 'household', members })).toEqual([
      { path: 'sections.request.fields.members', messageKey: 'catalog.values.tooManyRows', params: { maximum: 3 } },
    ]);
  });

  it('needs the minimum number of rows only once the table has any', () => {
    const stricter = structuredClone(form);
    const members = stricter.sections[1]!.fields[1]!;
    if (members.type !== 'table') throw new Error('expected the members table');
    members.required = false;
    members.validation = { minRows: 2 };
    const household = { ...validInput(), founder: 'household' };
    expect(validateFormValues(stricter, { ...household, members: [] }).ok).toBe(true);
    expect(validateFormValues(stricter, household)).toEqual({
      ok: false,
      problems: [
        { path: 'sections.request.fields.members', messageKey: 'catalog.values.tooFewRows', params: { minimum: 2 } },
      ],
    });
  });

  it('reports each missing part of a partly filled address', () => {
    expect(problemsFor({ ...validInput(), residence: { detail: 'Số 12', commune: ' ' } })).toEqual([
      { path: 'sections.applicant.fields.residence.commune', messageKey: 'catalog.values.required' },
      { path: 'sections.applicant.fields.residence.province', messageKey: 'catalog.values.required' },
    ]);
    expect(problemsFor({ ...validInput(), residence: 'Số 12, Phú Thọ' })).toEqual([
      { path: 'sections.applicant.fields.residence', messageKey: 'catalog.values.invalidType' },
    ]);
  });

  it.each([
    ['fullName', 'Nguyễn Văn Anh Tuấn Khải Minh', 'catalog.values.tooLong', { maximum: 20 }],
    ['fullName', { first: 'An' }, 'catalog.values.invalidType', undefined],
    ['birthDate', '2024-02-30', 'catalog.values.dateInvalid', undefined],
    ['birthDate', '28/02/1990', 'catalog.values.dateInvalid', undefined],
    ['birthDate', '1899-12-31', 'catalog.values.dateTooEarly', { minimum: '1900-01-01' }],
    ['birthDate', '2026-01-01', 'catalog.values.dateTooLate', { maximum: '2025-12-31' }],
    ['email', 'an@', 'catalog.values.emailInvalid', undefined],
    ['founder', 'company', 'catalog.values.optionInvalid', undefined],
    ['capital', '-1', 'catalog.values.moneyInvalid', undefined],
    ['capital', '1,5', 'catalog.values.moneyInvalid', undefined],
    ['capital', '1.50.000', 'catalog.values.moneyInvalid', undefined],
    ['capital', 1.234, 'catalog.values.moneyInvalid', undefined],
    ['capital', 0, 'catalog.values.tooSmall', { minimum: 1 }],
    ['code', '37012345', 'catalog.values.patternMismatch', undefined],
    ['note', 'ngắn', 'catalog.values.tooShort', { minimum: 5 }],
    ['agree', 'maybe', 'catalog.values.invalidType', undefined],
    ['agree', 'false', 'catalog.values.mustBeChecked', undefined],
  ])('refuses %s = %j', (key, value, messageKey, params) => {
    const section = form.sections.find((s) => s.fields.some((f) => f.key === key))!.key;
    expect(problemsFor({ ...validInput(), [key]: value })).toEqual([
      { path: `sections.${section}.fields.${key}`, messageKey, ...(params ? { params } : {}) },
    ]);
  });

  it('accepts grouped money amounts and composes Vietnamese text to NFC', () => {
    const result = validateFormValues(form, {
      ...validInput(),
      fullName: 'Nguyễn Văn An'.normalize('NFD'),
      capital: '2 000 000',
      code: '3701234567-001',
      note: 'Dòng một\r\nDòng hai',
    });
    expect(result.ok && result.values).toMatchObject({
      fullName: 'Nguyễn Văn An',
      capital: 2_000_000,
      code: '3701234567-001',
      note: 'Dòng một\nDòng hai',
    });
  });

  it('ignores keys the form does not define', () => {
    const result = validateFormValues(form, { ...validInput(), _csrf: 'token', isAdmin: true });
    expect(result.ok && Object.keys(result.values)).not.toContain('isAdmin');
  });
});

describe('isCccd', () => {
  it('takes 12 digits starting with a province code 001–096', () => {
    expect(isCccd('074090001234')).toBe(true);
    expect(isCccd('001190001234')).toBe(true);
    expect(isCccd('096090001234')).toBe(true);
    expect(isCccd('000090001234')).toBe(false);
    expect(isCccd('097090001234')).toBe(false);
    expect(isCccd('07409000123')).toBe(false);
    expect(isCccd('0740900012345')).toBe(false);
    expect(isCccd('07409000123a')).toBe(false);
  });

  it('agrees with the province range for any 12 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (digits) => {
        const province = Number(digits.slice(0, 3));
        expect(isCccd(digits)).toBe(province >= 1 && province <= 96);
      }),
    );
  });

  it('reports the province problem apart from the format problem', () => {
    expect(problemsFor({ ...validInput(), idNumber: '099090001234' })).toEqual([
      { path: 'sections.applicant.fields.idNumber', messageKey: 'catalog.values.cccdProvince' },
    ]);
  });
});

describe('normaliseMobilePhone', () => {
  it('accepts the 03, 05, 07, 08 and 09 ranges in national or international form', () => {
    fc.assert(
      fc.property(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/), (range, rest) => {
        const national = `0${range}${rest}`;
        expect(normaliseMobilePhone(national)).toBe(national);
        expect(normaliseMobilePhone(`+84${range}${rest}`)).toBe(national);
      }),
    );
    expect(normaliseMobilePhone('0912.345.678')).toBe('0912345678');
  });

  it.each(['0212345678', '0112345678', '091234567', '09123456789', '+840912345678', '84912345678', 'abc'])(
    'refuses %s',
    (phone) => {
      expect(normaliseMobilePhone(phone)).toBeUndefined();
    },
  );
});
