import type { FieldProblem } from '../../lib/errors.ts';
import type { PageContext } from '../../web/layout.tsx';
import { duration, feeAmount, ModeBadge } from './catalog.pages.tsx';
import type { ColumnField, FormField, ProcedureDefinition } from './catalog.schema.ts';
import type { ProcedureSummary, ProcedureView } from './catalog.service.ts';
import type { ImportProblem } from './catalog.transfer.ts';

const BASE = '/admin/catalog';

function Problems({ ctx, problems }: { ctx: PageContext; problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="problems" role="alert" id="definition-problems">
      <p>{ctx.t('catalog.admin.problems')}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}:${p.messageKey}`}>
            <code>{p.path || '—'}</code>: {ctx.t(p.messageKey, p.params)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The JSON editor of a definition; problems are listed next to it, each with its dotted path. */
function Editor(props: { ctx: PageContext; action: string; text: string; problems: FieldProblem[]; button: string }) {
  const { t } = props.ctx;
  const invalid = props.problems.length > 0;
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken()} />
      <div class="form-group">
        <label for="definition">{t('catalog.admin.editor')}</label>
        <p id="definition-hint">{t('catalog.admin.editorHint')}</p>
        <Problems ctx={props.ctx} problems={props.problems} />
        <textarea
          id="definition"
          name="definition"
          class="json-editor"
          rows={30}
          spellcheck={false}
          aria-describedby={invalid ? 'definition-hint definition-problems' : 'definition-hint'}
          aria-invalid={invalid ? 'true' : undefined}
        >
          {props.text}
        </textarea>
      </div>
      <button type="submit" class="button">
        {props.button}
      </button>
    </form>
  );
}

export function AdminListPage({
  ctx,
  procedures,
  notice,
  importText = '',
  importProblems = [],
}: {
  ctx: PageContext;
  procedures: ProcedureSummary[];
  notice?: string;
  importText?: string;
  importProblems?: ImportProblem[];
}) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('catalog.admin.title')}</h1>
      {notice && (
        <p class="notice notice--success" role="status">
          {notice}
        </p>
      )}
      <p class="inline-actions">
        <a class="button" href={`${BASE}/new`}>
          {t('catalog.admin.new')}
        </a>
      </p>
      <section class="table-wrap" aria-label={t('catalog.admin.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalog.admin.code')}</th>
              <th scope="col">{t('catalog.admin.name')}</th>
              <th scope="col">{t('catalog.detail.agency')}</th>
              <th scope="col">{t('catalog.admin.status')}</th>
              <th scope="col">{t('catalog.admin.versions')}</th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((p) => (
              <tr key={p.code}>
                <td>
                  <a href={`${BASE}/${p.code}`}>{p.code}</a>
                </td>
                <td>{p.name}</td>
                <td>{p.agency.name}</td>
                <td>{t(`catalog.status.${p.status}`)}</td>
                <td>
                  {[
                    p.publishedVersion !== null && t('catalog.admin.publishedVersion', { version: p.publishedVersion }),
                    p.draftVersion !== null && t('catalog.admin.draftVersion', { version: p.draftVersion }),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>{t('catalog.admin.export')}</h2>
      <ul>
        <li>
          <a href={`${BASE}/export.json`}>{t('catalog.admin.exportJson')}</a>
        </li>
        <li>
          <a href={`${BASE}/export.csv`}>{t('catalog.admin.exportCsv')}</a>
        </li>
      </ul>
      <h2 id="import">{t('catalog.admin.import')}</h2>
      {importProblems.length > 0 && (
        <section class="problems" role="alert" aria-label={t('catalog.admin.importReport')}>
          <p>{t('catalog.import.refused', { count: importProblems.length })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalog.admin.row')}</th>
                <th scope="col">{t('catalog.admin.code')}</th>
                <th scope="col">{t('catalog.admin.path')}</th>
                <th scope="col">{t('catalog.admin.message')}</th>
              </tr>
            </thead>
            <tbody>
              {importProblems.map((p) => (
                <tr key={`${p.row}:${p.path}:${p.messageKey}`}>
                  <td>{p.row ?? '—'}</td>
                  <td>{p.code ?? '—'}</td>
                  <td>
                    <code>{p.path}</code>
                  </td>
                  <td>{t(p.messageKey, p.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {/* Multipart: the guard reads the CSRF token from the query string, before the body. */}
      <form
        method="post"
        action={`${BASE}/import?_csrf=${encodeURIComponent(ctx.csrfToken())}`}
        enctype="multipart/form-data"
      >
        <p id="import-hint">{t('catalog.admin.importHint')}</p>
        <div class="form-group">
          <label for="import-file">{t('catalog.admin.importFile')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".json,application/json"
            aria-describedby="import-hint"
          />
        </div>
        <div class="form-group">
          <label for="document">{t('catalog.admin.importPaste')}</label>
          <textarea id="document" name="document" class="json-editor" rows={10} aria-describedby="import-hint">
            {importText}
          </textarea>
        </div>
        <button type="submit" class="button">
          {t('catalog.admin.importButton')}
        </button>
      </form>
    </>
  );
}

export function AdminNewPage({ ctx, text, problems }: { ctx: PageContext; text: string; problems: FieldProblem[] }) {
  return (
    <>
      <p>
        <a href={BASE}>← {ctx.t('catalog.admin.back')}</a>
      </p>
      <h1>{ctx.t('catalog.admin.newTitle')}</h1>
      <Editor ctx={ctx} action={BASE} text={text} problems={problems} button={ctx.t('catalog.admin.create')} />
    </>
  );
}

/** A compact, structured view of one definition, to read before publishing. */
function Summary({ ctx, definition, which }: { ctx: PageContext; definition: ProcedureDefinition; which: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">{t('catalog.admin.summary', { which: t(`catalog.admin.which.${which}`) })}</h2>
      <p>
        <strong>{definition.name}</strong> <ModeBadge ctx={ctx} mode={definition.onlineMode} />
      </p>
      <dl class="facts">
        <div>
          <dt>{t('catalog.detail.agency')}</dt>
          <dd>
            {definition.agency.id} ({t(`catalog.level.${definition.agency.level}`)})
          </dd>
        </div>
        <div>
          <dt>{t('catalog.detail.field')}</dt>
          <dd>{definition.field.name}</dd>
        </div>
        <div>
          <dt>{t('catalog.detail.result')}</dt>
          <dd>{definition.result.name}</dd>
        </div>
      </dl>
      <h3>{t('catalog.admin.cases')}</h3>
      <ul>
        {definition.cases.map((c) => (
          <li key={c.code}>
            {c.name}: {duration(ctx, c.processingTime)}; {c.components.length} {t('catalog.detail.components')};{' '}
            {c.fees.length === 0
              ? t('catalog.detail.noFees')
              : c.fees.map((fee) => `${fee.name} ${feeAmount(ctx, fee)}`).join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AdminProcedurePage({
  ctx,
  view,
  text,
  problems,
  notice,
}: {
  ctx: PageContext;
  view: ProcedureView;
  text: string;
  problems: FieldProblem[];
  notice?: string | undefined;
}) {
  const { t } = ctx;
  const base = `${BASE}/${view.code}`;
  const shown = view.draft ?? view.published ?? view.versions[0];
  const which = view.draft ? 'draft' : view.published ? 'published' : 'last';
  return (
    <>
      <p>
        <a href={BASE}>← {t('catalog.admin.back')}</a>
      </p>
      <h1>{t('catalog.admin.procedure', { code: view.code })}</h1>
      {notice && (
        <p class="notice notice--success" role="status">
          {notice}
        </p>
      )}
      <p>
        {t('catalog.admin.status')}: <strong>{t(`catalog.status.${view.status}`)}</strong>
      </p>
      <div class="inline-actions">
        {view.draft && (
          <form method="post" action={`${base}/publish`}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="button">
              {t('catalog.admin.publish')}
            </button>
          </form>
        )}
        {view.published && (
          <form method="post" action={`${base}/unpublish`}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="button button--danger">
              {t('catalog.admin.unpublish')}
            </button>
          </form>
        )}
        <a class="button button--secondary" href={`${base}/preview`}>
          {t('catalog.admin.preview')}
        </a>
      </div>
      {shown && <Summary ctx={ctx} definition={shown.definition} which={which} />}
      <h2>{t('catalog.admin.editor')}</h2>
      <Editor ctx={ctx} action={`${base}/draft`} text={text} problems={problems} button={t('catalog.admin.save')} />
      <h2>{t('catalog.admin.copy')}</h2>
      <form method="post" action={`${base}/copy`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <label for="newCode">{t('catalog.admin.newCode')}</label>
        <input id="newCode" name="newCode" type="text" required placeholder="1.000000.000.00.00.H08" />
        <button type="submit" class="button button--secondary">
          {t('catalog.admin.copy')}
        </button>
      </form>
      <h2>{t('catalog.admin.history')}</h2>
      <ul>
        {view.versions.map((v) => (
          <li key={v.versionId}>
            {v.version}: {t(`catalog.versionStatus.${v.status}`)} ({v.publishedAt ?? v.updatedAt})
          </li>
        ))}
      </ul>
    </>
  );
}

function PreviewInput({ ctx, field, id }: { ctx: PageContext; field: FormField | ColumnField; id: string }) {
  switch (field.type) {
    case 'textarea':
    case 'address':
      return <textarea id={id} rows={3} disabled />;
    case 'select':
      return (
        <select id={id} disabled>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[ctx.locale]}
            </option>
          ))}
        </select>
      );
    case 'checkbox':
      return <input id={id} type="checkbox" disabled />;
    case 'number':
    case 'money':
      return <input id={id} type="number" disabled />;
    case 'date':
      return <input id={id} type="date" disabled />;
    case 'email':
      return <input id={id} type="email" disabled />;
    case 'phone':
      return <input id={id} type="tel" disabled />;
    default:
      return <input id={id} type="text" disabled />;
  }
}

/** The citizen's e-form of each case, read only, as the apply flow will show it. */
export function AdminPreviewPage({ ctx, definition }: { ctx: PageContext; definition: ProcedureDefinition }) {
  const { t, locale } = ctx;
  return (
    <>
      <p>
        <a href={`${BASE}/${definition.code}`}>← {t('catalog.admin.procedure', { code: definition.code })}</a>
      </p>
      <h1>{t('catalog.admin.previewTitle', { name: definition.name })}</h1>
      <p>{t('catalog.admin.previewHint')}</p>
      {definition.cases.map((c, ci) => (
        <section key={c.code} aria-labelledby={`case-${ci}`}>
          <h2 id={`case-${ci}`}>{t('catalog.detail.case', { name: c.name })}</h2>
          {c.form.sections.map((section) => (
            <fieldset key={section.key} class="preview-section">
              <legend>{section.title[locale]}</legend>
              {section.fields.map((field) => {
                const id = `c${ci}-${field.key}`;
                const label = (
                  <>
                    {field.label[locale]} {field.required && t('catalog.admin.required')}
                  </>
                );
                if (field.type === 'table') {
                  return (
                    <div key={field.key} class="form-group">
                      <p>
                        <strong>{label}</strong>
                      </p>
                      <table>
                        <thead>
                          <tr>
                            {field.columns.map((column) => (
                              <th key={column.key} scope="col">
                                {column.label[locale]}
                              </th>
                            ))}
                          </tr>
                        </thead>
                      </table>
                    </div>
                  );
                }
                return (
                  <div key={field.key} class="form-group">
                    <label for={id}>{label}</label>
                    {field.hint && <p>{field.hint[locale]}</p>}
                    <PreviewInput ctx={ctx} field={field} id={id} />
                  </div>
                );
              })}
            </fieldset>
          ))}
        </section>
      ))}
    </>
  );
}
