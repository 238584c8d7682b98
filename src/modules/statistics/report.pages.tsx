import type { PageContext } from '../../web/layout.tsx';
import { numberFormat } from './press-release.ts';
import { reportColumns, reportTable } from './report.ts';
import { reportRows } from './statistics.schema.ts';
import type { Summary } from './statistics.service.ts';

export interface ReportPageProps {
  ctx: PageContext;
  summary: Summary;
  rows: (typeof reportRows)[number];
  agency: string;
  agencies: { identifier: string; name: string }[];
}

const groupSpans = ['received', 'resolved', 'inProgress'] as const;

/** The officers' periodic report: the form (a GET, so the address can be bookmarked), the table, the downloads. */
export function ReportPage({ ctx, summary, rows, agency, agencies }: ReportPageProps) {
  const { t } = ctx;
  const n = numberFormat(ctx.locale);
  const table = reportTable(summary);
  const params = new URLSearchParams({ from: summary.from, to: summary.to, rows, agency }).toString();
  return (
    <>
      <h1>{t('statistics.report.officeTitle')}</h1>
      <p class="lead">{t('statistics.report.lead')}</p>
      <form method="get" action="/office/reports" class="stats-filters">
        <div class="form-group">
          <label for="r-from">{t('statistics.report.from')}</label>
          <input id="r-from" name="from" type="date" value={summary.from} />
        </div>
        <div class="form-group">
          <label for="r-to">{t('statistics.report.to')}</label>
          <input id="r-to" name="to" type="date" value={summary.to} />
        </div>
        <div class="form-group">
          <label for="r-rows">{t('statistics.report.rows')}</label>
          <select id="r-rows" name="rows">
            {reportRows.map((r) => (
              <option key={r} value={r} selected={r === rows}>
                {t(`statistics.report.rows.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label for="r-agency">{t('statistics.dashboard.agency')}</label>
          <select id="r-agency" name="agency">
            {agencies.map((a) => (
              <option key={a.identifier} value={a.identifier} selected={a.identifier === agency}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('statistics.report.show')}
        </button>
      </form>
      <p>
        <a href={`/office/reports/indicators?${new URLSearchParams({ from: summary.from, to: summary.to, agency })}`}>
          {t('statistics.indicators.open')}
        </a>
      </p>
      <h2>{t('statistics.report.download')}</h2>
      <ul class="links">
        <li>
          <a href={`/office/reports/export/xlsx?${params}`}>{t('statistics.report.downloadXlsx')}</a>
        </li>
        <li>
          <a href={`/office/reports/export/pdf?${params}`}>{t('statistics.report.downloadPdf')}</a>
        </li>
        <li>
          <a href={`/office/reports/export/csv?${params}`}>{t('statistics.report.downloadCsv')}</a>
        </li>
      </ul>
      <div class="table-wrap">
        <table class="stats-report">
          <caption>
            {t('statistics.report.title')} —{' '}
            {t('statistics.report.period', {
              from: summary.from.split('-').reverse().join('/'),
              to: summary.to.split('-').reverse().join('/'),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('statistics.report.index')}
              </th>
              <th scope="col" rowSpan={2}>
                {t(`statistics.report.rows.${rows}`)}
              </th>
              {groupSpans.map((g) => (
                <th key={g} scope="colgroup" colSpan={reportColumns.filter((c) => c.group === g).length}>
                  {t(`statistics.report.group.${g}`)}
                </th>
              ))}
              {reportColumns
                .filter((c) => c.group === null)
                .map((c) => (
                  <th key={c.key} scope="col" rowSpan={2}>
                    {t(`statistics.report.col.${c.key}`)}
                  </th>
                ))}
            </tr>
            <tr>
              {reportColumns
                .filter((c) => c.group !== null)
                .map((c) => (
                  <th key={c.key} scope="col">
                    {t(`statistics.report.col.${c.key}`)}
                  </th>
                ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={2 + reportColumns.length}>{t('statistics.report.empty')}</td>
              </tr>
            )}
            {table.rows.map((r) => (
              <tr key={r.index}>
                <td>{r.index}</td>
                <th scope="row">{r.name}</th>
                {r.values.map((v, i) => (
                  <td key={reportColumns[i]!.key} class="num">
                    {n.count(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t('statistics.report.total')}</th>
              {table.total.map((v, i) => (
                <td key={reportColumns[i]!.key} class="num">
                  {n.count(v)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
