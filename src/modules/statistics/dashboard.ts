/** The figures of the public dashboard and of its open data, assembled from the statistics service. */
import { vietnamDateOf } from '../../lib/vn-time.ts';
import type { Locale, Translator } from '../../web/i18n/index.ts';
import { nextMonth } from './cells.ts';
import type { Indicator } from './indicators.ts';
import { pressRelease } from './press-release.ts';
import type { DashboardQuery } from './statistics.schema.ts';
import type { Figures, MonthFigures, StatisticsService, SummaryGroup } from './statistics.service.ts';

export interface DashboardData {
  year: number;
  month: number | undefined;
  agency: string | undefined;
  agencies: { identifier: string; name: string }[];
  years: number[];
  /** The headline period: the chosen month, or the latest month of the year that has begun. */
  headlineMonth: number;
  yearTotals: Figures;
  monthTotals: Figures;
  press: string;
  monthly: MonthFigures[];
  /** Agencies by on-time rate, highest first (those without dossiers to judge last). */
  ranking: SummaryGroup[];
  /** The period the ranking and the summary cover, worded. */
  periodLabel: string;
  indicators: Indicator[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function monthRange(year: number, month: number): { from: string; to: string } {
  const first = `${year}-${pad(month)}`;
  const last = `${nextMonth(first)}-01`;
  const to = new Date(Date.parse(`${last}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: `${first}-01`, to };
}

export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export async function dashboardData(
  stats: StatisticsService,
  query: DashboardQuery,
  t: Translator,
  locale: Locale,
  now: Date,
): Promise<DashboardData> {
  const today = vietnamDateOf(now);
  const thisYear = Number(today.slice(0, 4));
  const year = query.year ?? thisYear;
  const headlineMonth = query.month ?? (year === thisYear ? Number(today.slice(5, 7)) : 12);
  const agency = query.agency;
  const period = query.month ? monthRange(year, query.month) : yearRange(year);
  const [yearSummary, monthSummary, monthly, byAgency, onlineByAgency, all, indicators] = await Promise.all([
    stats.summary({ ...yearRange(year), agency }, t),
    stats.summary({ ...monthRange(year, headlineMonth), agency }, t),
    stats.monthly({ ...yearRange(year), agency }),
    stats.summary({ ...period, agency, groupBy: 'agency' }, t),
    stats.summary({ ...period, agency, groupBy: 'agency', channel: 2 }, t),
    stats.agencies(),
    stats.indicators({ ...period, agency }, t),
  ]);
  // A year still running compares with the same months of the year before; a finished year with the whole year.
  const comparedPeriod = query.month
    ? monthRange(year - 1, query.month)
    : year === thisYear
      ? { from: `${year - 1}-01-01`, to: monthRange(year - 1, headlineMonth).to }
      : yearRange(year - 1);
  const compared = await stats.summary({ ...comparedPeriod, agency }, t);
  const current = query.month ? monthSummary : yearSummary;
  const leader = [...onlineByAgency.groups].sort((a, b) => b.resolved - a.resolved)[0];
  const agencyName = agency ? all.find((a) => a.identifier === agency)?.name : undefined;
  const periodLabel = query.month
    ? t('statistics.press.month', { month: query.month, year })
    : t('statistics.press.year', { year });
  const press = pressRelease(t, locale, {
    period: periodLabel,
    scope: agencyName ?? t('statistics.press.province'),
    totals: current.totals,
    comparedWith: {
      online: compared.totals.receivedOnline,
      label: query.month || year === thisYear ? 'sameLastYear' : 'lastYear',
    },
    leader: leader && !agency ? { name: leader.name, count: leader.resolved } : null,
  });
  const ranking = [...byAgency.groups].sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.resolved - a.resolved,
  );
  const years = [];
  for (let y = thisYear; y >= thisYear - 9; y--) years.push(y);
  return {
    year,
    month: query.month,
    agency,
    agencies: all
      .filter((a) => a.active)
      .map((a) => ({ identifier: a.identifier, name: a.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    years,
    headlineMonth,
    yearTotals: yearSummary.totals,
    monthTotals: monthSummary.totals,
    press,
    monthly,
    ranking,
    periodLabel,
    indicators,
  };
}
