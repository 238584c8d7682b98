/** The pages of the citizen's online application: case, e-form sections, documents, delivery, check, confirmation. */
import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, fieldId, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { ColumnField, FormField, ProcedureCase, ProcedureDefinition } from '../catalog/catalog.schema.ts';
import { shortDate, shortDateTime } from '../documents/format.ts';
import type { DeliveryMethod, DossierView, ReusableDocument } from '../dossiers/dossiers.schema.ts';
import { ADDRESS_PARTS, type Step, TABLE_ROWS } from './apply.service.ts';
import type { Draft, DraftFile } from './drafts.service.ts';
import { clientRules, FieldRulesBlock } from './inline-validation.tsx';

type Page = (ctx: PageContext) => VNode;
const local = (ctx: PageContext, label: { vi: string; en: string }) => (ctx.locale === 'en' ? label.en : label.vi);
const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

const applyBase = (draftId: string) => `/apply/d/${draftId}`;
const ownSteps: ReadonlySet<string> = new Set(['files', 'delivery', 'check']);
/** A step's page: the documents, delivery and check pages by name, e-form sections under `form/`. */
export const stepUrl = (draftId: string, step: string) =>
  `${applyBase(draftId)}/${ownSteps.has(step) ? step : `form/${step}`}`;

function ErrorMessage({ ctx, id, error }: { ctx: PageContext; id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="error-message">
      <span class="visually-hidden">{ctx.t('form.errorPrefix')}</span> {error}
    </p>
  );
}

