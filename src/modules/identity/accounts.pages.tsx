import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, fieldId, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { Profile } from './accounts.service.ts';

type Page = (ctx: PageContext) => VNode;

/** A page with a heading and a few paragraphs (confirmations, expired links). */
export const messagePage =
  (v: { title: string; paragraphs: string[]; link?: { href: string; text: string } }): Page =>
  () => (
    <div class="narrow">
      <h1>{v.title}</h1>
      {v.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {v.link && (
        <p>
          <a href={v.link.href}>{v.link.text}</a>
        </p>
      )}
    </div>
  );

export interface RegisterValues {
  kind?: string;
  fullName?: string;
  contact?: string;
  taxCode?: string;
}

export const registerPage =
  (v: { values: RegisterValues; errors: FormErrors }): Page =>
  (ctx) => {
    const { t } = ctx;
    const kind = v.values.kind === 'business' ? 'business' : 'citizen';
    return (
      <div class="narrow">
        <h1>{t('register.title')}</h1>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <PostForm ctx={ctx} action="/register">
          <fieldset class="form-group">
            <legend>{t('register.kind')}</legend>
            <ul class="checkboxes">
              {(['citizen', 'business'] as const).map((k, i) => (
                <li key={k}>
                  <input
                    type="radio"
                    id={i === 0 ? fieldId('kind') : `${fieldId('kind')}-${k}`}
                    name="kind"
                    value={k}
                    checked={kind === k}
                  />
                  <label for={i === 0 ? fieldId('kind') : `${fieldId('kind')}-${k}`}>{t(`register.kind.${k}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <Field
            ctx={ctx}
            name="fullName"
            label={t('register.fullName')}
            hint={t('register.fullNameHint')}
            value={v.values.fullName}
            errors={v.errors}
            autocomplete="name"
          />
          <Field
            ctx={ctx}
            name="contact"
            label={t('register.contact')}
            hint={t('register.contactHint')}
            value={v.values.contact}
            errors={v.errors}
            autocomplete="email"
          />
          <Field
            ctx={ctx}
            name="taxCode"
            label={t('register.taxCode')}
            hint={t('register.taxCodeHint')}
            value={v.values.taxCode}
            errors={v.errors}
            inputmode="numeric"
          />
          <Field
            ctx={ctx}
            name="password"
            type="password"
            label={t('register.password')}
            hint={t('register.passwordHint')}
            errors={v.errors}
            autocomplete="new-password"
          />
          <Field
            ctx={ctx}
            name="confirm"
            type="password"
            label={t('register.confirm')}
            errors={v.errors}
            autocomplete="new-password"
          />
          <button type="submit" class="button">
            {t('register.submit')}
          </button>
        </PostForm>
        <p>
          <a href="/login">{t('register.haveAccount')}</a>
        </p>
      </div>
    );
  };

export const resetRequestPage =
  (v: { identifier: string; errors: FormErrors }): Page =>
  (ctx) => (
    <div class="narrow">
      <h1>{ctx.t('reset.title')}</h1>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <p>{ctx.t('reset.intro')}</p>
      <PostForm ctx={ctx} action="/password-reset">
        <Field
          ctx={ctx}
          name="identifier"
          label={ctx.t('reset.identifier')}
          value={v.identifier}
          errors={v.errors}
          autocomplete="username"
        />
        <button type="submit" class="button">
          {ctx.t('reset.submit')}
        </button>
      </PostForm>
    </div>
  );

export const setPasswordPage =
  (v: { token: string; errors: FormErrors }): Page =>
  (ctx) => (
    <div class="narrow">
      <h1>{ctx.t('setPassword.title')}</h1>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <PostForm ctx={ctx} action="/set-password">
        <input type="hidden" name="token" value={v.token} />
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label={ctx.t('register.password')}
          hint={ctx.t('register.passwordHint')}
          errors={v.errors}
          autocomplete="new-password"
        />
        <Field
          ctx={ctx}
          name="confirm"
          type="password"
          label={ctx.t('register.confirm')}
          errors={v.errors}
          autocomplete="new-password"
        />
        <button type="submit" class="button">
          {ctx.t('setPassword.submit')}
        </button>
      </PostForm>
    </div>
  );

type ProfileField =
  | 'fullName'
  | 'identityNumber'
  | 'dateOfBirth'
  | 'address'
  | 'phone'
  | 'email'
  | 'taxCode'
  | 'representative';

export const accountPage =
  (v: {
    profile: Profile;
    values: Partial<Record<ProfileField, string | null>>;
    errors: FormErrors;
    notice?: string;
    /** Sections other areas add (the notification channels). */
    sections?: Page[];
  }): Page =>
  (ctx) => {
    const { t } = ctx;
    const p = v.profile;
    const verified = new Set(p.verified);
    const field = (
      name: ProfileField,
      type: 'text' | 'email' | 'tel' | 'date' = 'text',
      extra: { hint?: string; autocomplete?: string } = {},
    ) => (
      <Field
        ctx={ctx}
        name={name}
        type={type}
        label={t(`account.field.${name}`)}
        hint={verified.has(name) ? t('account.verifiedHint') : extra.hint}
        value={v.values[name] ?? ''}
        errors={v.errors}
        readOnly={verified.has(name)}
        autocomplete={extra.autocomplete}
      />
    );
    return (
      <div class="narrow">
        <h1>{t('account.title')}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <p>
          {t('account.username')}: <strong>{p.username}</strong>
          {p.email && !p.emailVerified && <span class="tag"> {t('account.emailUnverified')}</span>}
        </p>
        {verified.size > 0 && <p class="notice">{t('account.verifiedNotice')}</p>}
        <PostForm ctx={ctx} action="/account">
          {field('fullName', 'text', { autocomplete: 'name' })}
          {p.kind !== 'officer' && field('identityNumber', 'text', { hint: t('account.identityNumberHint') })}
          {p.kind !== 'officer' && field('dateOfBirth', 'date', { autocomplete: 'bday' })}
          {p.kind !== 'officer' && field('address', 'text', { autocomplete: 'street-address' })}
          {field('phone', 'tel', { hint: t('account.phoneHint'), autocomplete: 'tel' })}
          {field('email', 'email', { autocomplete: 'email' })}
          {p.kind === 'business' && field('taxCode', 'text', { hint: t('register.taxCodeHint') })}
          {p.kind === 'business' && field('representative', 'text', { hint: t('account.representativeHint') })}
          <button type="submit" class="button">
            {t('account.save')}
          </button>
        </PostForm>
        {v.sections?.map((section) => section(ctx))}
        <h2>{t('account.sessions')}</h2>
        <p>{t('account.sessionsHint')}</p>
        <PostForm ctx={ctx} action="/account/logout-everywhere">
          <button type="submit" class="button button--secondary">
            {t('account.logoutEverywhere')}
          </button>
        </PostForm>
      </div>
    );
  };
