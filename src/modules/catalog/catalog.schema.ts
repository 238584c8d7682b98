/**
 * The procedure catalogue as data. One definition drives the citizen e-form, the server-side checks of a submission
 * and the back-office view, so every cross-field rule lives here rather than in the code that reads it.
 *
 * Problems carry the dotted path of the offending field in the definition (array positions as numbers, e.g.
 * `cases.0.form.sections.1.fields.3.type`) and a message key of `src/web/i18n/catalog.ts`.
 */
import { z } from 'zod';
import { type FieldProblem, type MessageParams, ValidationError } from '../../lib/errors.ts';
import { zodProblems } from '../../lib/zod-problems.ts';
import type { CatalogMessageKey } from '../../web/i18n/catalog.ts';
import { isIsoDate } from './field-rules.ts';

const key = (messageKey: CatalogMessageKey) => ({ error: messageKey });

/** National base code plus the local suffix, long (`1.001612.000.00.00.H08`) or short (`1.000948.H08`). */
const PROCEDURE_CODE = /^[1-9]\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2})?\.[A-Z]\d{2}$/;
/** QCVN 102:2016 electronic identifier: four dot-separated parts, the province or ministry part (`H08`) first or last. */
const AGENCY_ID = /^(?:[A-Z]\d{2}(?:\.\d{2,3}){3}|(?:\d{2,3}\.){3}[A-Z]\d{2})$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** Field and section keys become form input names and JSON keys. */
const FIELD_KEY = /^[a-z][A-Za-z0-9_]{0,39}$/;
const TEMPLATE_FILE = /^[^/\\]+\.(?:pdf|docx?|xlsx?|odt)$/i;
/** Hours per working day, as in the deadline engine. */
const WORKING_HOURS_PER_DAY = 8;
/** Longest processing time per unit: 1000 working days, expressed in each unit. */
const MAX_PROCESSING_TIME = {
  workingDays: 1000,
  workingHours: 1000 * WORKING_HOURS_PER_DAY,
  calendarDays: 1400,
} as const;
const EPSILON = 1e-9;

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(CODE, key('catalog.problem.codeFormat'));
export const agencyIdSchema = z.string().regex(AGENCY_ID, key('catalog.problem.agencyIdFormat'));
export const procedureCodeSchema = z.string().regex(PROCEDURE_CODE, key('catalog.problem.procedureCodeFormat'));
const fieldKey = z.string().regex(FIELD_KEY, key('catalog.problem.keyFormat'));
const isoDate = z.string().refine(isIsoDate, key('catalog.problem.dateFormat'));
const regexSource = z
  .string()
  .min(1)
  .max(500)
  .refine((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, key('catalog.form.patternInvalid'));
const bilingual = z.strictObject({ vi: text(500), en: text(500) });

/**
 * Wraps a cross-field rule so that it runs only when every part of the value passed its own checks: zod runs
 * refinements after failed range or format checks too, and a rule would then report mere consequences.
 */
function crossField<T>(rule: (value: T, ctx: z.RefinementCtx<T>) => void) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    if (ctx.issues.length === 0) rule(value, ctx);
  };
}

/** Refuses `low > high` when both bounds are set, reporting at the upper bound. */
function ordered(low: string, high: string) {
  return crossField((bounds: Record<string, unknown>, ctx) => {
    const a = bounds[low];
    const b = bounds[high];
    if ((typeof a === 'number' || typeof a === 'string') && typeof b === typeof a && (b as typeof a) < a) {
      addProblem(ctx, [high], 'catalog.problem.boundsReversed', { low, high });
    }
  });
}

function addProblem(ctx: z.RefinementCtx, path: PropertyKey[], messageKey: CatalogMessageKey, params?: MessageParams) {
  ctx.addIssue({ code: 'custom', path, message: messageKey, ...(params ? { params } : {}) });
}

// ---------------------------------------------------------------------------------------------------------------
// E-form

const fieldBase = {
  key: fieldKey,
  label: bilingual,
  hint: bilingual.optional(),
  required: z.boolean().default(false),
};

