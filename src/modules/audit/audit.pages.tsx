import type { VNode } from 'preact';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { ErrorSummary, Field, type FormErrors, Select } from '../../web/forms.tsx';
import { hasMessage } from '../../web/i18n/index.ts';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { AuditEvent } from './audit.service.ts';

type Page = (ctx: PageContext) => VNode;

export interface AuditPageView {
  query: Partial<Record<'actor' | 'action' | 'agency' | 'from' | 'to' | 'resource', string>>;
  /** The filters as a query string (for the pager and the export). */
  search: string;
  errors: FormErrors;
  events: AuditEvent[];
  /** The id to continue from (older events), when there are more. */
  olderThan: number | null;
  /** Whether this is a later page (a link back to the newest is shown). */
  firstPage: boolean;
  agencies: { id: string; name: string; identifier: string }[];
  actions: string[];
}

/** The action's name in words, falling back to its code for an action added since. */
function actionLabel(ctx: PageContext, action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? ctx.t(key) : action;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `27/11/2026 14:30:05`, Vietnam time. */
function vietnamTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const seconds = Math.floor(msOfDay / 1000);
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function outcomeKey(status: number): string {
  if (status < 400) return 'audit.outcome.done';
  return status < 500 ? 'audit.outcome.refused' : 'audit.outcome.failed';
}

function summaryText(summary: Record<string, unknown> | null): string {
  if (!summary) return '';
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join('; ');
}

function Filters({ ctx, v }: { ctx: PageContext; v: AuditPageView }) {
  const { t } = ctx;
  const q = v.query;
  return (
    <form method="get" action="/admin/audit" noValidate>
      <div class="stats-filters">
        <Field ctx={ctx} name="actor" label={t('audit.filter.actor')} errors={v.errors} value={q.actor} />
        <Select
          ctx={ctx}
          name="action"
          label={t('audit.filter.action')}
          errors={v.errors}
          value={q.action}
          options={[
            { value: '', label: t('audit.filter.allActions') },
            ...v.actions.map((a) => ({ value: a, label: actionLabel(ctx, a) })),
          ]}
        />
        <Select
          ctx={ctx}
          name="agency"
          label={t('audit.filter.agency')}
          errors={v.errors}
          value={q.agency}
          options={[
            { value: '', label: t('audit.filter.allAgencies') },
            ...v.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.identifier})` })),
          ]}
        />
        <Field ctx={ctx} name="from" type="date" label={t('audit.filter.from')} errors={v.errors} value={q.from} />
        <Field ctx={ctx} name="to" type="date" label={t('audit.filter.to')} errors={v.errors} value={q.to} />
        <Field
          ctx={ctx}
          name="resource"
          label={t('audit.filter.resource')}
          hint={t('audit.filter.resourceHint')}
          errors={v.errors}
          value={q.resource}
        />
        <button type="submit" class="button">
          {t('audit.filter.submit')}
        </button>
      </div>
    </form>
  );
}

function EventTable({ ctx, v }: { ctx: PageContext; v: AuditPageView }) {
  const { t } = ctx;
  const agencyName = new Map(v.agencies.map((a) => [a.id, a.name]));
  return (
    <ScrollTable label={t('audit.table.label')}>
      <caption class="visually-hidden">{t('audit.table.label')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.col.at')}</th>
          <th scope="col">{t('audit.col.actor')}</th>
          <th scope="col">{t('audit.col.agency')}</th>
          <th scope="col">{t('audit.col.action')}</th>
          <th scope="col">{t('audit.col.request')}</th>
          <th scope="col">{t('audit.col.resource')}</th>
          <th scope="col">{t('audit.col.summary')}</th>
          <th scope="col">{t('audit.col.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {v.events.map((e) => (
          <tr key={e.id} data-event={e.id}>
            <td>{vietnamTime(e.occurredAt)}</td>
            <td>
              {e.actorName}
              <br />
              <span class="muted">
                {e.actorKind === 'token'
                  ? t('audit.kind.token')
                  : e.roles.map((r) => t(`identity.role.${r}`)).join(', ') || t('audit.kind.officer')}
              </span>
            </td>
            <td>{e.agencyId ? (agencyName.get(e.agencyId) ?? e.agencyId) : '—'}</td>
            <td>
              {actionLabel(ctx, e.action)}
              <br />
              <code class="muted">{e.action}</code>
            </td>
            <td>
              <code class="wrap">
                {e.method} {e.route}
              </code>
            </td>
            <td>
              <span class="wrap">{e.resourceIds}</span>
            </td>
            <td>
              <span class="wrap">{summaryText(e.summary)}</span>
            </td>
            <td data-status={e.statusCode}>
              {e.statusCode} {t(outcomeKey(e.statusCode))}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export const auditPage =
  (v: AuditPageView): Page =>
  (ctx) => {
    const { t } = ctx;
    const search = v.search ? `&${v.search}` : '';
    return (
      <>
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <Filters ctx={ctx} v={v} />
        <p>
          <a href={`/admin/audit/export.csv${v.search ? `?${v.search}` : ''}`} type="text/csv" download>
            {t('audit.export')}
          </a>
        </p>
        {v.events.length === 0 ? <p>{t('audit.none')}</p> : <EventTable ctx={ctx} v={v} />}
        {(v.firstPage || v.olderThan !== null) && (
          <nav class="pager" aria-label={t('audit.pager.label')}>
            {v.firstPage ? (
              <a href={`/admin/audit${v.search ? `?${v.search}` : ''}`}>{t('audit.pager.newest')}</a>
            ) : (
              <span />
            )}
            {v.olderThan !== null && (
              <a href={`/admin/audit?before=${v.olderThan}${search}`} rel="next">
                {t('audit.pager.older')}
              </a>
            )}
          </nav>
        )}
      </>
    );
  };
