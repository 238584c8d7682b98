import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { YearView } from './calendar.pages.tsx';
import type { StoredOverride } from './calendar.service.ts';
import type { CalendarDay } from './working-calendar.ts';

export interface OverrideFormValues {
  date?: string;
  kind?: string;
  note?: string;
}

export interface CalendarAdminProps {
  ctx: PageContext;
  year: number;
  days: CalendarDay[];
  overrides: StoredOverride[];
  cutoff: string;
  values: OverrideFormValues;
  errors: FormErrors;
  notice?: string;
}

/** The year view plus the administrator's adjustments: the list with a remove button each, and the form to add one. */
export function CalendarAdminPage(p: CalendarAdminProps) {
  const { ctx, year } = p;
  const { t } = ctx;
  return (
    <>
      {p.notice && (
        <div class="notice notice--success" role="status">
          {p.notice}
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <YearView ctx={ctx} year={year} days={p.days} cutoff={p.cutoff} basePath="/admin/calendar" />
      <section aria-labelledby="overrides-heading">
        <h2 id="overrides-heading">{t('calendar.admin.overrides', { year })}</h2>
        {p.overrides.length === 0 ? (
          <p>{t('calendar.admin.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.page.date')}</th>
                  <th scope="col">{t('calendar.page.kind')}</th>
                  <th scope="col">{t('calendar.admin.note')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('calendar.admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.overrides.map((o) => (
                  <tr key={o.date}>
                    <td>
                      <time datetime={o.date}>{o.date.split('-').reverse().join('/')}</time>
                    </td>
                    <td>{t(`calendar.kind.override-${o.kind}`)}</td>
                    <td>{o.note}</td>
                    <td>
                      <PostForm ctx={ctx} action={`/admin/calendar/overrides/${o.date}/delete`}>
                        <button type="submit" class="button button--secondary">
                          {t('calendar.admin.remove')}
                          <span class="visually-hidden"> {o.date}</span>
                        </button>
                      </PostForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('calendar.admin.add')}</h3>
        <PostForm ctx={ctx} action="/admin/calendar/overrides">
          <Field
            ctx={ctx}
            name="date"
            type="date"
            label={t('calendar.admin.date')}
            hint={t('calendar.admin.dateHint')}
            errors={p.errors}
            value={p.values.date}
            width="short"
          />
          <Select
            ctx={ctx}
            name="kind"
            label={t('calendar.page.kind')}
            errors={p.errors}
            value={p.values.kind ?? 'off'}
            options={[
              { value: 'off', label: t('calendar.kind.override-off') },
              { value: 'working', label: t('calendar.kind.override-working') },
            ]}
          />
          <Field
            ctx={ctx}
            name="note"
            label={t('calendar.admin.note')}
            hint={t('calendar.admin.noteHint')}
            errors={p.errors}
            value={p.values.note}
          />
          <button type="submit" class="button">
            {t('calendar.admin.save')}
          </button>
        </PostForm>
      </section>
    </>
  );
}