const textShape = {
  ...fieldBase,
  type: z.enum(['text', 'textarea']),
  validation: z
    .strictObject({
      minLength: z.int().min(0).optional(),
      maxLength: z.int().min(1).optional(),
      pattern: regexSource.optional(),
    })
    .superRefine(ordered('minLength', 'maxLength'))
    .optional(),
};
const numberShape = {
  ...fieldBase,
  type: z.literal('number'),
  validation: z
    .strictObject({ min: z.number().optional(), max: z.number().optional() })
    .superRefine(ordered('min', 'max'))
    .optional(),
};
const moneyShape = {
  ...fieldBase,
  type: z.literal('money'),
  validation: z
    .strictObject({ min: z.int().min(0).optional(), max: z.int().min(0).optional() })
    .superRefine(ordered('min', 'max'))
    .optional(),
};
const dateShape = {
  ...fieldBase,
  type: z.literal('date'),
  validation: z
    .strictObject({ min: isoDate.optional(), max: isoDate.optional() })
    .superRefine(ordered('min', 'max'))
    .optional(),
};
const selectShape = {
  ...fieldBase,
  type: z.literal('select'),
  options: z.array(z.strictObject({ value: text(100), label: bilingual })).min(1),
};
const plainShape = { ...fieldBase, type: z.enum(['checkbox', 'cccd', 'phone', 'email']) };

/** A table column: a field of a simple type, without conditional visibility. */
const columnFieldSchema = z.discriminatedUnion('type', [
  z.strictObject(textShape),
  z.strictObject(numberShape),
  z.strictObject(moneyShape),
  z.strictObject(dateShape),
  z.strictObject(selectShape),
  z.strictObject(plainShape),
]);

/** Shown only while the earlier field `field` holds `equals`. */
const visibleWhen = {
  visibleWhen: z.strictObject({ field: fieldKey, equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
};
const formFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...textShape, ...visibleWhen }),
  z.strictObject({ ...numberShape, ...visibleWhen }),
  z.strictObject({ ...moneyShape, ...visibleWhen }),
  z.strictObject({ ...dateShape, ...visibleWhen }),
  z.strictObject({ ...selectShape, ...visibleWhen }),
  z.strictObject({ ...plainShape, ...visibleWhen }),
  z.strictObject({ ...fieldBase, ...visibleWhen, type: z.literal('address') }),
  z.strictObject({
    ...fieldBase,
    ...visibleWhen,
    type: z.literal('table'),
    columns: z.array(columnFieldSchema).min(1),
    validation: z
      .strictObject({ minRows: z.int().min(0).optional(), maxRows: z.int().min(1).optional() })
      .superRefine(ordered('minRows', 'maxRows'))
      .optional(),
  }),
]);
export type FormField = z.output<typeof formFieldSchema>;
export type ColumnField = z.output<typeof columnFieldSchema>;
export type FieldType = FormField['type'];

const sectionSchema = z.strictObject({ key: fieldKey, title: bilingual, fields: z.array(formFieldSchema).min(1) });

const formShape = z.strictObject({ sections: z.array(sectionSchema).min(1) });
const formSchema = formShape.superRefine(crossField(checkForm));

