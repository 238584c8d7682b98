import type { PageContext } from '../../web/layout.tsx';
import { BarChart } from './charts.tsx';
import { groupScores, type Indicator } from './indicators.ts';
import { numberFormat } from './press-release.ts';
import type { Drill } from './statistics.service.ts';

function useFormats(ctx: PageContext) {
  const n = numberFormat(ctx.locale);
  return {
    ...n,
    rate: (v: number | null) => (v === null ? ctx.t('statistics.indicators.unavailable') : `${n.percent(v)}%`),
    points: (v: number | null) => (v === null ? ctx.t('statistics.none') : n.percent(v / 100)),
  };
}

/** The indicator table; with `drillHref` each computed indicator links to what is behind it. */
export function IndicatorTable(p: { ctx: PageContext; indicators: Indicator[]; drillHref?: (code: string) => string }) {
  const { t } = p.ctx;
  const f = useFormats(p.ctx);
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('statistics.indicators.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.indicators.code')}</th>
            <th scope="col">{t('statistics.indicators.name')}</th>
            <th scope="col">{t('statistics.indicators.formula')}</th>
            <th scope="col">{t('statistics.indicators.value')}</th>
            <th scope="col">{t('statistics.indicators.points')}</th>
            <th scope="col">{t('statistics.indicators.max')}</th>
          </tr>
        </thead>
        <tbody>
          {p.indicators.map((i) => (
            <tr key={i.code}>
              <th scope="row">
                {p.drillHref && i.drill && i.denominator !== null ? <a href={p.drillHref(i.code)}>{i.code}</a> : i.code}
              </th>
              <td>
                {t(`statistics.indicator.${i.code}.name`)}
                <br />
                <span class="muted">{t(`statistics.group.${i.group}`)}</span>
              </td>
              <td>{t(`statistics.indicator.${i.code}.formula`)}</td>
              <td>
                {i.lacking ? t(i.lacking) : f.rate(i.rate)}
                {i.denominator !== null && (
                  <>
                    <br />
                    <span class="muted">
                      {f.count(i.numerator ?? 0)} / {f.count(i.denominator)}
                    </span>
                  </>
                )}
              </td>
              <td>{f.points(i.points)}</td>
              <td>{i.max}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Points per indicator group as bars (over the indicators computed), beside the indicator table. */
export function IndicatorScores(p: { ctx: PageContext; indicators: Indicator[]; period: string }) {
  const { t } = p.ctx;
  const f = useFormats(p.ctx);
  const groups = groupScores(p.indicators).filter((g) => g.points !== null);
  return (
    <section aria-labelledby="chart-766-h" class="stats-chart">
      <h2 id="chart-766-h">{t('statistics.dashboard.scoreTitle', { period: p.period })}</h2>
      <div class="stats-chart__body">
        <BarChart
          text={{
            id: 'chart-766',
            title: t('statistics.dashboard.scoreTitle', { period: p.period }),
            description: t('statistics.dashboard.scoreAlt'),
          }}
          color="#1d4f91"
          rows={groups.map((g) => ({
            label: t(`statistics.group.${g.group}`),
            value: g.points ?? 0,
            max: g.measuredMax,
            shown: `${f.points(g.points)} / ${g.measuredMax}`,
          }))}
        />
        <IndicatorTable ctx={p.ctx} indicators={p.indicators} />
      </div>
    </section>
  );
}

export function IndicatorsPage(p: { ctx: PageContext; indicators: Indicator[]; query: string; period: string }) {
  const { t } = p.ctx;
  return (
    <>
      <h1>{t('statistics.indicators.title')}</h1>
      <p class="lead">{t('statistics.indicators.lead')}</p>
      <p>{p.period}</p>
      <IndicatorTable
        ctx={p.ctx}
        indicators={p.indicators}
        drillHref={(code) => `/office/reports/indicators/${code}?${p.query}`}
      />
    </>
  );
}

export function DrillPage(p: { ctx: PageContext; drill: Drill; query: string }) {
  const { t } = p.ctx;
  const f = useFormats(p.ctx);
  const { drill } = p;
  const date = (iso: string | null | undefined) =>
    iso ? new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';
  return (
    <>
      <h1>
        {t('statistics.indicators.drillTitle', {
          code: drill.indicator,
          name: t(`statistics.indicator.${drill.indicator}.name`),
        })}
      </h1>
      <p>
        <a href={`/office/reports/indicators?${p.query}`}>{t('statistics.indicators.back')}</a>
      </p>
      <p>{t('statistics.drill.more', { shown: f.count(drill.rows.length), total: f.count(drill.total) })}</p>
      <div class="table-wrap">
        <table>
          <caption>{t(`statistics.indicator.${drill.indicator}.formula`)}</caption>
          <thead>
            <tr>
              <th scope="col">
                {drill.kind === 'dossiers' ? t('statistics.drill.code') : t('statistics.indicators.code')}
              </th>
              <th scope="col">{t('statistics.drill.procedure')}</th>
              {drill.kind === 'dossiers' && (
                <>
                  <th scope="col">{t('statistics.drill.receivedAt')}</th>
                  <th scope="col">{t('statistics.drill.dueAt')}</th>
                  <th scope="col">{t('statistics.drill.endedAt')}</th>
                </>
              )}
              <th scope="col">{t('statistics.indicators.inNumerator')}</th>
            </tr>
          </thead>
          <tbody>
            {drill.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  {drill.kind === 'dossiers' ? <a href={`/office/dossiers/${r.code}`}>{r.code}</a> : r.code}
                </th>
                <td>{r.name}</td>
                {drill.kind === 'dossiers' && (
                  <>
                    <td>{date(r.receivedAt)}</td>
                    <td>{date(r.dueAt)}</td>
                    <td>{date(r.endedAt)}</td>
                  </>
                )}
                <td>{r.meets ? t('statistics.indicators.yes') : t('statistics.indicators.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
