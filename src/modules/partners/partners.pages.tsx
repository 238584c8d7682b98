import type { VNode } from 'preact';
import { ErrorSummary, type FormErrors, fieldId, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { DeadLetter } from '../outbox/outbox.service.ts';
import type { ExchangeView } from './partners.service.ts';

type Page = (ctx: PageContext) => VNode;

const instant = (iso: string) => iso.slice(0, 19).replace('T', ' ');

export interface PartnersPageView {
  deadLetters: DeadLetter[];
  exchanges: ExchangeView[];
  reference: string;
  /** The id to continue the log from (older entries), when there are more. */
  olderThan: number | null;
  canManage: boolean;
  notice?: string;
  errors: FormErrors;
  /** Corrected payloads as typed, by message id, to show again with the error. */
  drafts: Record<number, string>;
}

function DeadLetters({ ctx, v }: { ctx: PageContext; v: PartnersPageView }) {
  const { t } = ctx;
  if (v.deadLetters.length === 0) return <p>{t('partners.dead.none')}</p>;
  return (
    <>
      <p>{t('partners.dead.hint')}</p>
      {v.deadLetters.map((m) => {
        const name = `payload-${m.id}`;
        const error = v.errors[name];
        return (
          <section key={m.id} class="card" aria-labelledby={`dead-${m.id}`}>
            <h3 id={`dead-${m.id}`}>
              #{m.id} {m.topic}
            </h3>
            <dl class="summary-list">
              <dt>{t('partners.dead.key')}</dt>
              <dd>{m.orderingKey ?? m.dedupeKey}</dd>
              <dt>{t('partners.dead.attempts')}</dt>
              <dd>{m.attempts}</dd>
              <dt>{t('partners.dead.error')}</dt>
              <dd>{m.lastError ?? '—'}</dd>
              <dt>{t('partners.dead.created')}</dt>
              <dd>{instant(m.createdAt)}</dd>
            </dl>
            {v.canManage && (
              <PostForm ctx={ctx} action={`/admin/partners/dead-letters/${m.id}/resend`}>
                <div class={`form-group${error ? ' form-group--error' : ''}`}>
                  <label for={fieldId(name)}>{t('partners.dead.payload', { id: m.id })}</label>
                  {error && (
                    <p id={`${fieldId(name)}-error`} class="error-message">
                      <span class="visually-hidden">{t('form.errorPrefix')}</span> {error}
                    </p>
                  )}
                  <textarea
                    id={fieldId(name)}
                    name="payload"
                    rows={8}
                    class="code"
                    aria-describedby={error ? `${fieldId(name)}-error` : undefined}
                    aria-invalid={error ? 'true' : undefined}
                  >
                    {v.drafts[m.id] ?? JSON.stringify(JSON.parse(m.payload), null, 2)}
                  </textarea>
                </div>
                <button type="submit" class="button">
                  {t('partners.dead.resend')}
                  <span class="visually-hidden"> #{m.id}</span>
                </button>
              </PostForm>
            )}
          </section>
        );
      })}
    </>
  );
}

function ExchangeLog({ ctx, v }: { ctx: PageContext; v: PartnersPageView }) {
  const { t } = ctx;
  return (
    <>
      <form method="get" action="/admin/partners" class="inline">
        <label for="f-reference">{t('partners.log.filter')}</label>
        <input id="f-reference" name="reference" value={v.reference} />
        <button type="submit" class="button button--secondary">
          {t('partners.log.filterSubmit')}
        </button>
      </form>
      {v.exchanges.length === 0 ? (
        <p>{t('partners.log.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('partners.log.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.log.at')}</th>
                <th scope="col">{t('partners.log.partner')}</th>
                <th scope="col">{t('partners.log.direction')}</th>
                <th scope="col">{t('partners.log.endpoint')}</th>
                <th scope="col">{t('partners.log.status')}</th>
                <th scope="col">{t('partners.log.outcome')}</th>
                <th scope="col">{t('partners.log.detail')}</th>
                <th scope="col">{t('partners.log.reference')}</th>
                <th scope="col">{t('partners.log.duration')}</th>
                <th scope="col">{t('partners.log.digests')}</th>
              </tr>
            </thead>
            <tbody>
              {v.exchanges.map((x) => (
                <tr key={x.id} data-outcome={x.outcome}>
                  <td>{instant(x.at)}</td>
                  <td>{x.partner}</td>
                  <td>{t(`partners.direction.${x.direction}`)}</td>
                  <td>
                    <code class="wrap">
                      {x.method} {x.endpoint}
                    </code>
                  </td>
                  <td>{x.statusCode ?? '—'}</td>
                  <td>{t(`partners.outcome.${x.outcome}`)}</td>
                  <td>{x.detail ?? ''}</td>
                  <td>{x.reference ?? ''}</td>
                  <td>{x.durationMs}</td>
                  <td>
                    <code class="wrap">{x.requestDigest.slice(0, 19)}</code>
                    {x.responseDigest && (
                      <>
                        {' / '}
                        <code class="wrap">{x.responseDigest.slice(0, 19)}</code>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {v.olderThan !== null && (
        <p>
          <a
            href={`/admin/partners?before=${v.olderThan}${v.reference ? `&reference=${encodeURIComponent(v.reference)}` : ''}`}
          >
            {t('partners.log.older')}
          </a>
        </p>
      )}
    </>
  );
}

export const partnersPage =
  (v: PartnersPageView): Page =>
  (ctx) => (
    <>
      <h1>{ctx.t('partners.title')}</h1>
      {v.notice && (
        <div class="notice notice--success" role="status">
          <p>{v.notice}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <p>{ctx.t('partners.intro')}</p>
      <h2>{ctx.t('partners.dead.title')}</h2>
      <DeadLetters ctx={ctx} v={v} />
      <h2>{ctx.t('partners.log.title')}</h2>
      <ExchangeLog ctx={ctx} v={v} />
    </>
  );
