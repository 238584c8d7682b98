import { formatDong, formatNumber } from '../../lib/money.ts';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { Fee, OnlineMode, ProcedureCase, ProcedureDefinition, ProcessingTime } from './catalog.schema.ts';
import type { IndexedProcedure, SearchQuery } from './catalog-index.ts';

export function ModeBadge({ ctx, mode }: { ctx: PageContext; mode: OnlineMode }) {
  return <span class={`badge badge--${mode}`}>{ctx.t(`catalog.mode.${mode}`)}</span>;
}

export function duration(ctx: PageContext, time: ProcessingTime): string {
  return ctx.t(`catalog.duration.${time.unit}`, { value: formatNumber(time.value, ctx.locale) });
}

export function feeAmount(ctx: PageContext, fee: Pick<Fee, 'amount'> & { unitName?: string }): string {
  const amount = formatDong(fee.amount, ctx.locale);
  return fee.unitName ? ctx.t('catalog.detail.perUnit', { amount, unit: fee.unitName }) : amount;
}

export interface ListPageProps {
  ctx: PageContext;
  query: SearchQuery;
  total: number;
  items: IndexedProcedure[];
  facets: { agencies: { code: string; name: string }[]; fields: { code: string; name: string }[] };
}

function pageHref(query: SearchQuery, page: number): string {
  const params = new URLSearchParams();
  for (const name of ['q', 'agency', 'field', 'mode', 'level'] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  params.set('page', String(page));
  return `/procedures?${params}`;
}

function Select(props: {
  id: string;
  label: string;
  all: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="form-group">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The public catalogue: a plain GET form (search box and filters), the results, and page links. */
export function ProcedureListPage({ ctx, query, total, items, facets }: ListPageProps) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(total / query.limit));
  return (
    <>
      <h1>{t('catalog.list.title')}</h1>
      <p class="lead">{t('catalog.list.lead')}</p>
      <search>
        <form method="get" action="/procedures" class="catalog-search">
          <div class="form-group">
            <label for="q">{t('catalog.list.search')}</label>
            <input id="q" name="q" type="search" value={query.q ?? ''} placeholder={t('home.search.placeholder')} />
          </div>
          <fieldset class="catalog-filters">
            <legend>{t('catalog.list.filters')}</legend>
            <Select
              id="agency"
              label={t('catalog.detail.agency')}
              all={t('catalog.list.allAgencies')}
              value={query.agency}
              options={facets.agencies.map((a) => ({ value: a.code, label: a.name }))}
            />
            <Select
              id="field"
              label={t('catalog.detail.field')}
              all={t('catalog.list.allFields')}
              value={query.field}
              options={facets.fields.map((f) => ({ value: f.code, label: f.name }))}
            />
            <Select
              id="mode"
              label={t('catalog.detail.mode')}
              all={t('catalog.list.allModes')}
              value={query.mode}
              options={(['full', 'partial', 'none'] as const).map((m) => ({ value: m, label: t(`catalog.mode.${m}`) }))}
            />
            <Select
              id="level"
              label={t('catalog.detail.level')}
              all={t('catalog.list.allLevels')}
              value={query.level}
              options={(['province', 'commune'] as const).map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))}
            />
          </fieldset>
          <button type="submit" class="button">
            {t('catalog.list.submit')}
          </button>
        </form>
      </search>
      <p class="result-count">
        {total === 0
          ? t('catalog.list.none')
          : query.q
            ? t('catalog.list.countFor', { total, q: query.q })
            : t('catalog.list.count', { total })}
      </p>
      <ol class="procedure-list">
        {items.map(({ definition, agencyName }) => {
          const first = definition.cases[0];
          return (
            <li key={definition.code} class="procedure-item">
              <h2>
                <a href={`/procedures/${definition.code}`}>{definition.name}</a>
              </h2>
              <p class="procedure-item__meta">
                <ModeBadge ctx={ctx} mode={definition.onlineMode} /> {agencyName} · {definition.field.name}
              </p>
              {first && (
                <dl class="facts">
                  <div>
                    <dt>{t('catalog.detail.processingTime')}</dt>
                    <dd>{duration(ctx, first.processingTime)}</dd>
                  </div>
                  <div>
                    <dt>{t('catalog.detail.fees')}</dt>
                    <dd>
                      {first.fees.length === 0
                        ? t('catalog.detail.noFees')
                        : first.fees.map((fee) => `${fee.name}: ${feeAmount(ctx, fee)}`).join('; ')}
                    </dd>
                  </div>
                </dl>
              )}
            </li>
          );
        })}
      </ol>
      {pages > 1 && (
        <nav aria-label={t('catalog.list.pagination')} class="pager">
          {query.page > 1 ? (
            <a href={pageHref(query, query.page - 1)} rel="prev">
              ← {t('catalog.list.previous')}
            </a>
          ) : (
            <span />
          )}
          <span>{t('catalog.list.page', { page: query.page, pages })}</span>
          {query.page < pages ? (
            <a href={pageHref(query, query.page + 1)} rel="next">
              {t('catalog.list.next')} →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}

function yesNo(ctx: PageContext, value: boolean): string {
  return ctx.t(value ? 'catalog.detail.yes' : 'catalog.detail.no');
}

function CaseDetails({ ctx, procedureCase, id }: { ctx: PageContext; procedureCase: ProcedureCase; id: string }) {
  const { t } = ctx;
  const c = procedureCase;
  return (
    <section aria-labelledby={id} class="procedure-case">
      <h2 id={id}>{t('catalog.detail.case', { name: c.name })}</h2>
      <dl class="facts">
        <div>
          <dt>{t('catalog.detail.processingTime')}</dt>
          <dd>{c.noDueDate ? t('catalog.detail.noDueDate') : duration(ctx, c.processingTime)}</dd>
        </div>
        {c.onlineProcessingTime && (
          <div>
            <dt>{t('catalog.detail.onlineProcessingTime')}</dt>
            <dd>{duration(ctx, c.onlineProcessingTime)}</dd>
          </div>
        )}
      </dl>
      <h3>{t('catalog.detail.components')}</h3>
      <ScrollTable label={`${t('catalog.detail.components')} – ${c.name}`}>
        <thead>
          <tr>
            <th scope="col">{t('catalog.detail.componentName')}</th>
            <th scope="col">{t('catalog.detail.originals')}</th>
            <th scope="col">{t('catalog.detail.copies')}</th>
            <th scope="col">{t('catalog.detail.mandatory')}</th>
            <th scope="col">{t('catalog.detail.fileTypes')}</th>
            <th scope="col">{t('catalog.detail.template')}</th>
          </tr>
        </thead>
        <tbody>
          {c.components.map((component) => (
            <tr key={component.code}>
              <td>{component.name}</td>
              <td>{component.originals}</td>
              <td>{component.copies}</td>
              <td>{yesNo(ctx, component.mandatory)}</td>
              <td>{component.fileTypes.join(', ')}</td>
              <td>{component.template ?? t('catalog.detail.none')}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h3>{t('catalog.detail.fees')}</h3>
      {c.fees.length === 0 ? (
        <p>{t('catalog.detail.noFees')}</p>
      ) : (
        <ScrollTable label={`${t('catalog.detail.fees')} – ${c.name}`}>
          <thead>
            <tr>
              <th scope="col">{t('catalog.detail.feeName')}</th>
              <th scope="col">{t('catalog.detail.amount')}</th>
              <th scope="col">{t('catalog.detail.exemptions')}</th>
            </tr>
          </thead>
          <tbody>
            {c.fees.map((fee) => (
              <tr key={fee.code}>
                <td>{fee.name}</td>
                <td class="amount">{feeAmount(ctx, fee)}</td>
                <td>{fee.exemptions?.map((e) => e.name).join('; ') || t('catalog.detail.none')}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

/** Everything the definition says, in plain language, in the order a citizen asks: who, how, how long, what to bring. */
export function ProcedureDetailPage({
  ctx,
  definition,
  agencyName,
}: {
  ctx: PageContext;
  definition: ProcedureDefinition;
  agencyName: string;
}) {
  const { t } = ctx;
  const d = definition;
  return (
    <article class="procedure">
      <p>
        <a href="/procedures">← {t('catalog.detail.back')}</a>
      </p>
      <h1>{d.name}</h1>
      <p>
        <ModeBadge ctx={ctx} mode={d.onlineMode} />
        {d.onlineMode !== 'none' && <> {t('catalog.detail.online')}</>}
      </p>
      {d.onlineMode !== 'none' && d.channels.includes('online') && (
        <div class="apply-online">
          <a class="button button--start" href={`/apply/${d.code}`}>
            {t('portalApply.applyOnline')}
          </a>
          <p class="hint">{t('portalApply.applyOnlineHint')}</p>
        </div>
      )}
      <dl class="facts facts--wide">
        <div>
          <dt>{t('catalog.detail.code')}</dt>
          <dd>{d.code}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.agency')}</dt>
          <dd>{agencyName}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.field')}</dt>
          <dd>{d.field.name}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.level')}</dt>
          <dd>{t(`catalog.level.${d.agency.level}`)}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.applicants')}</dt>
          <dd>{d.applicantTypes.map((a) => t(`catalog.applicant.${a}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.mode')}</dt>
          <dd>{t(`catalog.mode.${d.onlineMode}`)}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.oldLevel')}</dt>
          <dd>{d.oldLevel}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.result')}</dt>
          <dd>
            {d.result.name}
            {d.result.electronic && <> {t('catalog.detail.resultElectronic')}</>}
          </dd>
        </div>
      </dl>
      <h2>{t('catalog.detail.channels')}</h2>
      <ul>
        {d.channels.map((channel) => (
          <li key={channel}>{t(`catalog.channel.${channel}`)}</li>
        ))}
      </ul>
      {d.cases.map((c, i) => (
        <CaseDetails key={c.code} ctx={ctx} procedureCase={c} id={`case-${i + 1}`} />
      ))}
      <h2>{t('catalog.detail.steps')}</h2>
      <ol>
        {d.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h2>{t('catalog.detail.conditions')}</h2>
      <p>{d.conditions || t('catalog.detail.noConditions')}</p>
      <h2>{t('catalog.detail.legalBasis')}</h2>
      <ul>
        {d.legalBasis.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </article>
  );
}
