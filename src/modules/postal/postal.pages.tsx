import type { VNode } from 'preact';
import { formatDong } from '../../lib/money.ts';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { ErrorSummary, Field, type FormErrors, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { PostalOrderView, PostalParty } from './postal.schema.ts';

type Page = (ctx: PageContext) => VNode;

const pad = (n: number) => String(n).padStart(2, '0');

/** `27/11/2026 14:30`, Vietnam time. */
function dateTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const minutes = Math.floor(msOfDay / 60_000);
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The postal journey of a dossier's orders, newest status last: a section of the back-office dossier page. */
export function postalJourney(code: string, orders: readonly PostalOrderView[]): Page {
  return (ctx) => {
    const { t } = ctx;
    const failed = orders.filter((o) => o.kind === 'delivery' && o.status === 'failed').at(-1);
    return (
      <section aria-labelledby="postal-heading">
        <h2 id="postal-heading">{t('postal.journey')}</h2>
        {failed && (
          <div class="notice" role="status">
            {t('postal.failedNotice', { reason: failed.failureReason ?? '' })}
          </div>
        )}
        {orders.length === 0 ? <p>{t('postal.none')}</p> : <JourneyTable ctx={ctx} orders={orders} />}
        <p>
          <a href={`/office/dossiers/${code}/postal`}>{t('postal.link')}</a>
        </p>
      </section>
    );
  };
}

function JourneyTable({ ctx, orders }: { ctx: PageContext; orders: readonly PostalOrderView[] }) {
  const { t } = ctx;
  const rows = orders.flatMap((o) =>
    o.events.length === 0
      ? [{ order: o, key: `${o.id}-q`, at: o.createdAt, status: o.status, reason: null as string | null }]
      : o.events.map((e, i) => ({
          order: o,
          key: `${o.id}-${i}`,
          at: e.occurredAt,
          status: e.status,
          reason: e.reason,
        })),
  );
  return (
    <ScrollTable label={t('postal.journey')} class="timeline">
      <caption class="visually-hidden">{t('postal.journey')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('postal.when')}</th>
          <th scope="col">{t('postal.kind')}</th>
          <th scope="col">{t('postal.itemCodeShort')}</th>
          <th scope="col">{t('postal.status')}</th>
          <th scope="col">{t('postal.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{dateTime(r.at)}</td>
            <td>{t(`postal.kind.${r.order.kind}`)}</td>
            <td>{r.order.itemCode ?? r.order.orderNumber}</td>
            <td>{t(`postal.status.${r.status}`)}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export interface PostalPageView {
  code: string;
  orders: readonly PostalOrderView[];
  office: PostalParty | undefined;
  mayOrder: boolean;
  values: Record<string, string>;
  errors: FormErrors;
  notice?: string;
  conflict?: string;
}

/** The postal page of a dossier: its orders with labels to print, and the form for a new order. */
export function postalPage(v: PostalPageView): Page {
  return (ctx) => {
    const { t } = ctx;
    const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
      <Field ctx={ctx} name={name} label={label} errors={v.errors} value={v.values[name] ?? ''} {...extra} />
    );
    return (
      <>
        <p>
          <a href={`/office/dossiers/${v.code}`}>{t('postal.back')}</a>
        </p>
        <h1>{t('postal.title', { code: v.code })}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        {v.conflict && (
          <div class="error-summary" role="alert">
            <p>{v.conflict}</p>
          </div>
        )}
        <h2>{t('postal.journey')}</h2>
        {v.orders.length === 0 ? <p>{t('postal.none')}</p> : <JourneyTable ctx={ctx} orders={v.orders} />}
        {v.orders.length > 0 && (
          <ul class="links">
            {v.orders.map((o) => (
              <li key={o.id}>
                <a href={`/office/dossiers/${v.code}/postal/${o.id}/label.pdf`}>
                  {t('postal.label')} — {t(`postal.kind.${o.kind}`)} {o.itemCode ?? o.orderNumber}
                </a>
                {o.codAmount > 0 && <span class="muted"> ({formatDong(o.codAmount, ctx.locale)})</span>}
              </li>
            ))}
          </ul>
        )}
        {!v.office ? (
          <p>{t('postal.notConfigured')}</p>
        ) : (
          v.mayOrder && (
            <section aria-labelledby="order-heading" class="panel">
              <h2 id="order-heading">{t('postal.newOrder')}</h2>
              <p class="hint">{t('postal.office', { name: v.office.name, address: v.office.address })}</p>
              <ErrorSummary ctx={ctx} errors={v.errors} />
              <PostForm ctx={ctx} action={`/office/dossiers/${v.code}/postal`}>
                <Select
                  ctx={ctx}
                  name="kind"
                  label={t('postal.kind')}
                  errors={v.errors}
                  value={v.values.kind ?? 'delivery'}
                  options={[
                    { value: 'delivery', label: t('postal.kind.delivery') },
                    { value: 'pickup', label: t('postal.kind.pickup') },
                  ]}
                />
                <fieldset>
                  <legend>{t('postal.applicantSide')}</legend>
                  {field('applicant.name', t('postal.name'), { autocomplete: 'name' })}
                  {field('applicant.phone', t('postal.phone'), { type: 'tel', autocomplete: 'tel', width: 'short' })}
                  {field('applicant.provinceCode', t('postal.provinceCode'), {
                    hint: t('postal.provinceCode.hint'),
                    inputmode: 'numeric',
                    width: 'short',
                  })}
                  {field('applicant.wardCode', t('postal.wardCode'), {
                    hint: t('postal.wardCode.hint'),
                    inputmode: 'numeric',
                    width: 'short',
                  })}
                  {field('applicant.address', t('postal.address'), { autocomplete: 'street-address' })}
                </fieldset>
                {field('itemCode', t('postal.itemCode'), { hint: t('postal.itemCode.hint'), width: 'short' })}
                {field('codAmount', t('postal.cod'), {
                  hint: t('postal.cod.hint'),
                  inputmode: 'numeric',
                  width: 'short',
                })}
                <button type="submit">{t('postal.submit')}</button>
              </PostForm>
            </section>
          )
        )}
      </>
    );
  };
}
