import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { translator } from '../../web/i18n/index.ts';
import { renderPage, sendPage } from '../../web/render.tsx';
import { listAgencies } from '../agencies/agencies.service.ts';
import { feedbackIndicatorSource } from '../feedback/feedback.service.ts';
import { visibleScope } from '../identity/policy.ts';
import { syncIndicatorSource } from '../national-portal/national-portal.stats.ts';
import { onlinePaymentSource } from '../payments/payments.stats.ts';
import { ratingSatisfactionSource } from '../portal/rating.service.ts';
import { dashboardData, monthRange, yearRange } from './dashboard.ts';
import { DrillPage, IndicatorsPage } from './indicators.pages.tsx';
import { measureNames } from './measures.ts';
import { ReportPage } from './report.pages.tsx';
import { renderReportCsv, renderReportPdf, renderReportXlsx } from './report.ts';
import { DashboardPage } from './statistics.pages.tsx';
import {
  type DashboardQuery,
  dashboardQuery,
  indicatorParams,
  type ReportQuery,
  reportFormatParams,
  reportQuery,
  summaryQuery,
  summaryResponse,
} from './statistics.schema.ts';
import { type Figures, StatisticsService } from './statistics.service.ts';

export async function statisticsRoutes(app: App, { db, catalog, clock, config, dossiers }: Deps): Promise<void> {
  const stats = new StatisticsService({
    db,
    catalogue: catalog,
    clock,
    onRefreshError: (error) => app.log.error({ err: error }, 'statistics refresh failed'),
    sources: {
      feedback: feedbackIndicatorSource(db.kysely),
      satisfaction: ratingSatisfactionSource(db),
      payments: onlinePaymentSource(db.kysely),
      sync: syncIndicatorSource(db, dossiers),
    },
  });

  /**
   * Sends figures read from the cells with a validator (a digest of the body, so it changes exactly when the body
   * does) and a max-age short enough that a kept copy is never more than a minute behind the dossiers.
   */
  function sendFigures(
    request: FastifyRequest,
    reply: FastifyReply,
    body: { text: string; etag: string },
    visibility: 'public' | 'private',
  ) {
    reply.header('cache-control', `${visibility}, max-age=${stats.freshFor()}`).header('etag', body.etag);
    // The page differs by language cookie and session; the open data does not.
    if (visibility === 'private') reply.header('vary', 'Cookie');
    const asked = request.headers['if-none-match'];
    if (asked?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === body.etag)) return reply.code(304).send();
    return reply.send(body.text);
  }

  async function knownAgency(identifier: string | undefined): Promise<void> {
    if (!identifier) return;
    const agencies = await listAgencies(db.kysely);
    if (!agencies.some((a) => a.identifier === identifier)) {
      throw new NotFoundError('statistics.errors.unknownAgency', { agency: identifier }, 'agency_not_found');
    }
  }

  app.get(
    '/api/v1/stats/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Dossier handling measures of a period, in total and per group (agencies with their sub-agencies)',
        querystring: summaryQuery,
        response: { 200: summaryResponse },
      },
    },
    async (request) => {
      await knownAgency(request.query.agency);
      return stats.summary(request.query, request.t);
    },
  );

  app.get('/statistics', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/stats', 301));

  app.get('/stats', { schema: { hide: true, querystring: dashboardQuery } }, async (request, reply) => {
    await knownAgency(request.query.agency);
    const now = clock.now();
    // Everything on the page comes from the cells: kept with them, per day (the headline month follows the date).
    const key = `dashboard|${request.locale}|${vietnamDateOf(now)}|${JSON.stringify(request.query)}`;
    const data = () => stats.cached(key, () => dashboardData(stats, request.query, request.t, request.locale, now));
    const title = request.t('statistics.dashboard.title');
    if (request.actor.kind !== 'anonymous') {
      const figures = await data();
      return sendPage(request, reply, title, (ctx) => <DashboardPage ctx={ctx} data={figures} />);
    }
    // Everyone without a session sees the same page for the same address: it is kept whole.
    const page = await stats.cached(`${key}|page|${request.url}`, async () => {
      const figures = await data();
      return withEtag(await renderPage(request, title, (ctx) => <DashboardPage ctx={ctx} data={figures} />));
    });
    return sendFigures(request, reply.type('text/html; charset=utf-8'), page, 'private');
  });

  /** The dashboard's figures without personal data: per month, in total and per agency. */
  async function openData(query: DashboardQuery) {
    await knownAgency(query.agency);
    const t = translator('vi');
    const year = query.year ?? Number(clock.now().toISOString().slice(0, 4));
    const range = query.month ? monthRange(year, query.month) : yearRange(year);
    const [total, byAgency, monthly] = await Promise.all([
      stats.summary({ ...range, agency: query.agency }, t),
      stats.summary({ ...range, agency: query.agency, groupBy: 'agency' }, t),
      stats.monthly({ ...yearRange(year), agency: query.agency }),
    ]);
    return { year, month: query.month ?? null, agency: query.agency ?? null, ...range, total, byAgency, monthly };
  }

  app.get(
    '/api/v1/stats/open-data',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Open data: the public dashboard figures of a year (or month) as JSON, without personal data',
        querystring: dashboardQuery,
      },
    },
    async (request, reply) => {
      const data = await openData(request.query);
      const json = JSON.stringify({
        year: data.year,
        month: data.month,
        agency: data.agency,
        from: data.from,
        to: data.to,
        totals: data.total.totals,
        agencies: data.byAgency.groups,
        months: data.monthly,
      });
      return sendFigures(request, reply.type('application/json; charset=utf-8'), withEtag(json), 'public');
    },
  );

  app.get(
    '/api/v1/stats/open-data.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Open data: the same figures as CSV, one line per agency and one per month',
        querystring: dashboardQuery,
      },
    },
    async (request, reply) => {
      const data = await openData(request.query);
      const header = ['kind', 'key', 'name', ...measureNames, 'onlineShare', 'onTimeRate'];
      const cell = (v: unknown) => {
        const text = v === null || v === undefined ? '' : String(v);
        return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      };
      const line = (kind: string, key: string, name: string, f: Figures) =>
        [kind, key, name, ...measureNames.map((m) => f[m]), f.onlineShare, f.onTimeRate].map(cell).join(',');
      const lines = [
        header.join(','),
        line('total', `${data.from}/${data.to}`, '', data.total.totals),
        ...data.byAgency.groups.map((g) => line('agency', g.key, g.name, g)),
        ...data.monthly.map((m) => line('month', m.month, '', m)),
      ];
      const name = `thong-ke-${data.year}${data.month ? `-${String(data.month).padStart(2, '0')}` : ''}.csv`;
      reply.header('content-disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8');
      return sendFigures(request, reply, withEtag(`\uFEFF${lines.join('\r\n')}\r\n`), 'public');
    },
  );

  /** The agencies an officer may report on, and the one a report is for (the chosen one, else the widest covered). */
  async function reportScope(request: FastifyRequest, chosen: string | undefined) {
    const visible = visibleScope(request.actor, 'report.read');
    const agencies = await listAgencies(db.kysely);
    const allowed = agencies.filter((a) => visible && 'agencyIds' in visible && visible.agencyIds.has(a.id));
    const allowedIds = new Set(allowed.map((a) => a.id));
    const tops = allowed.filter((a) => !a.parentId || !allowedIds.has(a.parentId));
    if (chosen && !allowed.some((a) => a.identifier === chosen)) throw new ForbiddenError();
    const agency = allowed.find((a) => a.identifier === chosen) ?? tops[0];
    if (!agency) throw new ForbiddenError();
    return { agency, allowed, root: agencies.find((a) => !a.parentId) };
  }

  function reportPeriod(query: ReportQuery) {
    const year = Number(clock.now().toISOString().slice(0, 4));
    return { from: query.from ?? `${year}-01-01`, to: query.to ?? `${year}-12-31`, rows: query.rows ?? 'agency' };
  }

  app.get(
    '/office/reports',
    { config: { policy: 'report.read' }, schema: { hide: true, querystring: reportQuery } },
    async (request, reply) => {
      const { agency, allowed } = await reportScope(request, request.query.agency);
      const period = reportPeriod(request.query);
      const summary = await stats.summary(
        { from: period.from, to: period.to, groupBy: period.rows, agency: agency.identifier },
        translator('vi'),
      );
      return sendPage(request, reply, request.t('statistics.report.officeTitle'), (ctx) => (
        <ReportPage
          ctx={ctx}
          summary={summary}
          rows={period.rows}
          agency={agency.identifier}
          agencies={allowed.map((a) => ({ identifier: a.identifier, name: a.name }))}
        />
      ));
    },
  );

  function indicatorQuery(query: ReportQuery, agency: string) {
    const { from, to } = reportPeriod(query);
    return {
      scope: { from, to, agency },
      query: new URLSearchParams({ from, to, agency }).toString(),
    };
  }

  app.get(
    '/office/reports/indicators',
    { config: { policy: 'report.read' }, schema: { hide: true, querystring: reportQuery } },
    async (request, reply) => {
      const { agency } = await reportScope(request, request.query.agency);
      const { scope, query } = indicatorQuery(request.query, agency.identifier);
      const indicators = await stats.indicators(scope, request.t);
      const period = request.t('statistics.report.period', {
        from: scope.from.split('-').reverse().join('/'),
        to: scope.to.split('-').reverse().join('/'),
      });
      return sendPage(request, reply, request.t('statistics.indicators.title'), (ctx) => (
        <IndicatorsPage ctx={ctx} indicators={indicators} query={query} period={`${agency.name} — ${period}`} />
      ));
    },
  );

  app.get(
    '/office/reports/indicators/:code',
    {
      config: { policy: 'report.read' },
      schema: { hide: true, params: indicatorParams, querystring: reportQuery },
    },
    async (request, reply) => {
      const { agency } = await reportScope(request, request.query.agency);
      const { scope, query } = indicatorQuery(request.query, agency.identifier);
      const drill = await stats.drill(request.params.code, scope);
      return sendPage(request, reply, request.t('statistics.indicators.title'), (ctx) => (
        <DrillPage ctx={ctx} drill={drill} query={query} />
      ));
    },
  );

  app.get(
    '/office/reports/export/:format',
    { config: { policy: 'report.read' }, schema: { hide: true, params: reportFormatParams, querystring: reportQuery } },
    async (request, reply) => {
      const { agency, root } = await reportScope(request, request.query.agency);
      const period = reportPeriod(request.query);
      const summary = await stats.summary(
        { from: period.from, to: period.to, groupBy: period.rows, agency: agency.identifier },
        translator('vi'),
      );
      const generatedAt = clock.now().toISOString();
      const issuer = {
        ...(root && root.id !== agency.id && { parentAgency: root.name }),
        agency: agency.name,
        place: config.province.name,
      };
      const base = `bao-cao-tthc-${period.from}-${period.to}`;
      const { format } = request.params;
      if (format === 'csv') {
        return reply
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(renderReportCsv(summary));
      }
      if (format === 'pdf') {
        return reply
          .header('content-disposition', `attachment; filename="${base}.pdf"`)
          .type('application/pdf')
          .send(await renderReportPdf({ summary, issuer, generatedAt }));
      }
      return reply
        .header('content-disposition', `attachment; filename="${base}.xlsx"`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await renderReportXlsx({ summary, issuer, generatedAt }));
    },
  );
}

const withEtag = (text: string) => ({ text, etag: `"${createHash('sha1').update(text).digest('base64url')}"` });
