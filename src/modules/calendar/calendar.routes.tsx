import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { vietnamDateOf } from '../../lib/vn-time.ts';
import { type FormErrors, formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { provinceResource } from '../identity/access.ts';
import { CalendarAdminPage, type OverrideFormValues } from './calendar.admin.pages.tsx';
import { YearView } from './calendar.pages.tsx';
import {
  adminPageQuery,
  dueDateQuery,
  dueDateResponse,
  holidaysQuery,
  holidaysResponse,
  overrideForm,
  yearPageQuery,
} from './calendar.schema.ts';
import { dayName } from './calendar.service.ts';
import type { Duration } from './deadline.ts';

export async function calendarRoutes(app: App, { calendar, clock, config, db }: Deps): Promise<void> {
  const thisYear = () => Number(vietnamDateOf(clock.now()).slice(0, 4));

  // The calendar is the province's: only administrators of the root agency change it.
  const manage = { policy: { action: 'calendar.manage' as const, resource: provinceResource(db) } };
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
    const year = request.query.year ?? thisYear();
    const days = await calendar.daysOfYear(year);
    return sendPage(request, reply, request.t('calendar.page.title', { year }), (ctx) => (
      <YearView ctx={ctx} year={year} days={days} cutoff={config.cutoff} />
    ));
  });

  async function renderAdmin(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { values?: OverrideFormValues; errors?: FormErrors; status?: number; notice?: string } = {},
  ) {
    const [days, overrides] = await Promise.all([calendar.daysOfYear(year), calendar.overridesOfYear(year)]);
    return sendPage(
      request,
      reply,
      request.t('calendar.admin.title'),
      (ctx) => (
        <CalendarAdminPage
          ctx={ctx}
          year={year}
          days={days}
          overrides={overrides}
          cutoff={config.cutoff}
          values={form.values ?? {}}
          errors={form.errors ?? {}}
          notice={form.notice}
        />
      ),
      form.status,
    );
  }

  app.get(
    '/admin/calendar',
    { config: manage, schema: { hide: true, querystring: adminPageQuery } },
    async (request, reply) => {
      const query = request.query;
      const notice = query.added
        ? request.t('calendar.admin.added', { date: query.added })
        : query.removed
          ? request.t('calendar.admin.removed', { date: query.removed })
          : undefined;
      return renderAdmin(request, reply, query.year ?? thisYear(), { notice });
    },
  );

  app.post('/admin/calendar/overrides', { config: manage, schema: { hide: true } }, async (request, reply) => {
    const values = (request.body ?? {}) as OverrideFormValues;
    const year = /^\d{4}/.test(values.date ?? '') ? Number(values.date?.slice(0, 4)) : thisYear();
    const parsed = overrideForm.safeParse(values);
    if (!parsed.success) {
      return renderAdmin(request, reply, thisYear(), {
        values,
        errors: formErrors(request.t, parsed.error.issues),
        status: 400,
      });
    }
    try {
      await calendar.addOverride(parsed.data, request.actor.id);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderAdmin(request, reply, year, { values, errors: formErrors(request.t, error.fields), status: 400 });
      }
      if (error instanceof ConflictError) {
        const errors = { date: request.t(error.messageKey, error.params) };
        return renderAdmin(request, reply, year, { values, errors, status: 409 });
      }
      throw error;
    }
    return reply.redirect(`/admin/calendar?year=${year}&added=${parsed.data.date}`, 303);
  });

  app.post(
    '/admin/calendar/overrides/:date/delete',
    { config: manage, schema: { hide: true } },
    async (request, reply) => {
      const { date } = request.params as { date: string };
      await calendar.removeOverride(date);
      return reply.redirect(`/admin/calendar?year=${date.slice(0, 4)}&removed=${date}`, 303);
    },
  );
}
