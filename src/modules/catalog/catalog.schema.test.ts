import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { catalogMessages } from '../../web/i18n/catalog.ts';
import { assertProcedureDefinition, parseProcedureDefinition } from './catalog.schema.ts';

const label = (vi: string) => ({ vi, en: `${vi} (en)` });

/** A small but complete definition; each test breaks one thing in a fresh copy. */
function validDefinition() {
  return {
    code: '1.001612.000.00.00.H08',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: { code: 'G17', name: 'Thành lập và hoạt động của hộ kinh doanh' },
    agency: { id: '000.01.21.H08', level: 'commune' },
    applicantTypes: ['citizen'],
    legalBasis: ['Nghị định số 01/2021/NĐ-CP'],
    conditions: '',
    steps: ['Nộp hồ sơ', 'Nhận kết quả'],
    result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', electronic: true },
    onlineMode: 'full',
    channels: ['in_person', 'online'],
    paymentAtSubmission: true,
    cases: [
      {
        code: 'HKD',
        name: 'Đăng ký thành lập hộ kinh doanh',
        processingTime: { value: 3, unit: 'workingDays' },
        components: [
          { code: 'GDN', name: 'Giấy đề nghị', mandatory: true, originals: 1, copies: 0, fileTypes: ['pdf', 'docx'] },
        ],
        form: {
          sections: [
            {
              key: 'applicant',
              title: label('Người nộp'),
              fields: [
                { key: 'fullName', label: label('Họ tên'), type: 'text', required: true },
                { key: 'idNumber', label: label('Số định danh'), type: 'cccd', required: true },
              ],
            },
            {
              key: 'business',
              title: label('Hộ kinh doanh'),
              fields: [
                {
                  key: 'founder',
                  label: label('Chủ thể'),
                  type: 'select',
                  options: [
                    { value: 'individual', label: label('Cá nhân') },
                    { value: 'household', label: label('Hộ gia đình') },
                  ],
                },
                {
                  key: 'members',
                  label: label('Thành viên'),
                  type: 'table',
                  columns: [{ key: 'name', label: label('Họ tên'), type: 'text', required: true }],
                  visibleWhen: { field: 'founder', equals: 'household' },
                },
                { key: 'agree', label: label('Cam đoan'), type: 'checkbox', required: true },
              ],
            },
          ],
        },
        fees: [
          { code: 'LP', name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, kind: 'fixed' },
          { code: 'BS', name: 'Phí bản sao', amount: 2_000, kind: 'perUnit', unitName: 'trang' },
        ],
        workflow: [
          { code: 'TN', name: 'Tiếp nhận', assignee: { role: 'intake' }, share: { kind: 'fraction', value: 0.1 } },
          { code: 'XL', name: 'Xử lý', assignee: { role: 'processor' }, share: { kind: 'workingDays', value: 2 } },
          { code: 'PD', name: 'Phê duyệt', assignee: { role: 'leader' }, share: { kind: 'fraction', value: 0.2 } },
        ],
      },
    ],
  };
}

type Definition = ReturnType<typeof validDefinition>;
type Case = Definition['cases'][number];
type AnyField = Record<string, unknown>;

const firstCase = (d: Definition): Case => d.cases[0]!;
const fieldsOf = (d: Definition, section: number): AnyField[] => firstCase(d).form.sections[section]!.fields;

function problemsAfter(change: (definition: Definition) => void) {
  const definition = validDefinition();
  change(definition);
  const result = parseProcedureDefinition(definition);
  if (result.ok) throw new Error('expected the definition to be refused');
  return result.problems;
}

