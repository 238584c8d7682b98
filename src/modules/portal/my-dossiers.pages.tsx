import type { ComponentChildren, VNode } from 'preact';
import { ErrorSummary, type FormErrors, fieldId, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { Component } from '../catalog/catalog.schema.ts';
import type { DossierActionView, DossierDetail, DossierView } from '../dossiers/dossiers.schema.ts';
import { ContactBlock } from './help.pages.tsx';
import { dateTime, Fact, Facts, shortDate, Timeline } from './tracking.pages.tsx';
import { isPublicAction, publicSteps } from './tracking.service.ts';

type Page = (ctx: PageContext) => VNode;

/** The statuses in which the applicant has something to do: answer a supplement request, pay. */
const actionNeeded: ReadonlySet<number> = new Set([5, 6]);

export const myDossiersPage =
  (dossiers: readonly DossierView[]): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t('portal.my.title')}</h1>
        <p>
          <a href="/my-dossiers/drafts">{t('portal.my.drafts')}</a>
        </p>
        {dossiers.length === 0 ? (
          <p>
            {t('portal.my.empty')} <a href="/procedures">{t('portal.my.findProcedure')}</a>
          </p>
        ) : (
          <>
            <p class="result-count">{t('portal.my.count', { total: dossiers.length })}</p>
            <ul class="cards dossier-cards">
              {dossiers.map((d) => (
                <li class="card" key={d.code}>
                  <h2>
                    <a href={`/my-dossiers/${d.code}`}>{d.code}</a>
                  </h2>
                  <p>{d.procedure.name}</p>
                  <Facts>
                    <Fact term={t('portal.track.status')}>
                      <strong>{t(`dossiers.status.${d.status}`)}</strong>{' '}
                      {actionNeeded.has(d.status) && <span class="tag tag--warn">{t('portal.my.actionNeeded')}</span>}
                    </Fact>
                    <Fact term={t('portal.my.submittedAt')}>{dateTime(d.submittedAt)}</Fact>
                    <Fact term={t('portal.my.dueDate')}>
                      {d.dueDate ? shortDate(d.dueDate) : t('portal.track.noDueDate')}
                    </Fact>
                  </Facts>
                </li>
              ))}
            </ul>
          </>
        )}
        <ContactBlock ctx={ctx} />
      </>
    );
  };

export interface MyDossierView {
  dossier: DossierDetail;
  agencyName: string;
  /** Slips the agency issued, by document kind. */
  documents: readonly string[];
  /** Electronic result files, once there is a result. */
  results: readonly { id: string; name: string }[];
  /** Whether the applicant may still withdraw (the transition table says). */
  canWithdraw: boolean;
  /** null: not open for rating yet; `rated`: the total given. */
  rating: { open: true } | { rated: number } | null;
  /** The components the supplement may add to, with their accepted formats (`PDF, JPG`). */
  supplementComponents: readonly (Component & { accepted: string })[];
  maxFileMb: number;
  csrfQuery: string;
  notice?: string;
  conflict?: string;
  errors?: FormErrors;
  values?: Record<string, string>;
}

