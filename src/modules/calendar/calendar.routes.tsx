import type { App, Deps } from '../../http/types.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { sendPage } from '../../web/render.tsx';
import { YearView } from './calendar.pages.tsx';
import { dueDateQuery, dueDateResponse, holidaysQuery, holidaysResponse, yearPageQuery } from './calendar.schema.ts';
import { dayName } from './calendar.service.ts';
import type { Duration } from './deadline.ts';

export async function calendarRoutes(app: App, { calendar, clock, config }: Deps): Promise<void> {
  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Days off (holidays, days in lieu, notices) and make-up working days of a year',
        querystring: holidaysQuery,
        response: { 200: holidaysResponse },
      },
    },
    async (request) => {
      const { year } = request.query;
      const days = await calendar.daysOfYear(year);
      return { year, days: days.map((d) => ({ date: d.date, name: dayName(request.t, d), kind: d.kind })) };
    },
  );

  app.get(
    '/api/v1/calendar/due-date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The appointment date for a dossier accepted at `from` with the given processing time',
        querystring: dueDateQuery,
        response: { 200: dueDateResponse },
      },
    },
    async (request) => {
      const { from, workingDays, workingHours, calendarDays } = request.query;
      const duration: Duration =
        workingDays !== undefined
          ? { unit: 'workingDays', value: workingDays }
          : workingHours !== undefined
            ? { unit: 'workingHours', value: workingHours }
            : { unit: 'calendarDays', value: calendarDays ?? 0 };
      return calendar.dueDate(from, duration);
    },
  );

  app.get('/calendar', { schema: { hide: true, querystring: yearPageQuery } }, async (request, reply) => {
    const year = request.query.year ?? Number(vietnamDateOf(clock.now()).slice(0, 4));
    const days = await calendar.daysOfYear(year);
    return sendPage(request, reply, request.t('calendar.page.title', { year }), (ctx) => (
      <YearView ctx={ctx} year={year} days={days} cutoff={config.cutoff} />
    ));
  });
}
