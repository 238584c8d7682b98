/** The public side of feedback: send, the confirmation with the tracking code, tracking and rating, published answers. */
import type { VNode } from 'preact';
import { ErrorSummary, Field, type FormErrors, fieldId, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { shortDateTime } from '../documents/format.ts';
import {
  type FeedbackTracking,
  feedbackCategories,
  MAX_ATTACHMENTS,
  type PublishedFeedback,
} from './feedback.schema.ts';

type Page = (ctx: PageContext) => VNode;

/** `27/11/2026 14:30` in Vietnam time. */
export const when = (instant: string) => shortDateTime(instant).replace('\n', ' ');

function categoryOptions(ctx: PageContext, blank?: string) {
  return [
    ...(blank === undefined ? [] : [{ value: '', label: blank }]),
    ...feedbackCategories.map((c) => ({ value: c, label: ctx.t(`feedback.category.${c}`) })),
  ];
}

/** Text as the person wrote it, line breaks kept; always escaped (never markup). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <div class="prose">
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>
            {p.split('\n').map((line, j) => (
              <>
                {j > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
    </div>
  );
}

export function TextArea(p: {
  ctx: PageContext;
  name: string;
  /** When one page has several forms with a field of this name. */
  id?: string;
  label: string;
  value: string;
  errors: FormErrors;
  hint?: string;
  rows?: number;
}) {
  const id = p.id ?? fieldId(p.name);
  const error = p.errors[p.name];
  const describedBy = [p.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <div id={`${id}-hint`} class="hint">
          {p.hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{p.ctx.t('form.errorPrefix')}</span> {error}
        </p>
      )}
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
      >
        {p.value}
      </textarea>
    </div>
  );
}

export interface SubmitView {
  values: Record<string, string>;
  uploaded: { id: string; name: string }[];
  errors: FormErrors;
  csrfQuery: string;
  maxFileMb: number;
}