describe('parseProcedureDefinition', () => {
  it('accepts a valid definition, filling the defaults', () => {
    const result = parseProcedureDefinition(validDefinition());
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.value.oldLevel).toBe(4);
    const [section] = result.value.cases[0]!.form.sections;
    expect(section!.fields[0]!.required).toBe(true);
    expect(result.value.cases[0]!.form.sections[1]!.fields[0]!.required).toBe(false);
    expect(result.value.cases[0]!.noDueDate).toBe(false);
  });

  it('derives the old level from the online mode unless one is stored', () => {
    const levelOf = (change: (d: Definition & { oldLevel?: number }) => void) => {
      const definition: Definition & { oldLevel?: number } = validDefinition();
      change(definition);
      const result = parseProcedureDefinition(definition);
      return result.ok ? result.value.oldLevel : result.problems;
    };
    expect(levelOf(() => {})).toBe(4);
    expect(
      levelOf((d) => Object.assign(d, { onlineMode: 'partial', result: { name: 'Giấy', electronic: false } })),
    ).toBe(3);
    expect(levelOf((d) => Object.assign(d, { onlineMode: 'none', channels: ['in_person'] }))).toBe(2);
    expect(levelOf((d) => Object.assign(d, { oldLevel: 3 }))).toBe(3);
    expect(levelOf((d) => Object.assign(d, { oldLevel: 5 }))).toEqual([
      { path: 'oldLevel', messageKey: 'catalog.problem.invalidOption', params: { values: '2, 3, 4' } },
    ]);
  });

  it.each(['1.001612.000.00.00.H08', '1.000948.H08', '2.000815.000.00.00.H56'])(
    'accepts the procedure code %s',
    (code) => {
      expect(parseProcedureDefinition({ ...validDefinition(), code }).ok).toBe(true);
    },
  );

  it.each(['1.001612', '1.001612.000.00.00', '1.0016120.H08', '1.001612.000.00.H08', '1.001612.H8', 'x'])(
    'refuses the procedure code %s',
    (code) => {
      expect(problemsAfter((d) => Object.assign(d, { code }))).toEqual([
        { path: 'code', messageKey: 'catalog.problem.procedureCodeFormat' },
      ]);
    },
  );

  it('checks agency identifiers in the QCVN 102 style', () => {
    expect(
      parseProcedureDefinition({ ...validDefinition(), agency: { id: 'H15.50.05.13', level: 'commune' } }).ok,
    ).toBe(true);
    for (const id of ['000.00.10', '000.00.10.H8', 'H08', '000.00.10.H08.01']) {
      expect(problemsAfter((d) => Object.assign(d.agency, { id }))).toEqual([
        { path: 'agency.id', messageKey: 'catalog.problem.agencyIdFormat' },
      ]);
    }
  });

  it('refuses a form field of an unknown type at its type', () => {
    expect(problemsAfter((d) => Object.assign(fieldsOf(d, 1)[2]!, { type: 'signature' }))).toEqual([
      {
        path: 'cases.0.form.sections.1.fields.2.type',
        messageKey: 'catalog.problem.invalidOption',
        params: {
          values: 'text, textarea, number, money, date, select, checkbox, cccd, phone, email, address, table',
        },
      },
    ]);
  });

  it('refuses a form field without a type as missing its type', () => {
    expect(problemsAfter((d) => delete fieldsOf(d, 0)[0]!.type)).toMatchObject([
      { path: 'cases.0.form.sections.0.fields.0.type', messageKey: 'catalog.problem.required' },
    ]);
  });

  it('refuses a select without options and a table without columns', () => {
    const problems = problemsAfter((d) => {
      delete fieldsOf(d, 1)[0]!.options;
      fieldsOf(d, 1)[1]!.columns = [];
    });
    expect(problems).toEqual([
      { path: 'cases.0.form.sections.1.fields.0.options', messageKey: 'catalog.problem.required' },
      {
        path: 'cases.0.form.sections.1.fields.1.columns',
        messageKey: 'catalog.problem.tooFew',
        params: { minimum: 1 },
      },
    ]);
  });

  it('refuses a table column of a type that is not simple', () => {
    expect(
      problemsAfter((d) =>
        Object.assign(fieldsOf(d, 1)[1]!, { columns: [{ key: 'x', label: label('X'), type: 'table', columns: [] }] }),
      ),
    ).toMatchObject([
      { path: 'cases.0.form.sections.1.fields.1.columns.0.type', messageKey: 'catalog.problem.invalidOption' },
    ]);
  });

  it('refuses a fee with a negative or fractional amount', () => {
    expect(problemsAfter((d) => Object.assign(firstCase(d).fees[1]!, { amount: -2_000 }))).toEqual([
      { path: 'cases.0.fees.1.amount', messageKey: 'catalog.problem.tooSmall', params: { minimum: 0 } },
    ]);
    expect(problemsAfter((d) => Object.assign(firstCase(d).fees[0]!, { amount: 1500.5 }))).toEqual([
      { path: 'cases.0.fees.0.amount', messageKey: 'catalog.problem.notInteger' },
    ]);
  });

  it('requires a unit name on a per-unit fee and nothing else', () => {
    expect(problemsAfter((d) => delete (firstCase(d).fees[1] as AnyField).unitName)).toEqual([
      { path: 'cases.0.fees.1.unitName', messageKey: 'catalog.problem.required' },
    ]);
    expect(problemsAfter((d) => Object.assign(firstCase(d).fees[0]!, { unitName: 'trang' }))).toEqual([
      { path: 'cases.0.fees.0.unitName', messageKey: 'catalog.problem.unknownKey' },
    ]);
  });

  it('refuses a case without a processing time', () => {
    expect(problemsAfter((d) => delete (firstCase(d) as AnyField).processingTime)).toEqual([
      { path: 'cases.0.processingTime', messageKey: 'catalog.problem.required' },
    ]);
  });

  it('bounds the processing time: positive, at most 1000 working days', () => {
    expect(problemsAfter((d) => Object.assign(firstCase(d).processingTime, { value: 0 }))).toEqual([
      { path: 'cases.0.processingTime.value', messageKey: 'catalog.problem.tooSmall', params: { minimum: 0 } },
    ]);
    expect(problemsAfter((d) => Object.assign(firstCase(d).processingTime, { value: 1001 }))).toEqual([
      {
        path: 'cases.0.processingTime.value',
        messageKey: 'catalog.case.processingTimeTooLong',
        params: { max: 1000, unit: 'workingDays' },
      },
    ]);
    const hours = validDefinition();
    Object.assign(firstCase(hours), { processingTime: { value: 8000, unit: 'workingHours' } });
    expect(parseProcedureDefinition(hours).ok).toBe(true);
  });

  it('refuses an online processing time longer than the processing time', () => {
    expect(
      problemsAfter((d) => Object.assign(firstCase(d), { onlineProcessingTime: { value: 4, unit: 'workingDays' } })),
    ).toEqual([{ path: 'cases.0.onlineProcessingTime.value', messageKey: 'catalog.case.onlineTimeLonger' }]);
  });

  it('refuses a workflow step with no assignee', () => {
    expect(problemsAfter((d) => delete (firstCase(d).workflow[1] as AnyField).assignee)).toEqual([
      { path: 'cases.0.workflow.1.assignee', messageKey: 'catalog.problem.required' },
    ]);
    expect(
      problemsAfter((d) => Object.assign(firstCase(d).workflow[1]!, { assignee: { agency: '000.00.10.H08' } })),
    ).toEqual([{ path: 'cases.0.workflow.1.assignee.role', messageKey: 'catalog.problem.required' }]);
  });

  it('requires the one-stop unit to take the first step', () => {
    expect(problemsAfter((d) => firstCase(d).workflow.shift())).toEqual([
      { path: 'cases.0.workflow.0.assignee.role', messageKey: 'catalog.workflow.firstStepNotIntake' },
    ]);
  });

  it('refuses shares that exceed the processing time, at the step that overflows', () => {
    // 0.1 × 3 + 2 + 0.3 × 3 = 3.2 working days > 3.
    expect(problemsAfter((d) => Object.assign(firstCase(d).workflow[2]!.share, { value: 0.3 }))).toEqual([
      {
        path: 'cases.0.workflow.2.share.value',
        messageKey: 'catalog.workflow.sharesExceedTotal',
        params: { total: 3, unit: 'workingDays' },
      },
    ]);
    // Exactly the total is fine, including floating-point sums of fractions.
    const exact = validDefinition();
    firstCase(exact).workflow = [0.1, 0.6, 0.2, 0.1].map((value, i) => ({
      code: `B${i}`,
      name: 'Bước',
      assignee: { role: i === 0 ? 'intake' : 'processor' },
      share: { kind: 'fraction', value },
    }));
    expect(parseProcedureDefinition(exact).ok).toBe(true);
  });

  it('checks shares against the online processing time as well', () => {
    expect(
      problemsAfter((d) => Object.assign(firstCase(d), { onlineProcessingTime: { value: 2, unit: 'workingDays' } })),
    ).toEqual([
      {
        path: 'cases.0.workflow.1.share.value',
        messageKey: 'catalog.workflow.sharesExceedOnlineTotal',
        params: { total: 2, unit: 'workingDays' },
      },
    ]);
  });

  it('counts 8 working hours per working day', () => {
    // 0.1 × 2 + 2 > 2 days (16 hours).
    expect(
      problemsAfter((d) => Object.assign(firstCase(d), { processingTime: { value: 16, unit: 'workingHours' } })),
    ).toMatchObject([{ path: 'cases.0.workflow.1.share.value', messageKey: 'catalog.workflow.sharesExceedTotal' }]);
  });

  it('refuses working-day shares when the deadline is in calendar days', () => {
    expect(
      problemsAfter((d) => Object.assign(firstCase(d), { processingTime: { value: 10, unit: 'calendarDays' } })),
    ).toEqual([
      { path: 'cases.0.workflow.1.share.kind', messageKey: 'catalog.workflow.workingDaysShareWithCalendarDays' },
    ]);
  });

  it('refuses duplicate field keys, even across sections', () => {
    expect(problemsAfter((d) => Object.assign(fieldsOf(d, 1)[2]!, { key: 'fullName' }))).toEqual([
      {
        path: 'cases.0.form.sections.1.fields.2.key',
        messageKey: 'catalog.form.duplicateFieldKey',
        params: { value: 'fullName' },
      },
    ]);
  });

  it('refuses duplicate section keys, column keys and option values', () => {
    const problems = problemsAfter((d) => {
      firstCase(d).form.sections[1]!.key = 'applicant';
      (fieldsOf(d, 1)[0]!.options as { value: string }[])[0]!.value = 'household';
      (fieldsOf(d, 1)[1]!.columns as AnyField[]).push({ key: 'name', label: label('Tên'), type: 'text' });
    });
    expect(problems.map((p) => [p.path, p.messageKey])).toEqual([
      ['cases.0.form.sections.1.key', 'catalog.form.duplicateSectionKey'],
      ['cases.0.form.sections.1.fields.0.options.1.value', 'catalog.form.duplicateOption'],
      ['cases.0.form.sections.1.fields.1.columns.1.key', 'catalog.form.duplicateColumnKey'],
    ]);
  });

  it('refuses duplicate codes of components, fees, exemptions and steps', () => {
    const problems = problemsAfter((d) => {
      const c = firstCase(d);
      c.components.push({ ...c.components[0]! });
      c.fees[1]!.code = 'LP';
      Object.assign(c.fees[0]!, {
        exemptions: [
          { code: 'HN', name: 'Hộ nghèo' },
          { code: 'HN', name: 'Hộ nghèo' },
        ],
      });
      c.workflow[2]!.code = 'TN';
    });
    expect(problems.map((p) => p.path)).toEqual([
      'cases.0.components.1.code',
      'cases.0.fees.1.code',
      'cases.0.fees.0.exemptions.1.code',
      'cases.0.workflow.2.code',
    ]);
    expect(problems[1]).toEqual({
      path: 'cases.0.fees.1.code',
      messageKey: 'catalog.problem.duplicate',
      params: { value: 'LP' },
    });
  });

  it('refuses duplicate case codes, reporting cross-field rules only once the parts are valid', () => {
    expect(problemsAfter((d) => d.cases.push(structuredClone(firstCase(d))))).toEqual([
      { path: 'cases.1.code', messageKey: 'catalog.problem.duplicate', params: { value: 'HKD' } },
    ]);
    // A broken fee hides the procedure-level duplicate until it is fixed.
    expect(
      problemsAfter((d) => {
        d.cases.push(structuredClone(firstCase(d)));
        firstCase(d).fees[0]!.amount = -1;
      }).map((p) => p.path),
    ).toEqual(['cases.0.fees.0.amount']);
  });

  it('refuses field keys that are not identifier-safe', () => {
    expect(problemsAfter((d) => Object.assign(fieldsOf(d, 0)[0]!, { key: 'họ tên' }))).toEqual([
      { path: 'cases.0.form.sections.0.fields.0.key', messageKey: 'catalog.problem.keyFormat' },
    ]);
  });

  it('refuses visibleWhen on a missing field', () => {
    expect(
      problemsAfter((d) => Object.assign(fieldsOf(d, 1)[1]!, { visibleWhen: { field: 'founderKind', equals: 'x' } })),
    ).toEqual([
      {
        path: 'cases.0.form.sections.1.fields.1.visibleWhen.field',
        messageKey: 'catalog.form.visibleWhenUnknownField',
        params: { field: 'founderKind' },
      },
    ]);
  });

  it('refuses visibleWhen on a later field or on the field itself', () => {
    expect(
      problemsAfter((d) => Object.assign(fieldsOf(d, 0)[1]!, { visibleWhen: { field: 'agree', equals: true } })),
    ).toMatchObject([
      { path: 'cases.0.form.sections.0.fields.1.visibleWhen.field', messageKey: 'catalog.form.visibleWhenNotEarlier' },
    ]);
    expect(
      problemsAfter((d) => Object.assign(fieldsOf(d, 1)[2]!, { visibleWhen: { field: 'agree', equals: true } })),
    ).toMatchObject([
      { path: 'cases.0.form.sections.1.fields.2.visibleWhen.field', messageKey: 'catalog.form.visibleWhenNotEarlier' },
    ]);
  });

  it('refuses visibleWhen values the referenced field cannot hold', () => {
    const at = 'cases.0.form.sections.1.fields.2.visibleWhen';
    const condition = (visibleWhen: object) =>
      problemsAfter((d) => Object.assign(fieldsOf(d, 1)[2]!, { visibleWhen })).map((p) => [p.path, p.messageKey]);
    expect(condition({ field: 'founder', equals: 'company' })).toEqual([
      [`${at}.equals`, 'catalog.form.visibleWhenUnknownOption'],
    ]);
    expect(condition({ field: 'idNumber', equals: 12 })).toEqual([
      [`${at}.equals`, 'catalog.form.visibleWhenTypeMismatch'],
    ]);
    expect(condition({ field: 'members', equals: 'x' })).toEqual([
      [`${at}.field`, 'catalog.form.visibleWhenUnsupportedField'],
    ]);
  });

  it('refuses an invalid validation pattern and reversed bounds', () => {
    const problems = problemsAfter((d) => {
      Object.assign(fieldsOf(d, 0)[0]!, { validation: { pattern: '(', minLength: 5, maxLength: 2 } });
    });
    expect(problems.map((p) => [p.path, p.messageKey])).toEqual([
      ['cases.0.form.sections.0.fields.0.validation.pattern', 'catalog.form.patternInvalid'],
    ]);
    expect(
      problemsAfter((d) => Object.assign(fieldsOf(d, 0)[0]!, { validation: { minLength: 5, maxLength: 2 } })),
    ).toEqual([
      {
        path: 'cases.0.form.sections.0.fields.0.validation.maxLength',
        messageKey: 'catalog.problem.boundsReversed',
        params: { low: 'minLength', high: 'maxLength' },
      },
    ]);
  });

  it('refuses a component with no paper, an unknown file type or an unknown property', () => {
    const problems = problemsAfter((d) => {
      Object.assign(firstCase(d).components[0]!, { originals: 0, fileTypes: ['pdf', 'exe'], colour: 'red' });
    });
    expect(problems.map((p) => [p.path, p.messageKey])).toEqual([
      ['cases.0.components.0.fileTypes.1', 'catalog.problem.invalidOption'],
      ['cases.0.components.0.colour', 'catalog.problem.unknownKey'],
    ]);
    expect(problemsAfter((d) => Object.assign(firstCase(d).components[0]!, { originals: 0 }))).toEqual([
      { path: 'cases.0.components.0.originals', messageKey: 'catalog.component.noPaperCount' },
    ]);
  });

  it('ties the online channel to the online mode', () => {
    expect(problemsAfter((d) => Object.assign(d, { channels: ['in_person'] }))).toEqual([
      { path: 'channels', messageKey: 'catalog.procedure.channelsMismatchMode', params: { mode: 'full' } },
    ]);
    expect(problemsAfter((d) => Object.assign(d, { onlineMode: 'none' }))).toMatchObject([
      { path: 'channels', messageKey: 'catalog.procedure.channelsMismatchMode' },
    ]);
    expect(problemsAfter((d) => Object.assign(d, { channels: [] }))).toEqual([
      { path: 'channels', messageKey: 'catalog.problem.tooFew', params: { minimum: 1 } },
    ]);
    expect(problemsAfter((d) => Object.assign(d, { channels: ['online', 'fax'] }))).toMatchObject([
      { path: 'channels.1', messageKey: 'catalog.problem.invalidOption' },
    ]);
  });

  it('requires a full online service to return its result online or by post', () => {
    expect(problemsAfter((d) => Object.assign(d.result, { electronic: false }))).toEqual([
      { path: 'result.electronic', messageKey: 'catalog.procedure.fullModeResultNotRemote' },
    ]);
    const byPost = validDefinition();
    Object.assign(byPost, { result: { name: 'Giấy', electronic: false }, channels: ['in_person', 'online', 'postal'] });
    expect(parseProcedureDefinition(byPost).ok).toBe(true);
  });

  it('refuses payment at submission when nothing is payable', () => {
    expect(problemsAfter((d) => (firstCase(d).fees = []))).toEqual([
      { path: 'paymentAtSubmission', messageKey: 'catalog.procedure.paymentWithoutFee' },
    ]);
  });

  it('reports every problem at once, each with a message key of the catalogue', () => {
    const problems = problemsAfter((d) => {
      Object.assign(firstCase(d).fees[1]!, { amount: -1 });
      delete (firstCase(d).workflow[1] as AnyField).assignee;
      Object.assign(d, { name: '', applicantTypes: ['citizen', 'robot'] });
    });
    expect(problems.map((p) => p.path)).toEqual([
      'name',
      'applicantTypes.1',
      'cases.0.fees.1.amount',
      'cases.0.workflow.1.assignee',
    ]);
    for (const problem of problems) expect(Object.keys(catalogMessages.vi)).toContain(problem.messageKey);
  });

  it('refuses input that is not an object', () => {
    const result = parseProcedureDefinition('thủ tục');
    expect(result.ok ? [] : result.problems).toEqual([{ path: '', messageKey: 'catalog.problem.invalidType' }]);
  });
});

describe('assertProcedureDefinition', () => {
  it('returns the parsed definition', () => {
    expect(assertProcedureDefinition(validDefinition()).code).toBe('1.001612.000.00.00.H08');
  });

  it('throws a ValidationError carrying the problems', () => {
    const definition = validDefinition();
    delete (firstCase(definition) as AnyField).processingTime;
    const error = (() => {
      try {
        assertProcedureDefinition(definition);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      messageKey: 'catalog.procedure.invalid',
      fields: [{ path: 'cases.0.processingTime', messageKey: 'catalog.problem.required' }],
    });
  });
});