/** What the applicant alone may read under a step: what was asked of them, reasons given to them, their own notes. */
function StepDetails({ ctx, action }: { ctx: PageContext; action: DossierActionView }) {
  const { t } = ctx;
  const lines: ComponentChildren[] = [];
  const missing = action.action === 'request_supplement' ? ((action.data?.missing as string[] | undefined) ?? []) : [];
  if (missing.length > 0) {
    lines.push(
      <>
        {t('portal.dossier.missing')}
        <ul>
          {missing.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      </>,
    );
  }
  const addressedToApplicant = ['request_supplement', 'refuse', 'stop', 'extend_with_apology'].includes(action.action);
  const ownNote = action.role === 'applicant' && ['receive_supplement', 'withdraw'].includes(action.action);
  if (action.comment && addressedToApplicant) lines.push(t('portal.dossier.reason', { reason: action.comment }));
  if (action.comment && ownNote) lines.push(t('portal.dossier.note', { note: action.comment }));
  if (action.action === 'extend_with_apology' && action.newDueAt) {
    lines.push(t('portal.dossier.newDueDate', { date: dateTime(action.newDueAt) }));
  }
  if (lines.length === 0) return null;
  return (
    <div class="step-details">
      {lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}

function SupplementForm({ ctx, v }: { ctx: PageContext; v: MyDossierView }) {
  const { t } = ctx;
  const d = v.dossier;
  const errors = v.errors ?? {};
  const request = d.actions.findLast((a) => a.action === 'request_supplement');
  const missing = (request?.data?.missing as string[] | undefined) ?? [];
  const noteId = fieldId('note');
  return (
    <section class="panel" aria-labelledby="supplement-heading">
      <h3 id="supplement-heading">{t('portal.supplement.heading')}</h3>
      <p>{t('portal.supplement.intro')}</p>
      <ul>
        {missing.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      {request?.comment && <p>{t('portal.dossier.reason', { reason: request.comment })}</p>}
      <form
        method="post"
        action={`/my-dossiers/${d.code}/supplement${v.csrfQuery}`}
        enctype="multipart/form-data"
        noValidate
      >
        <input type="hidden" name="expectedVersion" value={String(d.version)} />
        {v.supplementComponents.map((component) => {
          const name = `file.${component.code}`;
          const id = fieldId(name);
          const error = errors[name];
          const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
          return (
            <div class={`form-group${error ? ' form-group--error' : ''}`} key={component.code}>
              <label for={id}>{t('portal.supplement.file', { name: component.name })}</label>
              <div id={`${id}-hint`} class="hint">
                {t('portal.supplement.fileHint', { accepted: component.accepted, limit: v.maxFileMb })}
              </div>
              {error && (
                <p id={`${id}-error`} class="error-message">
                  <span class="visually-hidden">{t('form.errorPrefix')}</span> {error}
                </p>
              )}
              <input
                id={id}
                name={name}
                type="file"
                aria-describedby={describedBy}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
          );
        })}
        <div class={`form-group${errors.note ? ' form-group--error' : ''}`}>
          <label for={noteId}>{t('portal.supplement.note')}</label>
          {errors.note && (
            <p id={`${noteId}-error`} class="error-message">
              <span class="visually-hidden">{t('form.errorPrefix')}</span> {errors.note}
            </p>
          )}
          <textarea
            id={noteId}
            name="note"
            rows={3}
            aria-describedby={errors.note ? `${noteId}-error` : undefined}
            aria-invalid={errors.note ? 'true' : undefined}
          >
            {v.values?.note ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          {t('portal.supplement.submit')}
        </button>
      </form>
    </section>
  );
}

function WithdrawForm({ ctx, v }: { ctx: PageContext; v: MyDossierView }) {
  const { t } = ctx;
  const id = fieldId('reason');
  return (
    <section class="panel" aria-labelledby="withdraw-heading">
      <h3 id="withdraw-heading">{t('portal.withdraw.heading')}</h3>
      <p>{t('portal.withdraw.text')}</p>
      <PostForm ctx={ctx} action={`/my-dossiers/${v.dossier.code}/withdraw`}>
        <input type="hidden" name="expectedVersion" value={String(v.dossier.version)} />
        <div class="form-group">
          <label for={id}>{t('portal.withdraw.reason')}</label>
          <textarea id={id} name="reason" rows={2}>
            {v.values?.reason ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button button--danger">
          {t('portal.withdraw.submit')}
        </button>
      </PostForm>
    </section>
  );
}

function ToDo({ ctx, v }: { ctx: PageContext; v: MyDossierView }) {
  const { t } = ctx;
  const d = v.dossier;
  const blocks: ComponentChildren[] = [];
  if (d.status === 5) blocks.push(<SupplementForm ctx={ctx} v={v} />);
  if (d.status === 6) {
    blocks.push(
      <section class="panel" aria-labelledby="pay-heading">
        <h3 id="pay-heading">{t('portal.pay.heading')}</h3>
        <p>{t('portal.pay.text')}</p>
        <p>
          <a class="button" href={`/payments/${d.code}`}>
            {t('portal.pay.link')}
          </a>
        </p>
      </section>,
    );
  }
  if (v.results.length > 0) {
    blocks.push(
      <section class="panel" aria-labelledby="result-heading">
        <h3 id="result-heading">{t('portal.dossier.result')}</h3>
        <ul class="links">
          {v.results.map((file) => (
            <li key={file.id}>
              <a href={`/my-dossiers/${d.code}/results/${file.id}`} download>
                {t('portal.dossier.resultDownload', { name: file.name })}
              </a>
            </li>
          ))}
        </ul>
      </section>,
    );
  }
  if (v.rating) {
    blocks.push(
      <section class="panel" aria-labelledby="rate-heading">
        <h3 id="rate-heading">{t('portal.rate.heading')}</h3>
        {'rated' in v.rating ? (
          <p>{t('portal.rate.done', { total: v.rating.rated })}</p>
        ) : (
          <>
            <p>{t('portal.rate.text')}</p>
            <p>
              <a class="button button--secondary" href={`/my-dossiers/${d.code}/rating`}>
                {t('portal.rate.link')}
              </a>
            </p>
          </>
        )}
      </section>,
    );
  }
  if (v.canWithdraw) blocks.push(<WithdrawForm ctx={ctx} v={v} />);
  return (
    <section aria-labelledby="todo-heading">
      <h2 id="todo-heading">{t('portal.dossier.todo')}</h2>
      {blocks.length === 0 ? <p>{t('portal.dossier.nothingToDo')}</p> : blocks}
    </section>
  );
}

export const myDossierPage =
  (v: MyDossierView): Page =>
  (ctx) => {
    const { t } = ctx;
    const d = v.dossier;
    const shown = d.actions.filter((a) => isPublicAction(a.action));
    return (
      <>
        <p>
          <a href="/my-dossiers">{t('portal.dossier.back')}</a>
        </p>
        <h1>{t('portal.dossier.title', { code: d.code })}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        {v.conflict && (
          <div class="error-summary" role="alert">
            <p>{t('portal.dossier.conflict', { reason: v.conflict })}</p>
          </div>
        )}
        {v.errors && <ErrorSummary ctx={ctx} errors={v.errors} />}
        <Facts>
          <Fact term={t('portal.track.status')}>
            <strong>{t(`dossiers.status.${d.status}`)}</strong>
          </Fact>
          <Fact term={t('portal.track.procedure')}>{d.procedure.name}</Fact>
          <Fact term={t('portal.dossier.case')}>{d.definition.case.name}</Fact>
          <Fact term={t('portal.track.agency')}>{v.agencyName}</Fact>
          <Fact term={t('portal.dossier.submittedAt')}>{dateTime(d.submittedAt)}</Fact>
          {d.acceptedAt && <Fact term={t('portal.track.receivedAt')}>{dateTime(d.acceptedAt)}</Fact>}
          <Fact term={t('portal.track.dueDate')}>{d.dueDate ? shortDate(d.dueDate) : t('portal.track.noDueDate')}</Fact>
          <Fact term={t('portal.dossier.delivery')}>{t(`portal.dossier.delivery.${d.delivery.method}`)}</Fact>
        </Facts>
        <ToDo ctx={ctx} v={v} />
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t('portal.dossier.documents')}</h2>
          {v.documents.length === 0 ? (
            <p>{t('portal.dossier.noDocuments')}</p>
          ) : (
            <ul class="links">
              {v.documents.map((kind) => (
                <li key={kind}>
                  <a href={`/my-dossiers/${d.code}/documents/${kind}.pdf`}>{t(`portal.dossier.document.${kind}`)}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('portal.dossier.timeline')}</h2>
          <Timeline
            ctx={ctx}
            steps={publicSteps(d.actions)}
            details={(_, i) => {
              const action = shown[i];
              return action && <StepDetails ctx={ctx} action={action} />;
            }}
          />
        </section>
        <p>
          <a href={`/help/procedures/${encodeURIComponent(d.procedure.code)}`}>{t('portal.dossier.faq')}</a>
        </p>
        <ContactBlock ctx={ctx} />
      </>
    );
  };
