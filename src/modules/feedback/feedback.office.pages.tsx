/** The back office of feedback: the queues and an item's page with its history and the handler's commands. */
import type { VNode } from 'preact';
import { Field, type FormErrors, fieldId, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { Paragraphs, TextArea, when } from './feedback.pages.tsx';
import type { FeedbackDetail, FeedbackStatus, OfficerAction, QueueRow } from './feedback.schema.ts';
import { availableActions } from './feedback-rules.ts';

type Page = (ctx: PageContext) => VNode;

/** The queues of the back office and the statuses each holds. */
export const stages = {
  new: ['received', 'supplement_requested'],
  handling: ['accepted', 'assigned'],
  answered: ['answered'],
  closed: ['published', 'answered_private', 'refused'],
} as const satisfies Record<string, readonly FeedbackStatus[]>;
export type Stage = keyof typeof stages;
export const stageNames = Object.keys(stages) as Stage[];

export interface QueueView {
  stage: Stage;
  rows: (QueueRow & { agencyName: string | null })[];
}

export const queuePage =
  (v: QueueView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t(`feedback.office.stage.${v.stage}`)}</h1>
        <nav class="stage-nav" aria-label={t('feedback.office.queues')}>
          <ul>
            {stageNames.map((s) => (
              <li key={s}>
                <a href={`/office/feedback?stage=${s}`} aria-current={s === v.stage ? 'page' : undefined}>
                  {t(`feedback.office.stage.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {v.rows.length === 0 ? (
          <p>{t('feedback.office.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(`feedback.office.stage.${v.stage}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('feedback.field.code')}</th>
                  <th scope="col">{t('feedback.field.summary')}</th>
                  <th scope="col">{t('feedback.field.status')}</th>
                  <th scope="col">{t('feedback.field.due')}</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr key={r.code} class={r.overdue ? 'row--overdue' : undefined}>
                    <td>
                      <a href={`/office/feedback/${r.code}`}>{r.code}</a>
                    </td>
                    <td>
                      {r.summary}
                      <br />
                      <span class="muted">
                        {t(`feedback.category.${r.category}`)}
                        {r.agencyName && ` · ${r.agencyName}`}
                      </span>
                    </td>
                    <td>{t(`feedback.status.${r.status}`)}</td>
                    <td>
                      {r.dueAt ? when(r.dueAt) : '—'}{' '}
                      {r.overdue && <strong class="tag tag--danger">{t('feedback.office.overdue')}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    );
  };

export interface ItemView {
  item: FeedbackDetail;
  names: ReadonlyMap<string, string>;
  agencies: { value: string; label: string }[];
  /** The working-day limits of the steps still open in the item's status. */
  limits: { refuseBy: string | null; supplementBy: string | null };
  overdue: boolean;
  notice?: string;
  failed?: { action: OfficerAction; message: string; values: Record<string, string>; errors: FormErrors };
}

function CommandForm({
  ctx,
  v,
  action,
  children,
}: {
  ctx: PageContext;
  v: ItemView;
  action: OfficerAction;
  children?: VNode | VNode[];
}) {
  const label = ctx.t(`feedback.action.${action}`);
  return (
    <div class="command">
      <h3>{label}</h3>
      <PostForm ctx={ctx} action={`/office/feedback/${v.item.code}/actions`}>
        <input type="hidden" name="action" value={action} />
        <input type="hidden" name="version" value={String(v.item.version)} />
        {children}
        <button type="submit" class={action === 'refuse' ? 'button button--danger' : 'button'}>
          {label}
        </button>
      </PostForm>
    </div>
  );
}

function Commands({ ctx, v }: { ctx: PageContext; v: ItemView }) {
  const { t } = ctx;
  const { item } = v;
  const failedValue = (action: OfficerAction, name: string, fallback = '') =>
    v.failed?.action === action ? (v.failed.values[name] ?? fallback) : fallback;
  const errorsOf = (action: OfficerAction) => (v.failed?.action === action ? v.failed.errors : {});
  const text = (action: OfficerAction, name: string, label: string, fallback = '', rows = 4) => (
    <TextArea
      ctx={ctx}
      name={name}
      id={fieldId(`${action}-${name}`)}
      label={label}
      value={failedValue(action, name, fallback)}
      errors={errorsOf(action)}
      rows={rows}
    />
  );
  const forms: Record<OfficerAction, () => VNode> = {
    accept: () => <CommandForm ctx={ctx} v={v} action="accept" />,
    refuse: () => (
      <CommandForm ctx={ctx} v={v} action="refuse">
        {text('refuse', 'reason', t('feedback.field.refusalReason'))}
      </CommandForm>
    ),
    request_supplement: () => (
      <CommandForm ctx={ctx} v={v} action="request_supplement">
        {text('request_supplement', 'comment', t('feedback.field.supplementRequest'))}
      </CommandForm>
    ),
    receive_supplement: () => (
      <CommandForm ctx={ctx} v={v} action="receive_supplement">
        {text('receive_supplement', 'comment', t('feedback.field.supplementReceived'))}
      </CommandForm>
    ),
    assign: () => (
      <CommandForm ctx={ctx} v={v} action="assign">
        <Select
          ctx={ctx}
          name="agency"
          label={t('feedback.field.agency')}
          errors={errorsOf('assign')}
          value={failedValue('assign', 'agency')}
          options={[{ value: '', label: t('feedback.office.pickAgency') }, ...v.agencies]}
        />
      </CommandForm>
    ),
    transfer: () => (
      <CommandForm ctx={ctx} v={v} action="transfer">
        <Select
          ctx={ctx}
          name="agency"
          label={t('feedback.field.transferTo')}
          errors={errorsOf('transfer')}
          value={failedValue('transfer', 'agency')}
          options={[{ value: '', label: t('feedback.office.pickAgency') }, ...v.agencies]}
        />
        {text('transfer', 'comment', t('feedback.field.transferReason'), '', 2)}
      </CommandForm>
    ),
    answer: () => (
      <CommandForm ctx={ctx} v={v} action="answer">
        {text('answer', 'answer', t('feedback.field.answer'), item.answer ?? '', 8)}
      </CommandForm>
    ),
    edit_for_publication: () => (
      <CommandForm ctx={ctx} v={v} action="edit_for_publication">
        <p class="hint">{t('feedback.office.editHint')}</p>
        <Field
          ctx={ctx}
          name="publicSubject"
          label={t('feedback.field.publicSubject')}
          errors={errorsOf('edit_for_publication')}
          value={failedValue(
            'edit_for_publication',
            'publicSubject',
            item.publicSubject ?? (item.subject || item.summary),
          )}
        />
        {text(
          'edit_for_publication',
          'publicQuestion',
          t('feedback.field.publicQuestion'),
          item.publicQuestion ?? [item.summary, item.content].filter(Boolean).join('\n\n'),
          8,
        )}
      </CommandForm>
    ),
    publish: () =>
      item.consentPublish ? (
        <CommandForm ctx={ctx} v={v} action="publish" />
      ) : (
        <p class="muted">{t('feedback.office.noConsent')}</p>
      ),
    close_private: () => <CommandForm ctx={ctx} v={v} action="close_private" />,
    note: () => (
      <CommandForm ctx={ctx} v={v} action="note">
        {text('note', 'comment', t('feedback.field.note'), '', 2)}
      </CommandForm>
    ),
  };
  return (
    <section aria-labelledby="commands">
      <h2 id="commands">{t('feedback.office.commands')}</h2>
      {availableActions(item.status).map((action) => (
        <div key={action}>{forms[action]()}</div>
      ))}
    </section>
  );
}

export const itemPage =
  (v: ItemView): Page =>
  (ctx) => {
    const { t } = ctx;
    const { item } = v;
    const name = (id: string | null) => (id ? (v.names.get(id) ?? id) : t('feedback.office.sender'));
    return (
      <>
        <h1>{t('feedback.office.itemTitle', { code: item.code })}</h1>
        {v.failed && (
          <div class="error-summary" role="alert">
            <h2>{t('feedback.office.failed', { action: t(`feedback.action.${v.failed.action}`) })}</h2>
            <p>{v.failed.message}</p>
            {Object.values(v.failed.errors).length > 0 && (
              <ul>
                {Object.values(v.failed.errors).map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {v.notice && (
          <p class="notice notice--success" role="status">
            {v.notice}
          </p>
        )}
        <p>
          <a href="/office/feedback">{t('feedback.office.back')}</a>
        </p>
        <dl class="facts">
          <dt>{t('feedback.field.status')}</dt>
          <dd>
            <strong>{t(`feedback.status.${item.status}`)}</strong>{' '}
            {v.overdue && <strong class="tag tag--danger">{t('feedback.office.overdue')}</strong>}
          </dd>
          <dt>{t('feedback.field.category')}</dt>
          <dd>{t(`feedback.category.${item.category}`)}</dd>
          <dt>{t('feedback.field.receivedAt')}</dt>
          <dd>{when(item.receivedAt)}</dd>
          {v.limits.refuseBy && (
            <>
              <dt>{t('feedback.field.refuseBy')}</dt>
              <dd>{when(v.limits.refuseBy)}</dd>
            </>
          )}
          {v.limits.supplementBy && (
            <>
              <dt>{t('feedback.field.supplementBy')}</dt>
              <dd>{when(v.limits.supplementBy)}</dd>
            </>
          )}
          {item.answerDueAt && !item.answeredAt && (
            <>
              <dt>{t('feedback.field.answerBy')}</dt>
              <dd>{when(item.answerDueAt)}</dd>
            </>
          )}
          {item.publishDueAt && item.status === 'answered' && (
            <>
              <dt>{t('feedback.field.publishBy')}</dt>
              <dd>{when(item.publishDueAt)}</dd>
            </>
          )}
          <dt>{t('feedback.field.agency')}</dt>
          <dd>{item.assignedAgencyId ? (v.names.get(item.assignedAgencyId) ?? item.assignedAgencyId) : '—'}</dd>
          <dt>{t('feedback.field.fullName')}</dt>
          <dd>{item.fullName || '—'}</dd>
          <dt>{t('feedback.field.address')}</dt>
          <dd>{item.address}</dd>
          <dt>{t('feedback.field.phone')}</dt>
          <dd>{item.phone}</dd>
          <dt>{t('feedback.field.email')}</dt>
          <dd>{item.email ?? '—'}</dd>
          {item.relatedCode && (
            <>
              <dt>{t('feedback.field.relatedCode')}</dt>
              <dd>{item.relatedCode}</dd>
            </>
          )}
          <dt>{t('feedback.field.consentPublish')}</dt>
          <dd>{t(item.consentPublish ? 'feedback.yes' : 'feedback.no')}</dd>
          {item.satisfied !== null && (
            <>
              <dt>{t('feedback.field.satisfied')}</dt>
              <dd>{t(item.satisfied ? 'feedback.rate.yes' : 'feedback.rate.no')}</dd>
            </>
          )}
        </dl>
        <section aria-labelledby="original">
          <h2 id="original">{t('feedback.office.original')}</h2>
          {item.subject && (
            <p>
              <strong>{item.subject}</strong>
            </p>
          )}
          <Paragraphs text={item.summary} />
          {item.content && <Paragraphs text={item.content} />}
          {item.attachments.length > 0 && (
            <ul class="components">
              {item.attachments.map((f) => (
                <li key={f.id}>
                  <a href={`/office/feedback/${item.code}/files/${f.id}`}>{f.name}</a>{' '}
                  <span class="muted">({Math.ceil(f.size / 1024)} KB)</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {(item.publicSubject || item.publicQuestion) && (
          <section aria-labelledby="public-text">
            <h2 id="public-text">{t('feedback.office.publicText')}</h2>
            <p>
              <strong>{item.publicSubject}</strong>
            </p>
            <Paragraphs text={item.publicQuestion ?? ''} />
          </section>
        )}
        {item.answer && (
          <section aria-labelledby="answer">
            <h2 id="answer">{t('feedback.field.answer')}</h2>
            <Paragraphs text={item.answer} />
          </section>
        )}
        <Commands ctx={ctx} v={v} />
        <section aria-labelledby="history">
          <h2 id="history">{t('feedback.office.history')}</h2>
          <ol class="steps">
            {item.actions.map((a, i) => (
              <li key={i}>
                <strong>{t(`feedback.action.${a.action}`)}</strong> · {when(a.at)} · {name(a.actorId)}
                {a.agencyId && ` · ${v.names.get(a.agencyId) ?? a.agencyId}`}
                {a.onTime === false && <strong class="tag tag--danger"> {t('feedback.office.late')}</strong>}
                {a.comment && <Paragraphs text={a.comment} />}
              </li>
            ))}
          </ol>
        </section>
      </>
    );
  };
