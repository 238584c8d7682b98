import type { PageContext } from '../../web/layout.tsx';
import { BarChart, ColumnChart, LineChart } from './charts.tsx';
import type { DashboardData } from './dashboard.ts';
import { IndicatorScores } from './indicators.pages.tsx';
import { numberFormat } from './press-release.ts';
import type { Figures } from './statistics.service.ts';

const BLUE = '#1d4f91';
const GREEN = '#00703c';
const RED = '#a50e0e';

function formats(ctx: PageContext) {
  const n = numberFormat(ctx.locale);
  const rate = (value: number | null) =>
    value === null ? ctx.t('statistics.none') : ctx.t('statistics.percent', { value: n.percent(value) });
  return { count: n.count, rate };
}

function Headline({ ctx, heading, figures }: { ctx: PageContext; heading: string; figures: Figures }) {
  const { t } = ctx;
  const f = formats(ctx);
  const items: [string, string][] = [
    [t('statistics.measure.received'), f.count(figures.received)],
    [t('statistics.measure.receivedOnline'), `${f.count(figures.receivedOnline)} (${f.rate(figures.onlineShare)})`],
    [t('statistics.measure.resolved'), f.count(figures.resolved)],
    [t('statistics.rate.onTimeRate'), f.rate(figures.onTimeRate)],
  ];
  return (
    <section class="stats-headline" aria-labelledby={`h-${heading.replace(/\W+/g, '-')}`}>
      <h2 id={`h-${heading.replace(/\W+/g, '-')}`}>{heading}</h2>
      <dl class="stats-figures">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Filters({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const { t } = ctx;
  return (
    <form method="get" action="/stats" class="stats-filters" aria-label={t('statistics.dashboard.filters')}>
      <div class="form-group">
        <label for="f-year">{t('statistics.dashboard.year')}</label>
        <select id="f-year" name="year">
          {data.years.map((y) => (
            <option key={y} value={String(y)} selected={y === data.year}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div class="form-group">
        <label for="f-month">{t('statistics.dashboard.month')}</label>
        <select id="f-month" name="month">
          <option value="">{t('statistics.dashboard.wholeYear')}</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={String(m)} selected={m === data.month}>
              {t('statistics.month', { month: m })}
            </option>
          ))}
        </select>
      </div>
      <div class="form-group">
        <label for="f-agency">{t('statistics.dashboard.agency')}</label>
        <select id="f-agency" name="agency">
          <option value="">{t('statistics.dashboard.allAgencies')}</option>
          {data.agencies.map((a) => (
            <option key={a.identifier} value={a.identifier} selected={a.identifier === data.agency}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t('statistics.dashboard.show')}
      </button>
    </form>
  );
}

function query(data: DashboardData): string {
  const params = new URLSearchParams({ year: String(data.year) });
  if (data.month) params.set('month', String(data.month));
  if (data.agency) params.set('agency', data.agency);
  return params.toString();
}

export function DashboardPage({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const { t } = ctx;
  const f = formats(ctx);
  const months = data.monthly.map((m) => t('statistics.month', { month: Number(m.month.slice(5)) }));
  const shortMonths = data.monthly.map((m) => String(Number(m.month.slice(5))));
  const ranked = data.ranking.filter((g) => g.onTimeRate !== null);
  return (
    <>
      <h1>{t('statistics.dashboard.title')}</h1>
      <p class="lead">{t('statistics.dashboard.lead')}</p>
      <Filters ctx={ctx} data={data} />
      <div class="stats-headlines">
        <Headline
          ctx={ctx}
          heading={t('statistics.dashboard.headlineYear', { year: data.year })}
          figures={data.yearTotals}
        />
        <Headline
          ctx={ctx}
          heading={t('statistics.dashboard.headlineMonth', { month: data.headlineMonth, year: data.year })}
          figures={data.monthTotals}
        />
      </div>
      <section aria-labelledby="stats-summary">
        <h2 id="stats-summary">{t('statistics.dashboard.summary')}</h2>
        <p class="stats-press">{data.press}</p>
      </section>

      <section aria-labelledby="chart-monthly-h" class="stats-chart">
        <h2 id="chart-monthly-h">{t('statistics.dashboard.monthlyTitle', { year: data.year })}</h2>
        <div class="stats-chart__body">
          <div>
            <ColumnChart
              text={{
                id: 'chart-monthly',
                title: t('statistics.dashboard.monthlyTitle', { year: data.year }),
                description: t('statistics.dashboard.monthlyAlt', { year: data.year }),
              }}
              categories={shortMonths}
              format={(v) => f.count(Math.round(v))}
              series={[
                { label: t('statistics.measure.received'), color: BLUE, values: data.monthly.map((m) => m.received) },
                { label: t('statistics.measure.resolved'), color: GREEN, values: data.monthly.map((m) => m.resolved) },
              ]}
            />
            <h3 id="chart-online-h">{t('statistics.dashboard.onlineTitle', { year: data.year })}</h3>
            <LineChart
              text={{
                id: 'chart-online',
                title: t('statistics.dashboard.onlineTitle', { year: data.year }),
                description: t('statistics.dashboard.onlineAlt', { year: data.year }),
              }}
              categories={shortMonths}
              series={{
                label: t('statistics.rate.onlineShare'),
                color: BLUE,
                values: data.monthly.map((m) => m.onlineShare ?? 0),
              }}
            />
          </div>
          <div class="table-wrap">
            <table>
              <caption>{t('statistics.dashboard.chartData')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('statistics.dashboard.monthColumn')}</th>
                  <th scope="col">{t('statistics.measure.received')}</th>
                  <th scope="col">{t('statistics.measure.receivedOnline')}</th>
                  <th scope="col">{t('statistics.rate.onlineShare')}</th>
                  <th scope="col">{t('statistics.measure.resolved')}</th>
                  <th scope="col">{t('statistics.rate.onTimeRate')}</th>
                </tr>
              </thead>
              <tbody>
                {data.monthly.map((m, i) => (
                  <tr key={m.month}>
                    <th scope="row">{months[i]}</th>
                    <td>{f.count(m.received)}</td>
                    <td>{f.count(m.receivedOnline)}</td>
                    <td>{f.rate(m.onlineShare)}</td>
                    <td>{f.count(m.resolved)}</td>
                    <td>{f.rate(m.onTimeRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section aria-labelledby="chart-ranking-h" class="stats-chart">
        <h2 id="chart-ranking-h">{t('statistics.dashboard.rankingTitle', { period: data.periodLabel })}</h2>
        {ranked.length === 0 ? (
          <p>{t('statistics.dashboard.noData')}</p>
        ) : (
          <div class="stats-chart__body">
            <BarChart
              text={{
                id: 'chart-ranking',
                title: t('statistics.dashboard.rankingTitle', { period: data.periodLabel }),
                description: t('statistics.dashboard.rankingAlt'),
              }}
              color={RED}
              rows={ranked.map((g) => ({
                label: g.name,
                value: g.onTimeRate ?? 0,
                max: 1,
                shown: f.rate(g.onTimeRate),
              }))}
            />
            <div class="table-wrap">
              <table>
                <caption>{t('statistics.dashboard.chartData')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('statistics.dashboard.rank')}</th>
                    <th scope="col">{t('statistics.dashboard.agencyColumn')}</th>
                    <th scope="col">{t('statistics.measure.received')}</th>
                    <th scope="col">{t('statistics.measure.resolved')}</th>
                    <th scope="col">{t('statistics.measure.overdue')}</th>
                    <th scope="col">{t('statistics.rate.onTimeRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.map((g, i) => (
                    <tr key={g.key}>
                      <td>{i + 1}</td>
                      <th scope="row">{g.name}</th>
                      <td>{f.count(g.received)}</td>
                      <td>{f.count(g.resolved)}</td>
                      <td>{f.count(g.overdue)}</td>
                      <td>{f.rate(g.onTimeRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>

      <IndicatorScores ctx={ctx} indicators={data.indicators} period={data.periodLabel} />

      <section aria-labelledby="open-data-h" class="panel">
        <h2 id="open-data-h">{t('statistics.dashboard.openData')}</h2>
        <p>{t('statistics.dashboard.openDataLead')}</p>
        <ul class="links">
          <li>
            <a href={`/api/v1/stats/open-data?${query(data)}`} type="application/json">
              {t('statistics.dashboard.openDataJson')}
            </a>
          </li>
          <li>
            <a href={`/api/v1/stats/open-data.csv?${query(data)}`} type="text/csv">
              {t('statistics.dashboard.openDataCsv')}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
