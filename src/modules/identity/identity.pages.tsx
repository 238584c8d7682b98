import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { OfficeLinks } from '../dossiers/office.pages.tsx';
import type { RoleView } from './identity.service.ts';

type Page = (ctx: PageContext) => VNode;

export interface LoginView {
  username: string;
  next: string | undefined;
  errors: FormErrors;
  demo: { usernames: string[]; password: string } | null;
  notice?: string;
}

export const loginPage =
  (v: LoginView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <h1>{t('identity.login.title')}</h1>
        {v.notice && (
          <div class="notice" role="status">
            {v.notice}
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={v.errors} />
        {v.demo && (
          <div class="notice notice--demo">
            <p>{t('identity.login.demo', { password: v.demo.password })}</p>
            <ul class="inline-list">
              {v.demo.usernames.map((u) => (
                <li key={u}>
                  <code>{u}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        <section aria-labelledby="sso-heading" class="panel panel--first">
          <h2 id="sso-heading">{t('identity.login.ssoHeading')}</h2>
          <p>{t('identity.login.ssoText')}</p>
          <a class="button" href={v.next ? `/auth/sso?next=${encodeURIComponent(v.next)}` : '/auth/sso'}>
            {t('identity.login.sso')}
          </a>
        </section>
        <h2>{t('identity.login.passwordHeading')}</h2>
        <PostForm ctx={ctx} action="/login">
          {v.next && <input type="hidden" name="next" value={v.next} />}
          <Field
            ctx={ctx}
            name="username"
            label={t('identity.login.username')}
            hint={t('identity.login.usernameHint')}
            errors={v.errors}
            value={v.username}
            autocomplete="username"
          />
          <Field
            ctx={ctx}
            name="password"
            type="password"
            label={t('identity.login.password')}
            errors={v.errors}
            autocomplete="current-password"
          />
          <Field
            ctx={ctx}
            name="totp"
            label={t('identity.login.totp')}
            hint={t('identity.login.totpHint')}
            errors={v.errors}
            autocomplete="one-time-code"
            inputmode="numeric"
            width="short"
          />
          <button type="submit" class="button">
            {t('identity.login.submit')}
          </button>
        </PostForm>
        <ul class="links">
          <li>
            <a href="/register">{t('identity.login.register')}</a>
          </li>
          <li>
            <a href="/password-reset">{t('identity.login.forgot')}</a>
          </li>
        </ul>
      </div>
    );
  };

export const roleLabel = (ctx: PageContext, role: string) => ctx.t(`identity.role.${role}`);

export const officePage =
  (v: { roles: RoleView[]; admin: boolean; auditor: boolean; intake: boolean; petitions: boolean }): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t('identity.office.title')}</h1>
        <p class="lead">{t('identity.office.hello', { name: ctx.user?.name ?? '' })}</p>
        <h2>{t('identity.office.roles')}</h2>
        {v.roles.length === 0 ? (
          <p>{t('identity.office.noRoles')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('identity.office.roles')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('identity.office.agency')}</th>
                  <th scope="col">{t('identity.office.role')}</th>
                </tr>
              </thead>
              <tbody>
                {v.roles.map((r) => (
                  <tr key={`${r.agencyId}-${r.role}`}>
                    <td>
                      {r.agencyName} <span class="muted">({r.agencyIdentifier})</span>
                      {!r.agencyActive && <span class="tag"> {t('identity.office.inactive')}</span>}
                    </td>
                    <td>{roleLabel(ctx, r.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <OfficeLinks ctx={ctx} intake={v.intake} />
        {v.petitions && (
          <ul class="links">
            <li>
              <a href="/office/feedback">{t('feedback.office.link')}</a>
            </li>
          </ul>
        )}
        {(v.admin || v.auditor) && (
          <>
            <h2>{t('identity.office.admin')}</h2>
            <ul class="links">
              <li>
                <a href="/admin/agencies">{t('identity.office.agencies')}</a>
              </li>
              <li>
                <a href="/admin/officers">{t('identity.office.officers')}</a>
              </li>
              <li>
                <a href="/admin/tokens">{t('identity.office.tokens')}</a>
              </li>
              <li>
                <a href="/admin/audit">{t('audit.title')}</a>
              </li>
              {v.admin && (
                <li>
                  <a href="/admin/catalog">{t('catalog.admin.title')}</a>
                </li>
              )}
              {v.admin && (
                <li>
                  <a href="/admin/calendar">{t('calendar.admin.title')}</a>
                </li>
              )}
              {v.admin && (
                <li>
                  <a href="/admin/payments/accounts">{t('payments.accounts.title')}</a>
                </li>
              )}
            </ul>
          </>
        )}
        <h2>{t('identity.office.account')}</h2>
        <p>
          <a href="/account">{t('identity.office.accountLink')}</a>
        </p>
      </>
    );
  };

export interface TotpView {
  secret: string | undefined;
  uri: string | undefined;
  formattedSecret: string | undefined;
  errors: FormErrors;
}

export const totpPage =
  (v: TotpView): Page =>
  (ctx) => {
    const { t } = ctx;
    if (!v.secret) {
      return (
        <div class="narrow">
          <h1>{t('identity.totp.title')}</h1>
          <p>{t('identity.totp.done')}</p>
          <p>
            <a href="/office">{t('identity.totp.continue')}</a>
          </p>
        </div>
      );
    }
    return (
      <div class="narrow">
        <h1>{t('identity.totp.title')}</h1>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <p>{t('identity.totp.why')}</p>
        <ol class="steps">
          <li>{t('identity.totp.step1')}</li>
          <li>
            {t('identity.totp.step2')}
            <div class="secret">
              <code id="totp-secret">{v.formattedSecret}</code>
            </div>
            <details>
              <summary>{t('identity.totp.uri')}</summary>
              <code class="wrap">{v.uri}</code>
            </details>
          </li>
          <li>{t('identity.totp.step3')}</li>
        </ol>
        <PostForm ctx={ctx} action="/account/totp">
          <Field
            ctx={ctx}
            name="code"
            label={t('identity.totp.code')}
            hint={t('identity.totp.codeHint')}
            errors={v.errors}
            autocomplete="one-time-code"
            inputmode="numeric"
            width="short"
          />
          <button type="submit" class="button">
            {t('identity.totp.submit')}
          </button>
        </PostForm>
      </div>
    );
  };