function checkForm(form: z.output<typeof formShape>, ctx: z.RefinementCtx) {
  refuseDuplicates(
    ctx,
    form.sections.map((section, s): Keyed => [section.key, ['sections', s, 'key']]),
    'catalog.form.duplicateSectionKey',
  );
  const fields: { field: FormField; path: PropertyKey[] }[] = form.sections.flatMap((section, s) =>
    section.fields.map((field, f) => ({ field, path: ['sections', s, 'fields', f] })),
  );
  refuseDuplicates(
    ctx,
    fields.map(({ field, path }): Keyed => [field.key, [...path, 'key']]),
    'catalog.form.duplicateFieldKey',
  );
  const allKeys = new Set(fields.map((at) => at.field.key));
  const earlier = new Map<string, FormField>();
  for (const { field, path } of fields) {
    if (field.visibleWhen) checkVisibleWhen(ctx, field.visibleWhen, earlier, allKeys, [...path, 'visibleWhen']);
    if (field.type === 'select') checkOptions(ctx, field.options, path);
    if (field.type === 'table') {
      refuseDuplicates(
        ctx,
        field.columns.map((column, c): Keyed => [column.key, [...path, 'columns', c, 'key']]),
        'catalog.form.duplicateColumnKey',
      );
      field.columns.forEach((column, c) => {
        if (column.type === 'select') checkOptions(ctx, column.options, [...path, 'columns', c]);
      });
    }
    if (!earlier.has(field.key)) earlier.set(field.key, field);
  }
}

function checkOptions(ctx: z.RefinementCtx, options: readonly { value: string }[], fieldPath: PropertyKey[]) {
  refuseDuplicates(
    ctx,
    options.map((option, o): Keyed => [option.value, [...fieldPath, 'options', o, 'value']]),
    'catalog.form.duplicateOption',
  );
}

function checkVisibleWhen(
  ctx: z.RefinementCtx,
  condition: { field: string; equals: string | number | boolean },
  earlier: ReadonlyMap<string, FormField>,
  allKeys: ReadonlySet<string>,
  path: PropertyKey[],
) {
  const target = earlier.get(condition.field);
  if (!target) {
    const messageKey = allKeys.has(condition.field)
      ? 'catalog.form.visibleWhenNotEarlier'
      : 'catalog.form.visibleWhenUnknownField';
    addProblem(ctx, [...path, 'field'], messageKey, { field: condition.field });
    return;
  }
  const { equals } = condition;
  switch (target.type) {
    case 'table':
    case 'address':
      addProblem(ctx, [...path, 'field'], 'catalog.form.visibleWhenUnsupportedField', { field: condition.field });
      return;
    case 'select':
      if (!target.options.some((option) => option.value === equals)) {
        addProblem(ctx, [...path, 'equals'], 'catalog.form.visibleWhenUnknownOption', { field: condition.field });
      }
      return;
    default: {
      const expected =
        target.type === 'checkbox'
          ? 'boolean'
          : target.type === 'number' || target.type === 'money'
            ? 'number'
            : 'string';
      if (typeof equals !== expected) {
        addProblem(ctx, [...path, 'equals'], 'catalog.form.visibleWhenTypeMismatch', {
          field: condition.field,
          expected,
        });
      }
    }
  }
}

type Keyed = readonly [value: string, path: PropertyKey[]];

/** Reports every repetition of an earlier value, at the repeating position. */
function refuseDuplicates(
  ctx: z.RefinementCtx,
  entries: readonly Keyed[],
  messageKey: CatalogMessageKey = 'catalog.problem.duplicate',
) {
  const seen = new Set<string>();
  for (const [value, path] of entries) {
    if (seen.has(value)) addProblem(ctx, path, messageKey, { value });
    seen.add(value);
  }
}

const indexed = (values: readonly string[], prefix: PropertyKey[]) =>
  values.map((value, i): Keyed => [value, [...prefix, i]]);
const codes = (items: readonly { code: string }[], prefix: PropertyKey[]) =>
  items.map((item, i): Keyed => [item.code, [...prefix, i, 'code']]);

// ---------------------------------------------------------------------------------------------------------------
// Case: deadline, components, fees, workflow

const processingTimeSchema = z
  .strictObject({ value: z.number().positive(), unit: z.enum(['workingDays', 'workingHours', 'calendarDays']) })
  .superRefine(
    crossField((time, ctx) => {
      const max = MAX_PROCESSING_TIME[time.unit];
      if (time.value > max) addProblem(ctx, ['value'], 'catalog.case.processingTimeTooLong', { max, unit: time.unit });
    }),
  );
export type ProcessingTime = z.output<typeof processingTimeSchema>;