/** Radios for a choice, as GOV.UK does: one fieldset, the legend as the question, the error tied to the group. */
function Radios({
  ctx,
  name,
  legend,
  options,
  value,
  errors,
  hint,
}: {
  ctx: PageContext;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string;
  errors: FormErrors;
  hint?: string;
}) {
  const id = fieldId(name);
  const error = errors[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset aria-describedby={describedBy}>
        <legend>{legend}</legend>
        {hint && (
          <div id={`${id}-hint`} class="hint">
            {hint}
          </div>
        )}
        <ErrorMessage ctx={ctx} id={id} error={error} />
        <div class="radios">
          {options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <div key={option.value} class="radios__item">
                <input id={optionId} type="radio" name={name} value={option.value} checked={option.value === value} />{' '}
                <label for={optionId}>{option.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

function Checkbox(p: { ctx: PageContext; name: string; label: string; checked: boolean; errors: FormErrors }) {
  const id = fieldId(p.name);
  const error = p.errors[p.name];
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <ErrorMessage ctx={p.ctx} id={id} error={error} />
      <div class="checkboxes">
        <input
          id={id}
          name={p.name}
          type="checkbox"
          value="true"
          checked={p.checked}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        <label for={id}>{p.label}</label>
      </div>
    </div>
  );
}

interface InputView {
  values: Record<string, string>;
  errors: FormErrors;
  verified: ReadonlySet<string>;
}

function Input({
  ctx,
  field,
  name,
  v,
}: {
  ctx: PageContext;
  field: FormField | ColumnField;
  name: string;
  v: InputView;
}) {
  const label = local(ctx, field.label);
  const verified = v.verified.has(name);
  const hint = [field.hint && local(ctx, field.hint), verified && ctx.t('portalApply.verified')]
    .filter(Boolean)
    .join(' ');
  const value = v.values[name] ?? '';
  switch (field.type) {
    case 'checkbox':
      return <Checkbox ctx={ctx} name={name} label={label} checked={value === 'true'} errors={v.errors} />;
    case 'select':
      return (
        <Select
          ctx={ctx}
          name={name}
          label={label}
          hint={hint || undefined}
          errors={v.errors}
          value={value}
          options={[
            { value: '', label: ctx.t('portalApply.choose') },
            ...field.options.map((o) => ({ value: o.value, label: local(ctx, o.label) })),
          ]}
        />
      );
    case 'textarea': {
      const id = fieldId(name);
      const error = v.errors[name];
      return (
        <div class={`form-group${error ? ' form-group--error' : ''}`}>
          <label for={id}>{label}</label>
          {hint && (
            <div id={`${id}-hint`} class="hint">
              {hint}
            </div>
          )}
          <ErrorMessage ctx={ctx} id={id} error={error} />
          <textarea
            id={id}
            name={name}
            rows={4}
            aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
            aria-invalid={error ? 'true' : undefined}
          >
            {value}
          </textarea>
        </div>
      );
    }
    default: {
      const type =
        field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text';
      const numeric = field.type === 'cccd' || field.type === 'money' || field.type === 'number';
      const autocomplete =
        field.key === 'fullName'
          ? 'name'
          : field.type === 'email'
            ? 'email'
            : field.type === 'phone'
              ? 'tel'
              : undefined;
      return (
        <Field
          ctx={ctx}
          name={name}
          label={label}
          hint={hint || undefined}
          errors={v.errors}
          value={value}
          type={type}
          autocomplete={autocomplete}
          inputmode={numeric ? 'numeric' : undefined}
          width={numeric || type === 'date' ? 'short' : undefined}
          readOnly={verified}
        />
      );
    }
  }
}

function GroupError({ ctx, name, errors }: { ctx: PageContext; name: string; errors: FormErrors }) {
  return <ErrorMessage ctx={ctx} id={fieldId(name)} error={errors[name]} />;
}

function FormFieldInput({ ctx, field, v }: { ctx: PageContext; field: FormField; v: InputView }) {
  const name = `form.${field.key}`;
  if (field.type === 'address') {
    return (
      <fieldset class="form-group" id={fieldId(name)} tabIndex={-1}>
        <legend>{local(ctx, field.label)}</legend>
        <GroupError ctx={ctx} name={name} errors={v.errors} />
        {ADDRESS_PARTS.map((part) => (
          <Field
            key={part}
            ctx={ctx}
            name={`${name}.${part}`}
            label={ctx.t(`portalApply.address.${part}`)}
            errors={v.errors}
            value={v.values[`${name}.${part}`] ?? ''}
          />
        ))}
      </fieldset>
    );
  }
  if (field.type === 'table') {
    return (
      <fieldset class="form-group" id={fieldId(name)} tabIndex={-1}>
        <legend>{local(ctx, field.label)}</legend>
        <GroupError ctx={ctx} name={name} errors={v.errors} />
        {Array.from({ length: TABLE_ROWS }, (_, row) => (
          <fieldset key={row} class="table-row">
            <legend>{ctx.t('portalApply.row', { n: row + 1 })}</legend>
            {field.columns.map((column) => (
              <Input key={column.key} ctx={ctx} field={column} name={`${name}.${row}.${column.key}`} v={v} />
            ))}
          </fieldset>
        ))}
      </fieldset>
    );
  }
  return <Input ctx={ctx} field={field} name={name} v={v} />;
}

/** The procedure, the step count and the way back to the check page when changing an answer. */
function StepHeader({ ctx, draft, index, total }: { ctx: PageContext; draft: Draft; index: number; total: number }) {
  return (
    <p class="caption">
      {draft.procedure.name} · {ctx.t('portalApply.stepOf', { n: index + 1, total })}
    </p>
  );
}

/** The two ways to leave a page: on to the next step (or back to the check page), or save and finish later. */
function Buttons({ ctx, returnTo }: { ctx: PageContext; returnTo: boolean }) {
  return (
    <div class="button-group">
      <button type="submit" class="button" name="action" value="next">
        {ctx.t(returnTo ? 'portalApply.saveAndReturn' : 'portalApply.continue')}
      </button>
      <button type="submit" class="button button--secondary" name="action" value="later">
        {ctx.t('portalApply.saveForLater')}
      </button>
    </div>
  );
}

export interface ChooseView {
  definition: ProcedureDefinition;
  errors: FormErrors;
}

export const choosePage =
  (v: ChooseView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <p>
          <a href={`/procedures/${v.definition.code}`}>← {t('portalApply.backToProcedure')}</a>
        </p>
        <h1>{t('portalApply.choose.title')}</h1>
        <p class="lead">{v.definition.name}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <PostForm ctx={ctx} action={`/apply/${v.definition.code}`}>
          <Radios
            ctx={ctx}
            name="case"
            legend={t('portalApply.choose.legend')}
            errors={v.errors}
            value={v.definition.cases.length === 1 ? (v.definition.cases[0]?.code ?? '') : ''}
            options={v.definition.cases.map((c) => ({ value: c.code, label: c.name }))}
          />
          <p>{t('portalApply.choose.saved')}</p>
          <button type="submit" class="button">
            {t('portalApply.start')}
          </button>
        </PostForm>
      </div>
    );
  };

export interface SectionView {
  draft: Draft;
  scriptUrl: string;
  step: Extract<Step, { kind: 'section' }>;
  index: number;
  total: number;
  values: Record<string, string>;
  errors: FormErrors;
  verified: ReadonlySet<string>;
  returnTo: boolean;
}

export const sectionPage =
  (v: SectionView): Page =>
  (ctx) => (
    <div class="narrow">
      <StepHeader ctx={ctx} draft={v.draft} index={v.index} total={v.total} />
      <h1>{local(ctx, v.step.section.title)}</h1>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <PostForm ctx={ctx} action={`${stepUrl(v.draft.id, v.step.id)}${v.returnTo ? '?return=check' : ''}`}>
        {v.step.fields.map((field) => (
          <FormFieldInput key={field.key} ctx={ctx} field={field} v={v} />
        ))}
        <Buttons ctx={ctx} returnTo={v.returnTo} />
      </PostForm>
      <FieldRulesBlock rules={clientRules(ctx, v.step.fields, v.verified)} />
      <script src={v.scriptUrl} defer />
    </div>
  );

export interface FilesView {
  draft: Draft;
  procedureCase: ProcedureCase;
  index: number;
  total: number;
  errors: FormErrors;
  reusable: ReadonlyMap<string, ReusableDocument[]>;
  maxFileMb: number;
  csrfQuery: string;
  returnTo: boolean;
  scriptUrl: string;
}

function FileItem({ ctx, draft, file }: { ctx: PageContext; draft: Draft; file: DraftFile }) {
  const image = file.kind === 'jpeg' || file.kind === 'png';
  return (
    <li class="file-item">
      {image && <img src={`${applyBase(draft.id)}/files/${file.id}`} alt="" width={64} height={64} class="thumbnail" />}
      <span>
        {file.name} ({kb(file.size)})
        {file.reusedFrom && <> · {ctx.t('portalApply.files.reusedFrom', { code: file.reusedFrom })}</>}
      </span>
    </li>
  );
}

export const filesPage =
  (v: FilesView): Page =>
  (ctx) => {
    const { t } = ctx;
    const action = `${stepUrl(v.draft.id, 'files')}${v.csrfQuery}${v.returnTo ? '&return=check' : ''}`;
    return (
      <div class="narrow">
        <StepHeader ctx={ctx} draft={v.draft} index={v.index} total={v.total} />
        <h1>{t('portalApply.files.title')}</h1>
        <p>{t('portalApply.files.lead', { limit: v.maxFileMb })}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        {v.procedureCase.components.map((component) => {
          const files = v.draft.data.files[component.code] ?? [];
          return files.length > 0 ? (
            <PostForm
              key={component.code}
              ctx={ctx}
              action={`${applyBase(v.draft.id)}/files/remove`}
              class="file-remove"
            >
              <h2 class="heading-small">{component.name}</h2>
              <ul class="file-list">
                {files.map((file) => (
                  <FileItem key={file.id} ctx={ctx} draft={v.draft} file={file} />
                ))}
              </ul>
              {files.map((file) => (
                <button key={file.id} type="submit" name="fileId" value={file.id} class="button button--secondary">
                  {t('portalApply.files.remove', { name: file.name })}
                </button>
              ))}
            </PostForm>
          ) : null;
        })}
        <form method="post" action={action} enctype="multipart/form-data" noValidate data-upload-form>
          {v.procedureCase.components.map((component) => {
            const name = `file.${component.code}`;
            const id = fieldId(name);
            const error = v.errors[name];
            const accepted = component.fileTypes.map((k) => k.toUpperCase()).join(', ');
            const reusable = v.reusable.get(component.code) ?? [];
            const count = v.draft.data.files[component.code]?.length ?? 0;
            return (
              <div key={component.code} class={`form-group${error ? ' form-group--error' : ''}`}>
                <label for={id}>
                  {component.name}{' '}
                  <span class="muted">
                    {t(component.mandatory ? 'portalApply.files.mandatory' : 'portalApply.files.optional')}
                  </span>
                </label>
                <div id={`${id}-hint`} class="hint">
                  {t('portalApply.files.hint', { types: accepted, limit: v.maxFileMb })}
                  {count > 0 && <> {t('portalApply.files.count', { n: count })}</>}
                </div>
                <ErrorMessage ctx={ctx} id={id} error={error} />
                <input
                  id={id}
                  name={name}
                  type="file"
                  accept={component.fileTypes.map((k) => (k === 'jpeg' ? '.jpg,.jpeg' : `.${k}`)).join(',')}
                  aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  data-upload
                />
                {reusable.length > 0 && (
                  <Select
                    ctx={ctx}
                    name={`reuse.${component.code}`}
                    label={t('portalApply.files.reuse')}
                    errors={v.errors}
                    options={[
                      { value: '', label: t('portalApply.files.reuseNone') },
                      ...reusable.map((d) => ({
                        value: d.fileId,
                        label: t('portalApply.files.reuseOption', {
                          name: d.name,
                          code: d.dossierCode,
                          date: shortDateTime(d.submittedAt),
                        }),
                      })),
                    ]}
                  />
                )}
              </div>
            );
          })}
          <div
            class="upload-progress"
            aria-live="polite"
            data-upload-status
            data-label={t('portalApply.files.uploading')}
          />
          <div class="button-group">
            <button type="submit" class="button button--secondary" name="action" value="upload">
              {t('portalApply.files.upload')}
            </button>
            <button type="submit" class="button" name="action" value="next">
              {t(v.returnTo ? 'portalApply.saveAndReturn' : 'portalApply.continue')}
            </button>
            <button type="submit" class="button button--secondary" name="action" value="later">
              {t('portalApply.saveForLater')}
            </button>
          </div>
        </form>
        <script src={v.scriptUrl} defer />
      </div>
    );
  };

export interface DeliveryView {
  draft: Draft;
  methods: DeliveryMethod[];
  index: number;
  total: number;
  values: Record<string, string>;
  errors: FormErrors;
  returnTo: boolean;
}

export const deliveryPage =
  (v: DeliveryView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <StepHeader ctx={ctx} draft={v.draft} index={v.index} total={v.total} />
        <h1>{t('portalApply.delivery.title')}</h1>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <PostForm ctx={ctx} action={`${stepUrl(v.draft.id, 'delivery')}${v.returnTo ? '?return=check' : ''}`}>
          <Radios
            ctx={ctx}
            name="delivery.method"
            legend={t('portalApply.delivery.legend')}
            errors={v.errors}
            value={v.values['delivery.method'] ?? ''}
            options={v.methods.map((m) => ({ value: m, label: t(`portalApply.delivery.${m}`) }))}
          />
          {v.methods.includes('postal') && (
            <fieldset class="form-group">
              <legend>{t('portalApply.delivery.address')}</legend>
              <div class="hint">{t('portalApply.delivery.addressHint')}</div>
              {ADDRESS_PARTS.map((part) => (
                <Field
                  key={part}
                  ctx={ctx}
                  name={`delivery.address.${part}`}
                  label={t(`portalApply.address.${part}`)}
                  errors={v.errors}
                  value={v.values[`delivery.address.${part}`] ?? ''}
                />
              ))}
            </fieldset>
          )}
          <Buttons ctx={ctx} returnTo={v.returnTo} />
        </PostForm>
      </div>
    );
  };

export interface CheckView {
  draft: Draft;
  steps: Step[];
  procedureCase: ProcedureCase;
  errors: FormErrors;
  /** Problems elsewhere in the application, with the step that fixes each. */
  problems: { step: string; message: string }[];
}

function answerText(ctx: PageContext, field: FormField, values: Record<string, string>): string {
  const name = `form.${field.key}`;
  if (field.type === 'address') {
    return ADDRESS_PARTS.map((p) => values[`${name}.${p}`] ?? '')
      .filter(Boolean)
      .join(', ');
  }
  if (field.type === 'table') {
    return Array.from({ length: TABLE_ROWS }, (_, row) =>
      field.columns
        .map((c) => values[`${name}.${row}.${c.key}`] ?? '')
        .filter(Boolean)
        .join(' – '),
    )
      .filter(Boolean)
      .join('; ');
  }
  const value = values[name] ?? '';
  if (field.type === 'checkbox') return value === 'true' ? ctx.t('portalApply.yes') : ctx.t('portalApply.no');
  if (field.type === 'select') {
    const option = field.options.find((o) => o.value === value);
    return option ? local(ctx, option.label) : '';
  }
  return value;
}

function Row({ label, value, change, ctx }: { label: string; value: string; change: string; ctx: PageContext }) {
  return (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd>{value || <span class="muted">{ctx.t('portalApply.check.empty')}</span>}</dd>
      <dd>
        <a href={change}>
          {ctx.t('portalApply.check.change')}
          <span class="visually-hidden"> {label}</span>
        </a>
      </dd>
    </div>
  );
}

export const checkPage =
  (v: CheckView): Page =>
  (ctx) => {
    const { t } = ctx;
    const values = v.draft.data.values;
    const back = (step: string) => `${stepUrl(v.draft.id, step)}?return=check`;
    const method = values['delivery.method'] ?? '';
    return (
      <div class="narrow">
        <p class="caption">{v.draft.procedure.name}</p>
        <h1>{t('portalApply.check.title')}</h1>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        {v.problems.length > 0 && (
          <div class="error-summary" role="alert" aria-labelledby="check-problems-title">
            <h2 id="check-problems-title">{t('portalApply.check.incomplete')}</h2>
            <ul>
              {v.problems.map((p) => (
                <li key={`${p.step}-${p.message}`}>
                  <a href={back(p.step)}>{p.message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {v.steps.map((step) =>
          step.kind === 'section' ? (
            <section key={step.id} aria-labelledby={`check-${step.id}`}>
              <h2 id={`check-${step.id}`}>{local(ctx, step.section.title)}</h2>
              <dl class="summary-list">
                {step.fields.map((field) => (
                  <Row
                    key={field.key}
                    ctx={ctx}
                    label={local(ctx, field.label)}
                    value={answerText(ctx, field, values)}
                    change={back(step.id)}
                  />
                ))}
              </dl>
            </section>
          ) : null,
        )}
        <section aria-labelledby="check-files">
          <h2 id="check-files">{t('portalApply.files.title')}</h2>
          <dl class="summary-list">
            {v.procedureCase.components.map((c) => (
              <Row
                key={c.code}
                ctx={ctx}
                label={c.name}
                value={(v.draft.data.files[c.code] ?? [])
                  .map((f) => (f.reusedFrom ? `${f.name} (${t('portalApply.files.reused')})` : f.name))
                  .join(', ')}
                change={back('files')}
              />
            ))}
          </dl>
        </section>
        <section aria-labelledby="check-delivery">
          <h2 id="check-delivery">{t('portalApply.delivery.title')}</h2>
          <dl class="summary-list">
            <Row
              ctx={ctx}
              label={t('portalApply.delivery.legend')}
              value={[
                method ? t(`portalApply.delivery.${method}`) : '',
                method === 'postal'
                  ? ADDRESS_PARTS.map((p) => values[`delivery.address.${p}`] ?? '')
                      .filter(Boolean)
                      .join(', ')
                  : '',
              ]
                .filter(Boolean)
                .join(': ')}
              change={back('delivery')}
            />
          </dl>
        </section>
        <h2>{t('portalApply.check.declarationTitle')}</h2>
        <PostForm ctx={ctx} action={`${applyBase(v.draft.id)}/submit`}>
          <input type="hidden" name="procedureVersionId" value={v.draft.procedure.versionId} />
          <input type="hidden" name="case" value={v.draft.caseCode} />
          <Checkbox
            ctx={ctx}
            name="declaration"
            label={t('portalApply.check.declaration')}
            checked={false}
            errors={v.errors}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t('portalApply.check.submit')}
            </button>
          </div>
        </PostForm>
      </div>
    );
  };

export const confirmationPage =
  (dossier: DossierView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <div class="panel panel--confirmation">
          <h1>{t('portalApply.done.title')}</h1>
          <p>{t('portalApply.done.codeLabel')}</p>
          <p class="dossier-code">{dossier.code}</p>
        </div>
        <p>
          {dossier.dueDate
            ? t('portalApply.done.due', { date: shortDate(dossier.dueDate) })
            : t('portalApply.done.dueLater')}
        </p>
        <h2>{t('portalApply.done.nextTitle')}</h2>
        <ol>
          <li>{t('portalApply.done.next1')}</li>
          <li>{t('portalApply.done.next2')}</li>
          <li>{t('portalApply.done.next3')}</li>
        </ol>
        <p>
          <a href={`/apply/done/${dossier.code}/copy.pdf`} download>
            {t('portalApply.done.pdf')}
          </a>
        </p>
        <p>
          <a href="/my-dossiers">{t('portalApply.done.myDossiers')}</a>
        </p>
      </div>
    );
  };

export const savedPage =
  (draft: Draft, mailed: boolean, resumeLink: string): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <h1>{t('portalApply.saved.title')}</h1>
        <p>{t(mailed ? 'portalApply.saved.mailed' : 'portalApply.saved.noEmail')}</p>
        <p>{t('portalApply.saved.expires', { date: shortDateTime(draft.expiresAt) })}</p>
        <p>
          <a href={resumeLink}>{t('portalApply.saved.resumeNow')}</a>
        </p>
        <p>
          <a href="/my-dossiers/drafts">{t('portalApply.drafts.title')}</a>
        </p>
      </div>
    );
  };

export const expiredPage =
  (procedureCode: string | null): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <h1>{t(procedureCode ? 'portalApply.expired.title' : 'portalApply.unknown.title')}</h1>
        <p>{t(procedureCode ? 'portalApply.expired.body' : 'portalApply.unknown.body')}</p>
        <p>
          <a class="button" href={procedureCode ? `/apply/${procedureCode}` : '/procedures'}>
            {t(procedureCode ? 'portalApply.expired.restart' : 'portalApply.unknown.find')}
          </a>
        </p>
      </div>
    );
  };