export const submitPage =
  (v: SubmitView): Page =>
  (ctx) => {
    const { t } = ctx;
    const value = (name: string) => v.values[name] ?? '';
    return (
      <div class="narrow">
        <h1>{t('feedback.submit.title')}</h1>
        <p class="lead">{t('feedback.submit.lead')}</p>
        <p>{t('feedback.submit.required')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <form method="post" action={`/feedback/new${v.csrfQuery}`} enctype="multipart/form-data" noValidate>
          <Field
            ctx={ctx}
            name="fullName"
            label={t('feedback.field.fullName')}
            errors={v.errors}
            value={value('fullName')}
            autocomplete="name"
          />
          <Field
            ctx={ctx}
            name="address"
            label={t('feedback.field.address')}
            errors={v.errors}
            value={value('address')}
            autocomplete="street-address"
            required
          />
          <Field
            ctx={ctx}
            name="phone"
            label={t('feedback.field.phone')}
            hint={t('feedback.field.phoneHint')}
            errors={v.errors}
            value={value('phone')}
            type="tel"
            autocomplete="tel"
            width="short"
            required
          />
          <Field
            ctx={ctx}
            name="email"
            label={t('feedback.field.email')}
            hint={t('feedback.field.emailHint')}
            errors={v.errors}
            value={value('email')}
            type="email"
            autocomplete="email"
          />
          <Select
            ctx={ctx}
            name="category"
            label={t('feedback.field.category')}
            errors={v.errors}
            value={value('category') || 'procedure'}
            options={categoryOptions(ctx)}
          />
          <Field
            ctx={ctx}
            name="relatedCode"
            label={t('feedback.field.relatedCode')}
            hint={t('feedback.field.relatedCodeHint')}
            errors={v.errors}
            value={value('relatedCode')}
          />
          <Field
            ctx={ctx}
            name="subject"
            label={t('feedback.field.subject')}
            errors={v.errors}
            value={value('subject')}
          />
          <TextArea
            ctx={ctx}
            name="summary"
            label={t('feedback.field.summary')}
            hint={t('feedback.field.summaryHint')}
            errors={v.errors}
            value={value('summary')}
            rows={3}
          />
          <TextArea
            ctx={ctx}
            name="content"
            label={t('feedback.field.content')}
            errors={v.errors}
            value={value('content')}
            rows={8}
          />
          <div class={`form-group${v.errors.attachments ? ' form-group--error' : ''}`}>
            <label for={fieldId('attachments')}>{t('feedback.field.attachments')}</label>
            <div id={`${fieldId('attachments')}-hint`} class="hint">
              {t('feedback.field.attachmentsHint', { limit: v.maxFileMb, count: MAX_ATTACHMENTS })}
            </div>
            {v.errors.attachments && (
              <p id={`${fieldId('attachments')}-error`} class="error-message">
                <span class="visually-hidden">{t('form.errorPrefix')}</span> {v.errors.attachments}
              </p>
            )}
            {v.uploaded.map((file) => (
              <p key={file.id}>
                <input type="hidden" name="uploaded" value={`${file.id}|${file.name}`} />
                {t('feedback.submit.uploaded', { name: file.name })}
              </p>
            ))}
            <input
              id={fieldId('attachments')}
              name="attachments"
              type="file"
              multiple
              aria-describedby={`${fieldId('attachments')}-hint${v.errors.attachments ? ` ${fieldId('attachments')}-error` : ''}`}
            />
          </div>
          <div class="form-group">
            <div class="checkboxes">
              <input
                id={fieldId('consentPublish')}
                name="consentPublish"
                type="checkbox"
                value="true"
                checked={value('consentPublish') === 'true'}
              />{' '}
              <label for={fieldId('consentPublish')}>{t('feedback.field.consentPublish')}</label>
            </div>
          </div>
          {/* The honeypot: hidden from people and assistive technology; robots that fill every input fill it. */}
          <div hidden>
            <label for={fieldId('website')}>{t('feedback.field.honeypot')}</label>
            <input id={fieldId('website')} name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
          </div>
          <button type="submit" class="button">
            {t('feedback.submit.send')}
          </button>
        </form>
      </div>
    );
  };

export const sentPage =
  (code: string): Page =>
  (ctx) => (
    <div class="narrow">
      <div class="notice notice--success" role="status">
        <h1>{ctx.t('feedback.sent.title')}</h1>
        <p>
          {ctx.t('feedback.sent.code')} <strong class="secret">{code}</strong>
        </p>
      </div>
      <p>{ctx.t('feedback.sent.next')}</p>
      <p>
        <a href={`/feedback/track?code=${encodeURIComponent(code)}`}>{ctx.t('feedback.track.title')}</a>
      </p>
    </div>
  );

export interface TrackView {
  code: string;
  verifier: string;
  errors: FormErrors;
  result?: FeedbackTracking;
  notice?: string;
}

export const trackPage =
  (v: TrackView): Page =>
  (ctx) => {
    const { t } = ctx;
    const r = v.result;
    return (
      <div class="narrow">
        <h1>{t('feedback.track.title')}</h1>
        {v.notice && (
          <p class="notice notice--success" role="status">
            {v.notice}
          </p>
        )}
        <ErrorSummary ctx={ctx} errors={v.errors} />
        {!r && (
          <PostForm ctx={ctx} action="/feedback/track">
            <Field ctx={ctx} name="code" label={t('feedback.track.code')} errors={v.errors} value={v.code} />
            <Field
              ctx={ctx}
              name="verifier"
              label={t('feedback.track.verifier')}
              hint={t('feedback.track.verifierHint')}
              errors={v.errors}
              value={v.verifier}
              inputmode="numeric"
              width="short"
              autocomplete="off"
            />
            <button type="submit" class="button">
              {t('feedback.track.submit')}
            </button>
          </PostForm>
        )}
        {r && (
          <section aria-labelledby="track-result">
            <h2 id="track-result">{t('feedback.track.resultTitle', { code: r.code })}</h2>
            <dl class="facts">
              <dt>{t('feedback.field.status')}</dt>
              <dd>
                <strong>{t(`feedback.status.${r.status}`)}</strong>
              </dd>
              <dt>{t('feedback.field.category')}</dt>
              <dd>{t(`feedback.category.${r.category}`)}</dd>
              <dt>{t('feedback.field.receivedAt')}</dt>
              <dd>{when(r.receivedAt)}</dd>
              {r.subject && (
                <>
                  <dt>{t('feedback.field.subject')}</dt>
                  <dd>{r.subject}</dd>
                </>
              )}
              <dt>{t('feedback.field.summary')}</dt>
              <dd>{r.summary}</dd>
              {r.refusalReason && (
                <>
                  <dt>{t('feedback.field.refusalReason')}</dt>
                  <dd>{r.refusalReason}</dd>
                </>
              )}
              {r.supplementRequest && (
                <>
                  <dt>{t('feedback.field.supplementRequest')}</dt>
                  <dd>{r.supplementRequest}</dd>
                </>
              )}
            </dl>
            {r.answer && (
              <section aria-labelledby="track-answer">
                <h3 id="track-answer">{t('feedback.track.answer')}</h3>
                <p class="muted">
                  {r.agency} · {r.answeredAt && when(r.answeredAt)}
                </p>
                <Paragraphs text={r.answer} />
              </section>
            )}
            {r.satisfied !== null && (
              <p>{t(r.satisfied ? 'feedback.rate.wasSatisfied' : 'feedback.rate.wasNotSatisfied')}</p>
            )}
            {r.mayRate && (
              <PostForm ctx={ctx} action="/feedback/track/rating">
                <input type="hidden" name="code" value={r.code} />
                <input type="hidden" name="verifier" value={v.verifier} />
                <fieldset class="form-group">
                  <legend>{t('feedback.rate.question')}</legend>
                  <div class="actions">
                    <button type="submit" name="satisfied" value="yes" class="button">
                      {t('feedback.rate.yes')}
                    </button>
                    <button type="submit" name="satisfied" value="no" class="button button--secondary">
                      {t('feedback.rate.no')}
                    </button>
                  </div>
                </fieldset>
              </PostForm>
            )}
            <p>
              <a href="/feedback/track">{t('feedback.track.another')}</a>
            </p>
          </section>
        )}
      </div>
    );
  };

export interface PublicListView {
  q: string;
  agency: string;
  category: string;
  page: number;
  total: number;
  pageSize: number;
  items: (PublishedFeedback & { agencyName: string })[];
  agencies: { value: string; label: string }[];
}

function pageHref(v: PublicListView, page: number): string {
  const params = new URLSearchParams();
  if (v.q) params.set('q', v.q);
  if (v.agency) params.set('agency', v.agency);
  if (v.category) params.set('category', v.category);
  params.set('page', String(page));
  return `/feedback?${params}`;
}

export const publicListPage =
  (v: PublicListView): Page =>
  (ctx) => {
    const { t } = ctx;
    const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
    return (
      <>
        <h1>{t('feedback.public.title')}</h1>
        <p class="lead">{t('feedback.public.lead')}</p>
        <ul class="links">
          <li>
            <a href="/feedback/new">{t('feedback.submit.title')}</a>
          </li>
          <li>
            <a href="/feedback/track">{t('feedback.track.title')}</a>
          </li>
        </ul>
        <form method="get" action="/feedback" class="catalog-filters">
          <Field ctx={ctx} name="q" label={t('feedback.public.search')} errors={{}} value={v.q} />
          <Select
            ctx={ctx}
            name="agency"
            label={t('feedback.public.agency')}
            errors={{}}
            value={v.agency}
            options={[{ value: '', label: t('feedback.public.allAgencies') }, ...v.agencies]}
          />
          <Select
            ctx={ctx}
            name="category"
            label={t('feedback.field.category')}
            errors={{}}
            value={v.category}
            options={categoryOptions(ctx, t('feedback.public.allCategories'))}
          />
          <button type="submit" class="button">
            {t('feedback.public.filter')}
          </button>
        </form>
        <p class="result-count" role="status">
          {t('feedback.public.count', { total: v.total })}
        </p>
        {v.items.map((item) => (
          <article key={item.code} class="panel" aria-labelledby={`q-${item.code}`}>
            <h2 id={`q-${item.code}`}>{item.subject}</h2>
            <p class="muted">
              {item.code} · {t(`feedback.category.${item.category}`)}
            </p>
            <h3>{t('feedback.public.question')}</h3>
            <Paragraphs text={item.question} />
            <h3>{t('feedback.public.answer')}</h3>
            <p class="muted">
              {item.agencyName} · {when(item.publishedAt)}
            </p>
            <Paragraphs text={item.answer} />
          </article>
        ))}
        {pages > 1 && (
          <nav class="pager" aria-label={t('feedback.public.pages')}>
            {v.page > 1 && <a href={pageHref(v, v.page - 1)}>{t('feedback.public.previous')}</a>}
            <span>{t('feedback.public.pageOf', { page: v.page, pages })}</span>
            {v.page < pages && <a href={pageHref(v, v.page + 1)}>{t('feedback.public.next')}</a>}
          </nav>
        )}
      </>
    );
  };
