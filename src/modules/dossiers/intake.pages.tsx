/** Counter intake: the e-form of a procedure case, rendered from its definition, filled in by the intake officer. */
import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, fieldId, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { ColumnField, FormField, ProcedureCase } from '../catalog/catalog.schema.ts';

type Page = (ctx: PageContext) => VNode;

/** Blank table rows a form without scripts offers; blank rows are not rows. */
export const TABLE_ROWS = 3;

const text = (ctx: PageContext, label: { vi: string; en: string }) => (ctx.locale === 'en' ? label.en : label.vi);

export interface ChooseView {
  procedures: { value: string; label: string }[];
  agencies: { value: string; label: string }[];
  values: { procedure: string; agency: string };
  errors: FormErrors;
}

export const choosePage =
  (v: ChooseView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <h1>{t('office.intake.title')}</h1>
        <p class="lead">{t('office.intake.lead')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <form method="get" action="/office/intake/new" noValidate>
          <Select
            ctx={ctx}
            name="procedure"
            label={t('office.intake.procedure')}
            errors={v.errors}
            value={v.values.procedure}
            options={[{ value: '', label: t('office.intake.procedurePick') }, ...v.procedures]}
          />
          <Select
            ctx={ctx}
            name="agency"
            label={t('office.intake.agency')}
            errors={v.errors}
            value={v.values.agency}
            options={v.agencies}
          />
          <button type="submit" class="button">
            {t('office.intake.continue')}
          </button>
        </form>
      </div>
    );
  };

export interface IntakeFormView {
  procedure: { code: string; name: string };
  procedureCase: ProcedureCase;
  agency: { identifier: string; name: string };
  submissionKey: string;
  /** Posted values by input name (`form.key`, `form.key.part`, `form.key.row.column`, `onBehalf.name`). */
  values: Record<string, string>;
  /** Files already uploaded in an earlier attempt, by component code. */
  uploaded: Record<string, { id: string; name: string }>;
  errors: FormErrors;
  csrfQuery: string;
  maxFileMb: number;
}

function Checkbox({
  ctx,
  name,
  label,
  checked,
  errors,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  checked: boolean;
  errors: FormErrors;
}) {
  const id = fieldId(name);
  const error = errors[name];
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      {error && (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{ctx.t('form.errorPrefix')}</span> {error}
        </p>
      )}
      <div class="checkboxes">
        <input
          id={id}
          name={name}
          type="checkbox"
          value="true"
          checked={checked}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        <label for={id}>{label}</label>
      </div>
    </div>
  );
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
  v: IntakeFormView;
}) {
  const label = text(ctx, field.label);
  const hint = field.hint ? text(ctx, field.hint) : undefined;
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
          hint={hint}
          errors={v.errors}
          value={value}
          options={[
            { value: '', label: ctx.t('office.form.choose') },
            ...field.options.map((o) => ({ value: o.value, label: text(ctx, o.label) })),
          ]}
        />
      );
    case 'textarea': {
      const id = fieldId(name);
      const error = v.errors[name];
      return (
        <div class={`form-group${error ? ' form-group--error' : ''}`}>
          <label for={id}>{label}</label>
          {error && (
            <p id={`${id}-error`} class="error-message">
              <span class="visually-hidden">{ctx.t('form.errorPrefix')}</span> {error}
            </p>
          )}
          <textarea id={id} name={name} rows={3} aria-describedby={error ? `${id}-error` : undefined}>
            {value}
          </textarea>
        </div>
      );
    }
    default: {
      const type =
        field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text';
      const numeric = field.type === 'cccd' || field.type === 'money' || field.type === 'number';
      return (
        <Field
          ctx={ctx}
          name={name}
          label={label}
          hint={hint}
          errors={v.errors}
          value={value}
          type={type}
          inputmode={numeric ? 'numeric' : undefined}
          width={numeric || type === 'date' ? 'short' : undefined}
        />
      );
    }
  }
}