const componentSchema = z
  .strictObject({
    code,
    name: text(1000),
    mandatory: z.boolean(),
    originals: z.int().min(0).max(100),
    copies: z.int().min(0).max(100),
    fileTypes: z.array(z.enum(['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'xml'])).min(1),
    template: z.string().regex(TEMPLATE_FILE, key('catalog.component.templateFormat')).optional(),
  })
  .superRefine(
    crossField((component, ctx) => {
      if (component.originals + component.copies === 0) {
        addProblem(ctx, ['originals'], 'catalog.component.noPaperCount');
      }
      refuseDuplicates(ctx, indexed(component.fileTypes, ['fileTypes']));
    }),
  );

const feeBase = {
  code,
  name: text(500),
  amount: z.int().min(0),
  exemptions: z.array(z.strictObject({ code, name: text(500) })).optional(),
};
const feeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...feeBase, kind: z.literal('fixed') }),
  z.strictObject({ ...feeBase, kind: z.literal('perUnit'), unitName: text(50) }),
]);
export type Fee = z.output<typeof feeSchema>;

const workflowStepSchema = z.strictObject({
  code,
  name: text(300),
  assignee: z.strictObject({
    role: z.enum(['intake', 'processor', 'leader', 'cashier']),
    agency: agencyIdSchema.optional(),
  }),
  share: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fraction'), value: z.number().positive().max(1) }),
    z.strictObject({ kind: z.literal('workingDays'), value: z.number().positive() }),
  ]),
});
export type WorkflowStep = z.output<typeof workflowStepSchema>;

const caseShape = z.strictObject({
  code,
  name: text(1000),
  processingTime: processingTimeSchema,
  onlineProcessingTime: processingTimeSchema.optional(),
  noDueDate: z.boolean().default(false),
  components: z.array(componentSchema).min(1),
  form: formSchema,
  fees: z.array(feeSchema),
  workflow: z.array(workflowStepSchema).min(1),
});
const caseSchema = caseShape.superRefine(crossField(checkCase));

function checkCase(procedureCase: z.output<typeof caseShape>, ctx: z.RefinementCtx) {
  const { components, fees, workflow, processingTime, onlineProcessingTime } = procedureCase;
  refuseDuplicates(ctx, codes(components, ['components']));
  refuseDuplicates(ctx, codes(fees, ['fees']));
  fees.forEach((fee, i) => {
    refuseDuplicates(ctx, codes(fee.exemptions ?? [], ['fees', i, 'exemptions']));
  });
  refuseDuplicates(ctx, codes(workflow, ['workflow']));
  if (onlineProcessingTime?.unit === processingTime.unit && onlineProcessingTime.value > processingTime.value) {
    addProblem(ctx, ['onlineProcessingTime', 'value'], 'catalog.case.onlineTimeLonger');
  }
  // Decree 118/2025: every dossier is received by the one-stop unit first.
  if (workflow[0]?.assignee.role !== 'intake') {
    addProblem(ctx, ['workflow', 0, 'assignee', 'role'], 'catalog.workflow.firstStepNotIntake');
  }
  checkShares(ctx, workflow, processingTime, 'catalog.workflow.sharesExceedTotal');
  if (onlineProcessingTime) {
    checkShares(ctx, workflow, onlineProcessingTime, 'catalog.workflow.sharesExceedOnlineTotal');
  }
  if ([processingTime, onlineProcessingTime].some((time) => time?.unit === 'calendarDays')) {
    workflow.forEach((step, i) => {
      if (step.share.kind === 'workingDays') {
        addProblem(ctx, ['workflow', i, 'share', 'kind'], 'catalog.workflow.workingDaysShareWithCalendarDays');
      }
    });
  }
}

