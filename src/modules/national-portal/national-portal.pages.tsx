import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import { CatalogueSection, type CatalogueSectionView } from './national-portal.catalogue.pages.tsx';
import type { ParkedPacket } from './national-portal.inbound.ts';
import type { MappingRow } from './national-portal.repo.ts';

type Page = (ctx: PageContext) => VNode;

export interface NationalPortalPageView {
  parked: ParkedPacket[];
  mappings: MappingRow[];
  canManage: boolean;
  /** The link is configured: the administrator may fetch new dossiers now. */
  canPoll: boolean;
  catalogue: CatalogueSectionView;
  notice?: string;
  values: Record<string, string>;
  errors: FormErrors;
}

export const nationalPortalPage =
  (v: NationalPortalPageView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t('nationalPortal.title')}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            <p>{v.notice}</p>
          </div>
        )}
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <p>{t('nationalPortal.intro')}</p>
        {v.canManage && v.canPoll && (
          <PostForm ctx={ctx} action="/admin/national-portal/poll">
            <button type="submit" class="button button--secondary">
              {t('nationalPortal.poll.submit')}
            </button>
          </PostForm>
        )}
        <h2>{t('nationalPortal.parked.title')}</h2>
        {v.parked.length === 0 ? (
          <p>{t('nationalPortal.parked.none')}</p>
        ) : (
          <>
            <p>{t('nationalPortal.parked.hint')}</p>
            <ScrollTable label={t('nationalPortal.parked.title')}>
              <caption class="visually-hidden">{t('nationalPortal.parked.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('nationalPortal.parked.code')}</th>
                  <th scope="col">{t('nationalPortal.parked.procedure')}</th>
                  <th scope="col">{t('nationalPortal.parked.reason')}</th>
                  <th scope="col">{t('nationalPortal.parked.at')}</th>
                </tr>
              </thead>
              <tbody>
                {v.parked.map((p) => (
                  <tr key={p.nationalCode}>
                    <td>{p.nationalCode}</td>
                    <td>{p.nationalProcedureCode ?? '—'}</td>
                    <td>{t(p.reason.key, p.reason.params)}</td>
                    <td>{p.updatedAt.slice(0, 19).replace('T', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
            {v.canManage && (
              <PostForm ctx={ctx} action="/admin/national-portal/parked/retry">
                <button type="submit" class="button">
                  {t('nationalPortal.parked.retry')}
                </button>
              </PostForm>
            )}
          </>
        )}
        <h2>{t('nationalPortal.mapping.title')}</h2>
        <p>{t('nationalPortal.mapping.hint')}</p>
        {v.mappings.length === 0 ? (
          <p>{t('nationalPortal.mapping.none')}</p>
        ) : (
          <ScrollTable label={t('nationalPortal.mapping.title')}>
            <caption class="visually-hidden">{t('nationalPortal.mapping.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nationalPortal.mapping.national')}</th>
                <th scope="col">{t('nationalPortal.mapping.procedure')}</th>
                <th scope="col">{t('nationalPortal.mapping.case')}</th>
                {v.canManage && <th scope="col">{t('nationalPortal.mapping.remove')}</th>}
              </tr>
            </thead>
            <tbody>
              {v.mappings.map((m) => (
                <tr key={m.national_code}>
                  <td>{m.national_code}</td>
                  <td>{m.procedure_code}</td>
                  <td>{m.case_code ?? '—'}</td>
                  {v.canManage && (
                    <td>
                      <PostForm
                        ctx={ctx}
                        action={`/admin/national-portal/mappings/${encodeURIComponent(m.national_code)}/delete`}
                        class="inline"
                      >
                        <button type="submit" class="button button--secondary">
                          {t('nationalPortal.mapping.remove')}
                          <span class="visually-hidden"> {m.national_code}</span>
                        </button>
                      </PostForm>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
        {v.canManage && (
          <div class="narrow">
            <PostForm ctx={ctx} action="/admin/national-portal/mappings">
              <Field
                ctx={ctx}
                name="nationalCode"
                label={t('nationalPortal.mapping.national')}
                value={v.values.nationalCode}
                errors={v.errors}
              />
              <Field
                ctx={ctx}
                name="procedureCode"
                label={t('nationalPortal.mapping.procedure')}
                value={v.values.procedureCode}
                errors={v.errors}
              />
              <Field
                ctx={ctx}
                name="caseCode"
                label={t('nationalPortal.mapping.case')}
                value={v.values.caseCode}
                errors={v.errors}
              />
              <button type="submit" class="button">
                {t('nationalPortal.mapping.save')}
              </button>
            </PostForm>
          </div>
        )}
        <CatalogueSection ctx={ctx} view={v.catalogue} />
      </>
    );
  };
