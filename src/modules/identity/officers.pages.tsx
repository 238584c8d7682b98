import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { OfficerSummary } from './accounts.service.ts';
import { roleLabel } from './identity.pages.tsx';
import { officerRoles } from './policy.ts';

type Page = (ctx: PageContext) => VNode;
export interface Option {
  value: string;
  label: string;
}

const statusLabel = (ctx: PageContext, status: string) => ctx.t(`officers.status.${status}`);

export const officerListPage =
  (v: { officers: OfficerSummary[]; agencyNames: Map<string, string>; canInvite: boolean }): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t('officers.title')}</h1>
        {v.canInvite && (
          <p>
            <a class="button" href="/admin/officers/new">
              {t('officers.invite')}
            </a>
          </p>
        )}
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('officers.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officers.name')}</th>
                <th scope="col">{t('officers.roles')}</th>
                <th scope="col">{t('officers.status')}</th>
              </tr>
            </thead>
            <tbody>
              {v.officers.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`/admin/officers/${o.id}`}>{o.fullName}</a>
                    <br />
                    <span class="muted">{o.username}</span>
                  </td>
                  <td>
                    {o.roles.map((r) => (
                      <div key={`${r.agencyId}-${r.role}`}>
                        {roleLabel(ctx, r.role)} – {v.agencyNames.get(r.agencyId) ?? ''}
                      </div>
                    ))}
                  </td>
                  <td>{statusLabel(ctx, o.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  };

const roleOptions = (ctx: PageContext): Option[] => [
  { value: '', label: ctx.t('officers.field.rolePick') },
  ...officerRoles.map((r) => ({ value: r, label: roleLabel(ctx, r) })),
];

export interface InviteValues {
  fullName?: string;
  username?: string;
  email?: string;
  agencyId?: string;
  role?: string;
}

export const officerInvitePage =
  (v: { values: InviteValues; errors: FormErrors; agencies: Option[] }): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <p>
          <a href="/admin/officers">{t('officers.back')}</a>
        </p>
        <h1>{t('officers.invite')}</h1>
        <p>{t('officers.inviteHint')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <PostForm ctx={ctx} action="/admin/officers">
          <Field
            ctx={ctx}
            name="fullName"
            label={t('officers.field.fullName')}
            value={v.values.fullName}
            errors={v.errors}
          />
          <Field
            ctx={ctx}
            name="username"
            label={t('officers.field.username')}
            hint={t('officers.field.usernameHint')}
            value={v.values.username}
            errors={v.errors}
            autocomplete="off"
          />
          <Field
            ctx={ctx}
            name="email"
            type="email"
            label={t('officers.field.email')}
            value={v.values.email}
            errors={v.errors}
          />
          <Select
            ctx={ctx}
            name="agencyId"
            label={t('officers.field.agency')}
            value={v.values.agencyId}
            errors={v.errors}
            options={v.agencies}
          />
          <Select
            ctx={ctx}
            name="role"
            label={t('officers.field.role')}
            value={v.values.role}
            errors={v.errors}
            options={roleOptions(ctx)}
          />
          <button type="submit" class="button">
            {t('officers.inviteSubmit')}
          </button>
        </PostForm>
      </div>
    );
  };

export const officerDetailPage =
  (v: {
    officer: OfficerSummary;
    agencyNames: Map<string, string>;
    agencies: Option[];
    removable: Set<string>;
    canAssign: boolean;
    canSuspend: boolean;
    errors: FormErrors;
    notice?: string;
  }): Page =>
  (ctx) => {
    const { t } = ctx;
    const o = v.officer;
    const base = `/admin/officers/${o.id}`;
    return (
      <div class="narrow">
        <p>
          <a href="/admin/officers">{t('officers.back')}</a>
        </p>
        <h1>{o.fullName}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <dl class="summary">
          <dt>{t('officers.field.username')}</dt>
          <dd>{o.username}</dd>
          <dt>{t('officers.field.email')}</dt>
          <dd>{o.email ?? ''}</dd>
          <dt>{t('officers.status')}</dt>
          <dd>{statusLabel(ctx, o.status)}</dd>
        </dl>
        <h2>{t('officers.roles')}</h2>
        {o.roles.length === 0 && <p>{t('officers.noRoles')}</p>}
        <ul class="role-list">
          {o.roles.map((r) => (
            <li key={`${r.agencyId}-${r.role}`}>
              <span>
                {roleLabel(ctx, r.role)} – {v.agencyNames.get(r.agencyId) ?? ''}
              </span>
              {v.removable.has(`${r.agencyId}:${r.role}`) && (
                <PostForm ctx={ctx} action={`${base}/roles/remove`} class="inline">
                  <input type="hidden" name="agencyId" value={r.agencyId} />
                  <input type="hidden" name="role" value={r.role} />
                  <button type="submit" class="button button--secondary">
                    {t('officers.removeRole')}
                    <span class="visually-hidden">
                      {' '}
                      {roleLabel(ctx, r.role)} – {v.agencyNames.get(r.agencyId) ?? ''}
                    </span>
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
        {v.canAssign && (
          <>
            <h2>{t('officers.addRole')}</h2>
            <PostForm ctx={ctx} action={`${base}/roles`}>
              <Select
                ctx={ctx}
                name="agencyId"
                label={t('officers.field.agency')}
                errors={v.errors}
                options={v.agencies}
              />
              <Select
                ctx={ctx}
                name="role"
                label={t('officers.field.role')}
                errors={v.errors}
                options={roleOptions(ctx)}
              />
              <button type="submit" class="button">
                {t('officers.addRoleSubmit')}
              </button>
            </PostForm>
          </>
        )}
        {v.canSuspend && (
          <>
            <h2>{o.status === 'suspended' ? t('officers.reactivate') : t('officers.suspend')}</h2>
            <p>{o.status === 'suspended' ? t('officers.reactivateHint') : t('officers.suspendHint')}</p>
            <PostForm ctx={ctx} action={`${base}/${o.status === 'suspended' ? 'reactivate' : 'suspend'}`}>
              <button type="submit" class={o.status === 'suspended' ? 'button' : 'button button--danger'}>
                {o.status === 'suspended' ? t('officers.reactivate') : t('officers.suspend')}
              </button>
            </PostForm>
          </>
        )}
      </div>
    );
  };