/** Reports the first step at which the running sum of shares passes the total. */
function checkShares(
  ctx: z.RefinementCtx,
  workflow: readonly WorkflowStep[],
  time: ProcessingTime,
  messageKey: CatalogMessageKey,
) {
  // Working-day shares cannot be compared with calendar days; that mix is reported on its own.
  if (time.unit === 'calendarDays' && workflow.some((step) => step.share.kind === 'workingDays')) return;
  const total = time.unit === 'workingHours' ? time.value / WORKING_HOURS_PER_DAY : time.value;
  let sum = 0;
  for (const [i, step] of workflow.entries()) {
    sum += step.share.kind === 'fraction' ? step.share.value * total : step.share.value;
    if (sum > total + EPSILON) {
      addProblem(ctx, ['workflow', i, 'share', 'value'], messageKey, { total: time.value, unit: time.unit });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Procedure

export type OnlineMode = 'full' | 'partial' | 'none';
export type OldLevel = 2 | 3 | 4;

/** Decree 42/2022 abolished the levels; reports still use them (full ≈ 4, partial ≈ 3, offline = 2). */
export function defaultOldLevel(mode: OnlineMode): OldLevel {
  return mode === 'full' ? 4 : mode === 'partial' ? 3 : 2;
}

const procedureShape = z.strictObject({
  code: procedureCodeSchema,
  name: text(1000),
  field: z.strictObject({ code, name: text(300) }),
  agency: z.strictObject({ id: agencyIdSchema, level: z.enum(['province', 'commune']) }),
  applicantTypes: z.array(z.enum(['citizen', 'business'])).min(1),
  legalBasis: z.array(text(1000)).min(1),
  conditions: z.string().trim().max(10_000),
  steps: z.array(text(2000)).min(1),
  result: z.strictObject({ name: text(500), electronic: z.boolean() }),
  onlineMode: z.enum(['full', 'partial', 'none']),
  oldLevel: z.literal([2, 3, 4]).optional(),
  channels: z.array(z.enum(['in_person', 'online', 'postal'])).min(1),
  paymentAtSubmission: z.boolean(),
  cases: z.array(caseSchema).min(1),
  /** Frequently asked questions, shown on the portal's help page of the procedure. */
  faq: z
    .array(z.strictObject({ question: text(500), answer: text(5000) }))
    .max(50)
    .optional(),
});
export const procedureDefinitionSchema = procedureShape
  .superRefine(crossField(checkProcedure))
  // `oldLevel` always comes last, given or not, so a stored definition parses back to the same JSON text.
  .transform(({ oldLevel, ...procedure }) => ({
    ...procedure,
    oldLevel: oldLevel ?? defaultOldLevel(procedure.onlineMode),
  }));

function checkProcedure(procedure: z.output<typeof procedureShape>, ctx: z.RefinementCtx) {
  const { channels, onlineMode, cases } = procedure;
  refuseDuplicates(ctx, indexed(procedure.applicantTypes, ['applicantTypes']));
  refuseDuplicates(ctx, indexed(channels, ['channels']));
  refuseDuplicates(ctx, codes(cases, ['cases']));
  if (channels.includes('online') !== (onlineMode !== 'none')) {
    addProblem(ctx, ['channels'], 'catalog.procedure.channelsMismatchMode', { mode: onlineMode });
  }
  // Decree 42/2022: a full online service returns its result online or by public post.
  if (onlineMode === 'full' && !procedure.result.electronic && !channels.includes('postal')) {
    addProblem(ctx, ['result', 'electronic'], 'catalog.procedure.fullModeResultNotRemote');
  }
  if (procedure.paymentAtSubmission && !cases.some((c) => c.fees.some((fee) => fee.amount > 0))) {
    addProblem(ctx, ['paymentAtSubmission'], 'catalog.procedure.paymentWithoutFee');
  }
}

export type ProcedureDefinition = z.output<typeof procedureDefinitionSchema>;
export type ProcedureDefinitionInput = z.input<typeof procedureDefinitionSchema>;
export type ProcedureCase = ProcedureDefinition['cases'][number];
export type FormDefinition = ProcedureCase['form'];
export type FormSection = FormDefinition['sections'][number];
export type Component = ProcedureCase['components'][number];

// ---------------------------------------------------------------------------------------------------------------
// Parsing

export type CatalogParseResult = { ok: true; value: ProcedureDefinition } | { ok: false; problems: FieldProblem[] };

export function parseProcedureDefinition(input: unknown): CatalogParseResult {
  const result = procedureDefinitionSchema.safeParse(input, { error: messageKeyFor });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: zodProblems(result.error.issues, 'catalog.problem.invalidOption') };
}

/** Throws a `ValidationError` listing every problem. */
export function assertProcedureDefinition(input: unknown): ProcedureDefinition {
  const result = parseProcedureDefinition(input);
  if (!result.ok) throw new ValidationError(result.problems, 'catalog.procedure.invalid');
  return result.value;
}

/** Message keys for zod's own issues; our custom issues already carry theirs. */
function messageKeyFor(issue: z.core.$ZodRawIssue): CatalogMessageKey {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'catalog.problem.required';
      return issue.expected === 'int' && typeof issue.input === 'number'
        ? 'catalog.problem.notInteger'
        : 'catalog.problem.invalidType';
    case 'too_small':
      return issue.origin === 'string'
        ? 'catalog.problem.tooShort'
        : issue.origin === 'array'
          ? 'catalog.problem.tooFew'
          : 'catalog.problem.tooSmall';
    case 'too_big':
      return issue.origin === 'string'
        ? 'catalog.problem.tooLong'
        : issue.origin === 'array'
          ? 'catalog.problem.tooMany'
          : 'catalog.problem.tooLarge';
    case 'invalid_value':
      return issue.input === undefined ? 'catalog.problem.required' : 'catalog.problem.invalidOption';
    case 'invalid_union': {
      // A discriminated union reports an absent or unknown discriminator at the discriminator's path.
      const { input } = issue;
      if (typeof input !== 'object' || input === null) return 'catalog.problem.invalidType';
      const discriminator = 'discriminator' in issue ? String(issue.discriminator) : undefined;
      return discriminator && !(discriminator in input) ? 'catalog.problem.required' : 'catalog.problem.invalidOption';
    }
    case 'unrecognized_keys':
      return 'catalog.problem.unknownKey';
    case 'invalid_format':
      return 'catalog.problem.invalidFormat';
    default:
      return 'catalog.problem.invalid';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: the public search

/** An empty form field (a filter left at "all") counts as absent. */
const blankAsAbsent = (value: unknown) => (value === '' ? undefined : value);

const MAX_SEARCH_LIMIT = 100;
const pageError = { error: 'catalog.errors.pageInvalid' };
const limitError = { error: 'catalog.errors.limitRange' };

export const searchQuerySchema = z.object({
  q: z.preprocess(blankAsAbsent, z.string().max(200, 'catalog.errors.queryTooLong').optional()),
  agency: z.preprocess(blankAsAbsent, agencyIdSchema.optional()),
  field: z.preprocess(blankAsAbsent, code.optional()),
  mode: z.preprocess(blankAsAbsent, z.enum(['full', 'partial', 'none'], 'catalog.errors.modeInvalid').optional()),
  level: z.preprocess(blankAsAbsent, z.enum(['province', 'commune'], 'catalog.errors.levelInvalid').optional()),
  page: z.preprocess(
    blankAsAbsent,
    z.coerce.number(pageError).int(pageError).min(1, pageError).max(10_000, pageError).default(1),
  ),
  limit: z.preprocess(
    blankAsAbsent,
    z.coerce.number(limitError).int(limitError).min(1, limitError).max(MAX_SEARCH_LIMIT, limitError).default(20),
  ),
});

const procedureItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  field: z.object({ code: z.string(), name: z.string() }),
  onlineMode: z.enum(['full', 'partial', 'none']),
  processingTime: z.object({ value: z.number(), unit: z.enum(['workingDays', 'workingHours', 'calendarDays']) }),
  fees: z.array(z.object({ name: z.string(), amount: z.int() })),
});

export const searchResponseSchema = z.object({ items: z.array(procedureItemSchema), total: z.int() });
