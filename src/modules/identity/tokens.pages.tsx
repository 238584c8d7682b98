import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, fieldId, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { ApiToken } from './api-tokens.service.ts';
import { tokenActions } from './policy.ts';

type Page = (ctx: PageContext) => VNode;

export interface TokenFormValues {
  name?: string;
  agencyId?: string;
  actions?: string[];
}

export const tokensPage =
  (v: {
    tokens: ApiToken[];
    agencyNames: Map<string, string>;
    agencies: { value: string; label: string }[];
    revocable: Set<string>;
    canCreate: boolean;
    values: TokenFormValues;
    errors: FormErrors;
    created?: { name: string; secret: string };
  }): Page =>
  (ctx) => {
    const { t } = ctx;
    const chosen = new Set(v.values.actions ?? []);
    return (
      <>
        <h1>{t('tokens.title')}</h1>
        {v.created && (
          <div class="notice notice--success" role="status">
            <p>{t('tokens.created', { name: v.created.name })}</p>
            <p class="secret">
              <code class="wrap">{v.created.secret}</code>
            </p>
            <p>{t('tokens.createdHint')}</p>
          </div>
        )}
        <p>{t('tokens.intro')}</p>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.agency')}</th>
                <th scope="col">{t('tokens.actions')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.state')}</th>
              </tr>
            </thead>
            <tbody>
              {v.tokens.map((tk) => (
                <tr key={tk.id}>
                  <td>{tk.name}</td>
                  <td>{v.agencyNames.get(tk.agencyId) ?? ''}</td>
                  <td>{tk.actions.map((a) => t(`tokens.action.${a}`)).join(', ')}</td>
                  <td>{tk.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
                  <td>
                    {tk.revokedAt ? (
                      t('tokens.revoked')
                    ) : v.revocable.has(tk.id) ? (
                      <PostForm ctx={ctx} action={`/admin/tokens/${tk.id}/revoke`} class="inline">
                        <button type="submit" class="button button--secondary">
                          {t('tokens.revoke')}
                          <span class="visually-hidden"> {tk.name}</span>
                        </button>
                      </PostForm>
                    ) : (
                      t('tokens.active')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {v.canCreate && (
          <div class="narrow">
            <h2>{t('tokens.create')}</h2>
            <ErrorSummary ctx={ctx} errors={v.errors} />
            <PostForm ctx={ctx} action="/admin/tokens">
              <Field
                ctx={ctx}
                name="name"
                label={t('tokens.name')}
                hint={t('tokens.nameHint')}
                value={v.values.name}
                errors={v.errors}
              />
              <Select
                ctx={ctx}
                name="agencyId"
                label={t('tokens.agency')}
                value={v.values.agencyId}
                errors={v.errors}
                options={v.agencies}
              />
              <fieldset class={`form-group${v.errors.actions ? ' form-group--error' : ''}`}>
                <legend>{t('tokens.actions')}</legend>
                {v.errors.actions && (
                  <p id={`${fieldId('actions')}-error`} class="error-message">
                    <span class="visually-hidden">{t('form.errorPrefix')}</span> {v.errors.actions}
                  </p>
                )}
                <ul class="checkboxes">
                  {tokenActions.map((a, i) => (
                    <li key={a}>
                      <input
                        type="checkbox"
                        id={i === 0 ? fieldId('actions') : `${fieldId('actions')}-${i}`}
                        name="actions"
                        value={a}
                        checked={chosen.has(a)}
                      />
                      <label for={i === 0 ? fieldId('actions') : `${fieldId('actions')}-${i}`}>
                        {t(`tokens.action.${a}`)}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" class="button">
                {t('tokens.createSubmit')}
              </button>
            </PostForm>
          </div>
        )}
      </>
    );
  };
