import type { ComponentChildren, VNode } from 'preact';
import { formatDong, formatNumber } from '../../lib/money.ts';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { ErrorSummary, Field, type FormErrors, fieldId, PostForm, Select } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { FormField } from '../catalog/catalog.schema.ts';
import type { AddressValue, FormValue } from '../catalog/form-values.ts';
import type { DocumentKind } from './dossier-documents.ts';
import type { DossierCommand, DossierDetail, QueuePage as Queue, QueueStage } from './dossiers.schema.ts';
import { queueStages } from './dossiers.schema.ts';

type Page = (ctx: PageContext) => VNode;
type CommandName = DossierCommand['action'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `27/11/2026 14:30`, Vietnam time. */
function dateTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const minutes = Math.floor(msOfDay / 60_000);
  return `${date.split('-').reverse().join('/')} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

const dateOnly = (date: string) => date.split('-').reverse().join('/');

export const stageNames = Object.keys(queueStages) as QueueStage[];

/** Links to every queue; the current one marked. */
function StageNav({ ctx, current }: { ctx: PageContext; current?: QueueStage }) {
  return (
    <nav aria-labelledby="stages-heading" class="stage-nav">
      <h2 id="stages-heading" class="visually-hidden">
        {ctx.t('office.queue.stages')}
      </h2>
      <ul class="links">
        {stageNames.map((stage) => (
          <li key={stage}>
            <a href={`/office/queues/${stage}`} aria-current={stage === current ? 'page' : undefined}>
              {ctx.t(`office.stage.${stage}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The queue links for the back-office landing page. */
export function OfficeLinks({ ctx, intake }: { ctx: PageContext; intake: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="office-dossiers">
      <h2 id="office-dossiers">{t('office.nav.heading')}</h2>
      <ul class="links">
        {stageNames.map((stage) => (
          <li key={stage}>
            <a href={`/office/queues/${stage}`}>{t(`office.stage.${stage}`)}</a>
          </li>
        ))}
        {intake && (
          <li>
            <a href="/office/intake/new">{t('office.nav.intake')}</a>
          </li>
        )}
        <li>
          <a href="/office/register">{t('office.nav.register')}</a>
        </li>
        <li>
          <a href="/office/reports">{t('statistics.report.officeTitle')}</a>
        </li>
      </ul>
    </section>
  );
}

function DueTags({ ctx, item }: { ctx: PageContext; item: { overdue: boolean; dueSoon: boolean; paused: boolean } }) {
  const { t } = ctx;
  return (
    <>
      {item.overdue && <strong class="tag tag--danger">{t('office.queue.overdue')}</strong>}
      {item.dueSoon && <strong class="tag tag--warn">{t('office.queue.dueSoon')}</strong>}
      {item.paused && <span class="tag">{t('office.queue.paused')}</span>}
    </>
  );
}

export interface QueueView {
  stage: QueueStage;
  queue: Queue;
  search: string;
  hasAgencies: boolean;
  /** Processors the officer may hand the selected dossiers to; absent where the stage has no bulk assignment. */
  bulkAssignees?: { id: string; name: string }[];
}

/** Stages whose dossiers may be assigned to a processor (accepted or in processing). */
export const bulkAssignStages = ['received', 'processing'] as const satisfies readonly QueueStage[];

/** Rows on a queue page unless the officer asks for more (`?limit=`, up to 100). */
export const QUEUE_PAGE_SIZE = 20;

export const queuePage =
  (v: QueueView): Page =>
  (ctx) => {
    const { t } = ctx;
    // Past the count cap the number of pages is unknown: the pager shows the page number and a next link.
    const pages = v.queue.more ? undefined : Math.max(1, Math.ceil(v.queue.total / v.queue.limit));
    const href = (page: number) => {
      const query = new URLSearchParams({
        ...(v.search && { q: v.search }),
        ...(v.queue.limit !== QUEUE_PAGE_SIZE && { limit: String(v.queue.limit) }),
        page: String(page),
      });
      return `/office/queues/${v.stage}?${query}`;
    };
    return (
      <>
        <h1>{t(`office.stage.${v.stage}`)}</h1>
        <StageNav ctx={ctx} current={v.stage} />
        <search>
          <form method="get" action={`/office/queues/${v.stage}`} class="search-form">
            <label for="queue-q">{t('office.queue.search')}</label>
            <div class="search-form__row">
              <input id="queue-q" name="q" type="search" value={v.search} autocomplete="off" />
              <button type="submit" class="button">
                {t('office.queue.searchButton')}
              </button>
            </div>
          </form>
        </search>
        {!v.hasAgencies ? (
          <p>{t('office.queue.noAgencies')}</p>
        ) : v.queue.items.length === 0 ? (
          <p>{t('office.queue.empty')}</p>
        ) : (
          <>
            <p class="result-count">
              {t(v.queue.more ? 'office.queue.countAtLeast' : 'office.queue.count', {
                total: formatNumber(v.queue.total, ctx.locale),
              })}
            </p>
            {v.bulkAssignees ? (
              <PostForm ctx={ctx} action={`/office/queues/${v.stage}/assign`} class="bulk-assign">
                <QueueTable ctx={ctx} queue={v.queue} selectable />
                <BulkAssignControls ctx={ctx} assignees={v.bulkAssignees} />
              </PostForm>
            ) : (
              <QueueTable ctx={ctx} queue={v.queue} />
            )}
            {(pages === undefined || pages > 1) && (
              <nav class="pager" aria-label={t('office.pager.label')}>
                {v.queue.page > 1 && <a href={href(v.queue.page - 1)}>{t('office.pager.previous')}</a>}
                <span>
                  {pages === undefined
                    ? t('office.pager.pageOnly', { page: v.queue.page })
                    : t('office.pager.page', { page: v.queue.page, pages })}
                </span>
                {(pages === undefined || v.queue.page < pages) && (
                  <a href={href(v.queue.page + 1)}>{t('office.pager.next')}</a>
                )}
              </nav>
            )}
          </>
        )}
      </>
    );
  };

/** The rows of a queue page; with `selectable`, a checkbox per dossier carrying its code and version. */
function QueueTable({ ctx, queue, selectable }: { ctx: PageContext; queue: Queue; selectable?: boolean }) {
  const { t } = ctx;
  return (
    <ScrollTable label={t('office.queue.caption')} class="queue">
      <caption class="visually-hidden">{t('office.queue.caption')}</caption>
      <thead>
        <tr>
          {selectable && (
            <th scope="col">
              <span class="visually-hidden">{t('office.bulkAssign.select')}</span>
            </th>
          )}
          <th scope="col">{t('office.queue.code')}</th>
          <th scope="col">{t('office.queue.procedure')}</th>
          <th scope="col">{t('office.queue.applicant')}</th>
          <th scope="col">{t('office.queue.submittedAt')}</th>
          <th scope="col">{t('office.queue.due')}</th>
        </tr>
      </thead>
      <tbody>
        {queue.items.map((item) => (
          <tr key={item.code} class={item.overdue ? 'row--overdue' : item.dueSoon ? 'row--soon' : undefined}>
            {selectable && (
              <td>
                <input
                  type="checkbox"
                  name="dossier"
                  value={`${item.code}@${item.version}`}
                  aria-label={t('office.bulkAssign.selectOne', { code: item.code })}
                />
              </td>
            )}
            <td>
              <a href={`/office/dossiers/${item.code}`}>{item.code}</a>
              <div class="muted">{t(`office.queue.channel.${item.channel}`)}</div>
            </td>
            <td>{item.procedureName}</td>
            <td>{item.applicantName}</td>
            <td>{dateTime(item.submittedAt)}</td>
            <td>
              {item.dueAt ? dateTime(item.dueAt) : t('office.queue.noDue')} <DueTags ctx={ctx} item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The processor to hand the selected dossiers to, and the button; no script needed (one form post). */
function BulkAssignControls({ ctx, assignees }: { ctx: PageContext; assignees: { id: string; name: string }[] }) {
  const { t } = ctx;
  return (
    <fieldset class="bulk-assign__controls">
      <legend>{t('office.bulkAssign.legend')}</legend>
      <Select
        ctx={ctx}
        name="assigneeId"
        label={t('office.bulkAssign.assignee')}
        errors={{}}
        options={[
          { value: '', label: t('office.bulkAssign.choose') },
          ...assignees.map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <button type="submit" class="button">
        {t('office.bulkAssign.submit')}
      </button>
    </fieldset>
  );
}

type BulkAssignOutcome = 'assigned' | 'stale' | 'refused' | 'notAllowed' | 'notFound';

export interface BulkAssignView {
  stage: QueueStage;
  assigneeName: string;
  results: { code: string; outcome: BulkAssignOutcome; reason?: string }[];
  /** Why nothing was tried (no dossier or no processor chosen). */
  problem?: string;
}

/** What became of each selected dossier. */
export const bulkAssignResultPage =
  (v: BulkAssignView): Page =>
  (ctx) => {
    const { t } = ctx;
    const assigned = v.results.filter((r) => r.outcome === 'assigned').length;
    return (
      <>
        <h1>{t('office.bulkAssign.title')}</h1>
        {v.problem ? (
          <div class="error-summary" role="alert">
            <p>{v.problem}</p>
          </div>
        ) : (
          <>
            <p class="notice" role="status">
              {t('office.bulkAssign.summary', { assigned, total: v.results.length, assignee: v.assigneeName })}
            </p>
            <ScrollTable label={t('office.bulkAssign.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('office.queue.code')}</th>
                  <th scope="col">{t('office.bulkAssign.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {v.results.map((r) => (
                  <tr key={r.code}>
                    <td>
                      <a href={`/office/dossiers/${r.code}`}>{r.code}</a>
                    </td>
                    <td>
                      {t(`office.bulkAssign.outcome.${r.outcome}`)}
                      {r.reason && <div class="muted">{r.reason}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </>
        )}
        <p>
          <a href={`/office/queues/${v.stage}`}>
            {t('office.bulkAssign.back', { stage: t(`office.stage.${v.stage}`) })}
          </a>
        </p>
      </>
    );
  };

// ---------------------------------------------------------------------------------------------------------------
// The dossier page

export interface DossierPageView {
  dossier: DossierDetail;
  /** Agency names by identifier, people's names by user id. */
  agencyName(identifier: string): string;
  userName(id: string): string;
  files: ReadonlyMap<string, { name: string; size: number }>;
  remaining: { overdue: boolean; workingDays: number; hours: number; minutes: number } | null;
  commands: CommandName[];
  documents: DocumentKind[];
  /** Officers who may be assigned (processors where the dossier is), for assign and forward. */
  assignees: { id: string; name: string }[];
  maxFileMb: number;
  /** `?_csrf=…` for the multipart action forms (a multipart body is read after the guard). */
  csrfQuery: string;
  notice?: string;
  conflict?: string;
  /** The form that failed, with its errors and the values sent. */
  failed?: { command: CommandName; errors: FormErrors; values: Record<string, string> };
  /** Sections other areas add after the timeline (the postal journey). */
  sections?: Page[];
}

function Facts({ children }: { children: ComponentChildren }) {
  return <dl class="facts facts--wide">{children}</dl>;
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function label(ctx: PageContext, text: { vi: string; en: string }) {
  return ctx.locale === 'en' ? text.en : text.vi;
}

function fieldValue(ctx: PageContext, field: FormField, value: FormValue): ComponentChildren {
  if (field.type === 'table' && Array.isArray(value)) {
    return (
      <ScrollTable label={label(ctx, field.label)} class="nested">
        <thead>
          <tr>
            {field.columns.map((c) => (
              <th key={c.key} scope="col">
                {label(ctx, c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {value.map((row, i) => (
            <tr key={i}>
              {field.columns.map((c) => (
                <td key={c.key}>{row[c.key] === undefined ? '' : scalar(ctx, c, row[c.key] as FormValue)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    );
  }
  return scalar(ctx, field, value);
}

function scalar(ctx: PageContext, field: Pick<FormField, 'type'> & Partial<FormField>, value: FormValue): string {
  if (typeof value === 'object' && !Array.isArray(value)) {
    const address = value as AddressValue;
    return [address.detail, address.commune, address.province].join(', ');
  }
  switch (field.type) {
    case 'checkbox':
      return ctx.t(value === true ? 'office.yes' : 'office.no');
    case 'money':
      return formatDong(Number(value), ctx.locale);
    case 'date':
      return dateOnly(String(value));
    case 'select': {
      const option = (field as Extract<FormField, { type: 'select' }>).options.find((o) => o.value === value);
      return option ? label(ctx, option.label) : String(value);
    }
    default:
      return String(value);
  }
}

function who(ctx: PageContext, v: DossierPageView, action: DossierDetail['actions'][number]): string {
  if (action.role === 'applicant') return `${v.dossier.applicant.name} (${ctx.t('office.role.applicant')})`;
  if (action.role === 'system') return `${action.actorId} (${ctx.t('office.role.system')})`;
  const agency = action.agencyId ? ` – ${v.agencyName(action.agencyId)}` : '';
  return `${v.userName(action.actorId)} (${ctx.t(`identity.role.${action.role}`)}${agency})`;
}

function Remaining({ ctx, remaining }: { ctx: PageContext; remaining: NonNullable<DossierPageView['remaining']> }) {
  const params = { days: remaining.workingDays, hours: remaining.hours, minutes: remaining.minutes };
  if (!remaining.overdue) return <>{ctx.t('office.dossier.remainingValue', params)}</>;
  return <strong class="tag tag--danger">{ctx.t('office.dossier.overdueBy', params)}</strong>;
}

export const dossierPage =
  (v: DossierPageView): Page =>
  (ctx) => {
    const { t } = ctx;
    const d = v.dossier;
    const { definition } = d;
    const filesOf = new Map(d.components.map((c) => [c.code, c.fileIds]));
    return (
      <>
        <p>
          <a href="/office/queues/awaitingIntake">{t('office.dossier.back')}</a>
        </p>
        <h1>{t('office.dossier.title', { code: d.code })}</h1>
        {v.notice && (
          <div class="notice notice--success" role="status">
            {v.notice}
          </div>
        )}
        {v.conflict && (
          <div class="error-summary" role="alert">
            <p>{t('office.dossier.conflict', { reason: v.conflict })}</p>
            <p>
              <a href={`/office/dossiers/${d.code}`}>{t('office.dossier.reload')}</a>
            </p>
          </div>
        )}
        {v.failed && <ErrorSummary ctx={ctx} errors={v.failed.errors} />}
        <Facts>
          <Fact term={t('office.dossier.status')}>
            <strong>{t(`dossiers.status.${d.status}`)}</strong>
          </Fact>
          <Fact term={t('office.dossier.procedure')}>{d.procedure.name}</Fact>
          <Fact term={t('office.dossier.case')}>{definition.case.name}</Fact>
          <Fact term={t('office.dossier.channel')}>{t(`office.queue.channel.${d.channel}`)}</Fact>
          <Fact term={t('office.dossier.receivingAgency')}>{v.agencyName(d.receivingAgencyId)}</Fact>
          <Fact term={t('office.dossier.currentAgency')}>{v.agencyName(d.currentAgencyId)}</Fact>
          <Fact term={t('office.dossier.step')}>{d.currentStep.name}</Fact>
          {d.assigneeId && <Fact term={t('office.dossier.assignee')}>{v.userName(d.assigneeId)}</Fact>}
          <Fact term={t('office.dossier.submittedAt')}>{dateTime(d.submittedAt)}</Fact>
          {d.acceptedAt && <Fact term={t('office.dossier.acceptedAt')}>{dateTime(d.acceptedAt)}</Fact>}
          <Fact term={t('office.dossier.dueAt')}>{d.dueAt ? dateTime(d.dueAt) : t('office.queue.noDue')}</Fact>
          {d.pausedAt ? (
            <Fact term={t('office.dossier.remaining')}>{t('office.dossier.paused')}</Fact>
          ) : (
            v.remaining && (
              <Fact term={t('office.dossier.remaining')}>
                <Remaining ctx={ctx} remaining={v.remaining} />
              </Fact>
            )
          )}
          <Fact term={t('office.dossier.delivery')}>
            {d.delivery.method === 'postal'
              ? t('office.dossier.delivery.postal', { address: d.delivery.address })
              : t(`office.dossier.delivery.${d.delivery.method}`)}
          </Fact>
        </Facts>

        <section aria-labelledby="actions-heading" class="panel">
          <h2 id="actions-heading">{t('office.dossier.actions')}</h2>
          {v.commands.length === 0 ? (
            <p>{t('office.dossier.noActions')}</p>
          ) : (
            v.commands.map((command) => <CommandForm key={command} ctx={ctx} v={v} command={command} />)
          )}
        </section>

        {v.documents.length > 0 && (
          <section aria-labelledby="print-heading">
            <h2 id="print-heading">{t('office.dossier.print')}</h2>
            <ul class="links">
              {v.documents.map((kind) => (
                <li key={kind}>
                  <a href={`/office/dossiers/${d.code}/documents/${kind}.pdf`}>{t(`office.print.${kind}`)}</a>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="applicant-heading">
          <h2 id="applicant-heading">{t('office.dossier.applicant')}</h2>
          <Facts>
            <Fact term={t('office.dossier.applicantName')}>{d.applicant.name}</Fact>
            <Fact term={t('office.dossier.idNumber')}>{d.applicant.idNumber}</Fact>
            {d.applicant.phone && <Fact term={t('office.dossier.phone')}>{d.applicant.phone}</Fact>}
            {d.applicant.email && <Fact term={t('office.dossier.email')}>{d.applicant.email}</Fact>}
            {d.applicant.address && <Fact term={t('office.dossier.address')}>{d.applicant.address}</Fact>}
            {d.onBehalf && (
              <Fact term={t('office.dossier.onBehalf')}>
                {d.onBehalf.name} ({d.onBehalf.idNumber})
              </Fact>
            )}
          </Facts>
        </section>

        <section aria-labelledby="form-heading">
          <h2 id="form-heading">{t('office.dossier.form')}</h2>
          {definition.case.form.sections.map((section) => {
            const fields = section.fields.filter((f) => d.form[f.key] !== undefined);
            if (fields.length === 0) return null;
            return (
              <div key={section.key}>
                <h3>{label(ctx, section.title)}</h3>
                <Facts>
                  {fields.map((field) => (
                    <Fact key={field.key} term={label(ctx, field.label)}>
                      {fieldValue(ctx, field, d.form[field.key] as FormValue)}
                    </Fact>
                  ))}
                </Facts>
              </div>
            );
          })}
        </section>

        <section aria-labelledby="components-heading">
          <h2 id="components-heading">{t('office.dossier.components')}</h2>
          <ul class="components">
            {definition.case.components.map((component) => {
              const ids = filesOf.get(component.code) ?? [];
              return (
                <li key={component.code}>
                  {component.name} {component.mandatory && <span class="muted">{t('office.dossier.mandatory')}</span>}
                  {ids.length === 0 ? (
                    <div class="muted">{t('office.dossier.noFiles')}</div>
                  ) : (
                    <ul>
                      {ids.map((id) => (
                        <li key={id}>
                          <a href={`/office/dossiers/${d.code}/files/${id}`}>{v.files.get(id)?.name ?? id}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('office.dossier.timeline')}</h2>
          <ScrollTable label={t('office.dossier.timeline')} class="timeline">
            <caption class="visually-hidden">{t('office.dossier.timeline')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.dossier.when')}</th>
                <th scope="col">{t('office.dossier.action')}</th>
                <th scope="col">{t('office.dossier.who')}</th>
                <th scope="col">{t('office.dossier.change')}</th>
                <th scope="col">{t('office.dossier.note')}</th>
              </tr>
            </thead>
            <tbody>
              {d.actions.map((action) => (
                <tr key={action.id}>
                  <td>{dateTime(action.at)}</td>
                  <td>{t(`dossiers.action.${action.action}`)}</td>
                  <td>{who(ctx, v, action)}</td>
                  <td>
                    {t(`dossiers.status.${action.newStatus}`)}
                    {action.newDueAt && action.newDueAt !== action.oldDueAt && (
                      <div class="muted">{t('office.dossier.dueChanged', { due: dateTime(action.newDueAt) })}</div>
                    )}
                  </td>
                  <td>
                    {action.comment}
                    {Array.isArray(action.data?.missing) && (
                      <ul>
                        {(action.data.missing as string[]).map((item) => (
                          <li key={item}>{item}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
        {v.sections?.map((section) => section(ctx))}
      </>
    );
  };

/** Commands that carry a file, posted as multipart with the CSRF token in the query string. */
const multipartCommands: ReadonlySet<CommandName> = new Set(['receive_supplement', 'resolve']);

function CommandForm({ ctx, v, command }: { ctx: PageContext; v: DossierPageView; command: CommandName }) {
  const { t } = ctx;
  const d = v.dossier;
  const failed = v.failed?.command === command ? v.failed : undefined;
  const errors = failed?.errors ?? {};
  const value = (name: string) => failed?.values[`${command}.${name}`] ?? '';
  const name = (field: string) => `${command}.${field}`;
  const headingId = `cmd-${command}`;
  const textArea = (field: string, labelKey: string, hint?: string) => {
    const id = fieldId(name(field));
    const error = errors[name(field)];
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <div class={`form-group${error ? ' form-group--error' : ''}`}>
        <label for={id}>{t(labelKey)}</label>
        {hint && (
          <div id={`${id}-hint`} class="hint">
            {hint}
          </div>
        )}
        {error && (
          <p id={`${id}-error`} class="error-message">
            <span class="visually-hidden">{t('form.errorPrefix')}</span> {error}
          </p>
        )}
        <textarea
          id={id}
          name={name(field)}
          rows={3}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {value(field)}
        </textarea>
      </div>
    );
  };
  const fileInput = (field: string, labelKey: string) => {
    const id = fieldId(name(field));
    const error = errors[name(field)];
    return (
      <div class={`form-group${error ? ' form-group--error' : ''}`}>
        <label for={id}>{t(labelKey)}</label>
        <div id={`${id}-hint`} class="hint">
          {t('office.field.fileHint', { limit: v.maxFileMb })}
        </div>
        {error && (
          <p id={`${id}-error`} class="error-message">
            <span class="visually-hidden">{t('form.errorPrefix')}</span> {error}
          </p>
        )}
        <input id={id} name={name(field)} type="file" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
      </div>
    );
  };
  const assigneeSelect = (keep: boolean) => (
    <Select
      ctx={ctx}
      name={name('assigneeId')}
      label={t('office.field.assignee')}
      errors={errors}
      value={value('assigneeId')}
      options={[
        { value: '', label: t(keep ? 'office.field.assigneeKeep' : 'office.field.assigneePick') },
        ...v.assignees.map((a) => ({ value: a.id, label: a.name })),
      ]}
    />
  );
  const fields: Record<CommandName, () => ComponentChildren> = {
    accept: () => textArea('comment', 'office.field.comment'),
    refuse: () => textArea('reason', 'office.field.reason'),
    request_supplement: () => (
      <>
        {textArea('missing', 'office.field.missing', t('office.field.missingHint'))}
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    receive_supplement: () => (
      <>
        <Select
          ctx={ctx}
          name={name('component')}
          label={t('office.field.component')}
          errors={errors}
          value={value('component')}
          options={d.definition.case.components.map((c) => ({ value: c.code, label: c.name }))}
        />
        {fileInput('file', 'office.field.supplementFile')}
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    assign: () => (
      <>
        {assigneeSelect(false)}
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    forward: () => (
      <>
        {assigneeSelect(true)}
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    send_back: () => textArea('reason', 'office.field.reason'),
    approve: () => textArea('comment', 'office.field.comment'),
    request_payment: () => (
      <>
        <Field
          ctx={ctx}
          name={name('amount')}
          label={t('office.field.amount')}
          errors={errors}
          value={value('amount')}
          inputmode="numeric"
          width="short"
        />
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    confirm_payment: () => (
      <>
        <Field
          ctx={ctx}
          name={name('amount')}
          label={t('office.field.amount')}
          errors={errors}
          value={value('amount')}
          inputmode="numeric"
          width="short"
        />
        <Select
          ctx={ctx}
          name={name('method')}
          label={t('office.field.paymentMethod')}
          errors={errors}
          value={value('method')}
          options={(['cash', 'pos', 'transfer', 'online'] as const).map((m) => ({
            value: m,
            label: t(`office.field.payment.${m}`),
          }))}
        />
        <Field
          ctx={ctx}
          name={name('reference')}
          label={t('office.field.reference')}
          errors={errors}
          value={value('reference')}
        />
      </>
    ),
    stop: () => textArea('reason', 'office.field.reason'),
    withdraw: () => textArea('reason', 'office.field.reason'),
    extend_with_apology: () => (
      <>
        <Field
          ctx={ctx}
          name={name('newDueDate')}
          type="date"
          label={t('office.field.newDueDate')}
          errors={errors}
          value={value('newDueDate')}
          width="short"
        />
        {textArea('reason', 'office.field.reason')}
      </>
    ),
    resolve: () => (
      <>
        {fileInput('file', 'office.field.resultFile')}
        {textArea('comment', 'office.field.comment')}
      </>
    ),
    return_result: () => (
      <>
        <Select
          ctx={ctx}
          name={name('method')}
          label={t('office.field.returnMethod')}
          errors={errors}
          value={value('method') || d.delivery.method}
          options={(['counter', 'postal', 'electronic'] as const).map((m) => ({
            value: m,
            label: m === 'postal' ? t('office.queue.channel.3') : t(`office.dossier.delivery.${m}`),
          }))}
        />
        <Field
          ctx={ctx}
          name={name('postalItemCode')}
          label={t('office.field.postalItemCode')}
          errors={errors}
          value={value('postalItemCode')}
        />
      </>
    ),
  };
  const multipart = multipartCommands.has(command);
  return (
    <section class="command" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`dossiers.action.${command}`)}</h3>
      <form
        method="post"
        action={`/office/dossiers/${d.code}/actions${multipart ? v.csrfQuery : ''}`}
        enctype={multipart ? 'multipart/form-data' : undefined}
        noValidate
      >
        {!multipart && <input type="hidden" name="_csrf" value={ctx.csrfToken()} />}
        <input type="hidden" name="action" value={command} />
        <input type="hidden" name="expectedVersion" value={String(d.version)} />
        {fields[command]()}
        <button type="submit" class={`button${command === 'refuse' || command === 'stop' ? ' button--danger' : ''}`}>
          {t(`dossiers.action.${command}`)}
        </button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The register

export interface RegisterView {
  agencies: { identifier: string; name: string }[];
  values: { agency: string; from: string; to: string };
  errors: FormErrors;
}

export const registerPage =
  (v: RegisterView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <div class="narrow">
        <h1>{t('office.register.title')}</h1>
        <p class="lead">{t('office.register.lead')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        <form method="get" action="/office/register/download" noValidate>
          <Select
            ctx={ctx}
            name="agency"
            label={t('office.register.agency')}
            errors={v.errors}
            value={v.values.agency}
            options={v.agencies.map((a) => ({ value: a.identifier, label: `${a.name} (${a.identifier})` }))}
          />
          <Field
            ctx={ctx}
            name="from"
            type="date"
            label={t('office.register.from')}
            errors={v.errors}
            value={v.values.from}
            width="short"
          />
          <Field
            ctx={ctx}
            name="to"
            type="date"
            label={t('office.register.to')}
            errors={v.errors}
            value={v.values.to}
            width="short"
          />
          <div class="inline-actions">
            <button type="submit" name="format" value="pdf" class="button">
              {t('office.register.pdf')}
            </button>
            <button type="submit" name="format" value="xlsx" class="button button--secondary">
              {t('office.register.xlsx')}
            </button>
          </div>
        </form>
      </div>
    );
  };