function FormFieldInput({ ctx, field, v }: { ctx: PageContext; field: FormField; v: IntakeFormView }) {
  const name = `form.${field.key}`;
  if (field.type === 'address') {
    const error = v.errors[name];
    return (
      <fieldset class="form-group" id={fieldId(name)} tabIndex={-1}>
        <legend>{text(ctx, field.label)}</legend>
        {error && <p class="error-message">{error}</p>}
        {(['detail', 'commune', 'province'] as const).map((part) => (
          <Field
            key={part}
            ctx={ctx}
            name={`${name}.${part}`}
            label={ctx.t(`office.form.address.${part}`)}
            errors={v.errors}
            value={v.values[`${name}.${part}`] ?? ''}
          />
        ))}
      </fieldset>
    );
  }
  if (field.type === 'table') {
    const error = v.errors[name];
    return (
      <fieldset class="form-group" id={fieldId(name)} tabIndex={-1}>
        <legend>{text(ctx, field.label)}</legend>
        {error && <p class="error-message">{error}</p>}
        {Array.from({ length: TABLE_ROWS }, (_, row) => (
          <fieldset key={row} class="table-row">
            <legend>{ctx.t('office.form.row', { n: row + 1 })}</legend>
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

export const intakeFormPage =
  (v: IntakeFormView): Page =>
  (ctx) => {
    const { t } = ctx;
    const c = v.procedureCase;
    return (
      <div class="narrow">
        <h1>{t('office.intake.title')}</h1>
        <p class="lead">
          {v.procedure.name} – {c.name}
        </p>
        <p>
          {t('office.intake.agency')}: {v.agency.name} · <a href="/office/intake/new">{t('office.intake.change')}</a>
        </p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <form method="post" action={`/office/intake${v.csrfQuery}`} enctype="multipart/form-data" noValidate>
          <input type="hidden" name="procedure" value={v.procedure.code} />
          <input type="hidden" name="case" value={c.code} />
          <input type="hidden" name="agency" value={v.agency.identifier} />
          <input type="hidden" name="submissionKey" value={v.submissionKey} />
          {c.form.sections.map((section) => (
            <section key={section.key} aria-labelledby={`s-${section.key}`}>
              <h2 id={`s-${section.key}`}>{text(ctx, section.title)}</h2>
              {section.fields.map((field) => (
                <FormFieldInput key={field.key} ctx={ctx} field={field} v={v} />
              ))}
            </section>
          ))}
          <section aria-labelledby="s-on-behalf">
            <h2 id="s-on-behalf">{t('office.intake.onBehalf')}</h2>
            <Field
              ctx={ctx}
              name="onBehalf.name"
              label={t('office.intake.onBehalfName')}
              errors={v.errors}
              value={v.values['onBehalf.name'] ?? ''}
            />
            <Field
              ctx={ctx}
              name="onBehalf.idNumber"
              label={t('office.intake.onBehalfId')}
              errors={v.errors}
              value={v.values['onBehalf.idNumber'] ?? ''}
              inputmode="numeric"
              width="short"
            />
          </section>
          <section aria-labelledby="s-files">
            <h2 id="s-files">{t('office.intake.components')}</h2>
            {c.components.map((component) => {
              const name = `file.${component.code}`;
              const id = fieldId(name);
              const error = v.errors[name];
              const uploaded = v.uploaded[component.code];
              return (
                <div key={component.code} class={`form-group${error ? ' form-group--error' : ''}`}>
                  <label for={id}>
                    {component.name} {component.mandatory && <span class="muted">{t('office.dossier.mandatory')}</span>}
                  </label>
                  <div id={`${id}-hint`} class="hint">
                    {t('office.field.fileHint', { limit: v.maxFileMb })}
                  </div>
                  {error && (
                    <p id={`${id}-error`} class="error-message">
                      <span class="visually-hidden">{t('form.errorPrefix')}</span> {error}
                    </p>
                  )}
                  {uploaded && (
                    <p>
                      <input
                        type="hidden"
                        name={`uploaded.${component.code}`}
                        value={`${uploaded.id}|${uploaded.name}`}
                      />
                      {t('office.intake.uploaded', { name: uploaded.name })}
                    </p>
                  )}
                  <input
                    id={id}
                    name={name}
                    type="file"
                    aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  />
                </div>
              );
            })}
          </section>
          <button type="submit" class="button">
            {t('office.intake.submit')}
          </button>
        </form>
      </div>
    );
  };
