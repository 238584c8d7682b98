import { weekdayOf } from '../../lib/vn-time.ts';
import type { PageContext } from '../../web/layout.tsx';
import { dayName } from './calendar.service.ts';
import type { CalendarDay } from './working-calendar.ts';

export interface YearViewProps {
  ctx: PageContext;
  year: number;
  days: CalendarDay[];
  cutoff: string;
  /** Where the year links point: the public page or the administrator's. */
  basePath?: string;
}

/** The year's days off and make-up working days, as a table (readable on a phone and by a screen reader). */
export function YearView({ ctx, year, days, cutoff, basePath = '/calendar' }: YearViewProps) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('calendar.page.title', { year })}</h1>
      <p class="lead">{t('calendar.page.lead')}</p>
      <p>{t('calendar.page.cutoff', { cutoff })}</p>
      <nav aria-label={t('calendar.page.yearNav')} class="pager">
        <a href={`${basePath}?year=${year - 1}`} rel="prev">
          ← {t('calendar.page.previous', { year: year - 1 })}
        </a>
        <a href={`${basePath}?year=${year + 1}`} rel="next">
          {t('calendar.page.next', { year: year + 1 })} →
        </a>
      </nav>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('calendar.page.title', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.page.date')}</th>
              <th scope="col">{t('calendar.page.weekday')}</th>
              <th scope="col">{t('calendar.page.name')}</th>
              <th scope="col">{t('calendar.page.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date} class={`day day--${day.kind}`}>
                <td>
                  <time dateTime={day.date}>{day.date.split('-').reverse().join('/')}</time>
                </td>
                <td>{t(`calendar.weekday.${weekdayOf(day.date)}`)}</td>
                <td>{dayName(t, day)}</td>
                <td>{t(`calendar.kind.${day.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
