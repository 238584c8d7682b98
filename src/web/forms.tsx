import type { ComponentChildren } from 'preact';
import type { MessageParams } from '../lib/errors.ts';
import type { PageContext } from './layout.tsx';

/** Field name → translated message, in the order the fields appear on the form. */
export type FormErrors = Record<string, string>;

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** GOV.UK error summary: at the top of the form, each message a link to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FormErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{ctx.t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  errors: FormErrors;
  value?: string | null;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date';
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  required?: boolean;
  readOnly?: boolean;
  width?: 'short' | 'full';
}

interface GroupProps {
  ctx: PageContext;
  name: string;
  label: string;
  errors: FormErrors;
  hint?: string;
}

/**
 * The label, hint and error message of one control; `control` gets the attributes that tie them to it
 * (aria-describedby, aria-invalid).
 */
function FormGroup(
  p: GroupProps & { control: (a: { id: string; describedBy?: string; invalid?: 'true' }) => ComponentChildren },
) {
  const id = fieldId(p.name);
  const error = p.errors[p.name];
  const describedBy = [p.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <div id={`${id}-hint`} class="hint">
          {p.hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{p.ctx.t('form.errorPrefix')}</span> {error}
        </p>
      )}
      {p.control({ id, describedBy, invalid: error ? 'true' : undefined })}
    </div>
  );
}

/** A labelled input with its hint and error message tied to it. */
export function Field(p: FieldProps) {
  return (
    <FormGroup
      {...p}
      control={({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          autocomplete={p.autocomplete}
          inputMode={p.inputmode}
          required={p.required}
          readOnly={p.readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          class={p.width === 'short' ? 'input--short' : undefined}
        />
      )}
    />
  );
}

export interface SelectProps {
  ctx: PageContext;
  name: string;
  label: string;
  errors: FormErrors;
  options: { value: string; label: string }[];
  value?: string | null;
  hint?: string;
}

export function Select(p: SelectProps) {
  return (
    <FormGroup
      {...p}
      control={({ id, describedBy, invalid }) => (
        <select id={id} name={p.name} aria-describedby={describedBy} aria-invalid={invalid}>
          {p.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === (p.value ?? '')}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A POST form carrying the CSRF token. */
export function PostForm({
  ctx,
  action,
  children,
  class: className,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={className} noValidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      {children}
    </form>
  );
}

/** Form errors from a zod failure (issue messages are i18n keys) or a ValidationError's field problems. */
export function formErrors(
  t: PageContext['t'],
  problems: readonly {
    path: readonly PropertyKey[] | string;
    message?: string;
    messageKey?: string;
    params?: MessageParams;
  }[],
): FormErrors {
  const errors: FormErrors = {};
  for (const p of problems) {
    const name = typeof p.path === 'string' ? p.path : String(p.path[0] ?? '');
    errors[name] ??= t(p.messageKey ?? p.message ?? 'errors.field.required', p.params);
  }
  return errors;
}
