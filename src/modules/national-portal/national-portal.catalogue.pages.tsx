import { formatDong } from '../../lib/money.ts';
import { PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ScrollTable } from '../../web/scroll-table.tsx';
import type { CataloguePull, Change, PullEntry, Shown } from './national-portal.catalogue.ts';

export interface CatalogueSectionView {
  pull: CataloguePull | undefined;
  /** The administrator may change the catalogue and the link is configured. */
  canPull: boolean;
}

function shown(ctx: PageContext, value: Shown | null): string {
  if (value === null) return '—';
  if ('text' in value) return value.text;
  if ('amount' in value) return formatDong(value.amount, ctx.locale);
  return ctx.t(value.key, value.params);
}

function ChangesTable({ ctx, entry, changes }: { ctx: PageContext; entry: PullEntry; changes: Change[] }) {
  const { t } = ctx;
  const label = t('nationalPortal.catalogue.changesOf', { code: entry.nationalCode });
  return (
    <ScrollTable label={label}>
      <caption class="visually-hidden">{label}</caption>
      <thead>
        <tr>
          <th scope="col">{t('nationalPortal.catalogue.what')}</th>
          <th scope="col">{t('nationalPortal.catalogue.before')}</th>
          <th scope="col">{t('nationalPortal.catalogue.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <th scope="row">{t(c.what.key, c.what.params)}</th>
            <td>{shown(ctx, c.before)}</td>
            <td>{shown(ctx, c.after)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Entry({
  ctx,
  entry,
  id,
}: {
  ctx: PageContext;
  entry: Exclude<PullEntry, { state: 'unchanged' }>;
  id: string;
}) {
  const { t } = ctx;
  const title = entry.state === 'malformed' ? entry.nationalCode : `${entry.procedureCode} — ${entry.name}`;
  return (
    <section class="pull-entry" aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      <p>
        <strong>{t(`nationalPortal.catalogue.state.${entry.state}`)}</strong>
        {(entry.state === 'new' || entry.state === 'updated') && (
          <>
            {' '}
            <a href={`/admin/catalog/${encodeURIComponent(entry.procedureCode)}`}>
              {t('nationalPortal.catalogue.review', { version: entry.draftVersion })}
              <span class="visually-hidden"> {entry.procedureCode}</span>
            </a>
          </>
        )}
      </p>
      {entry.state === 'updated' &&
        (entry.changes.length === 0 ? (
          <p>{t('nationalPortal.catalogue.noNationalChange')}</p>
        ) : (
          <ChangesTable ctx={ctx} entry={entry} changes={entry.changes} />
        ))}
      {entry.state === 'invalid' && (
        <ul>
          {entry.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path || '—'}</code>: {t(p.messageKey, p.params)}
            </li>
          ))}
        </ul>
      )}
      {entry.state === 'malformed' && <p>{entry.detail}</p>}
    </section>
  );
}

/** The catalogue sync block of `/admin/national-portal`: the button and the last pull's report. */
export function CatalogueSection({ ctx, view }: { ctx: PageContext; view: CatalogueSectionView }) {
  const { t } = ctx;
  const { pull } = view;
  const count = (state: PullEntry['state']) => pull?.entries.filter((e) => e.state === state).length ?? 0;
  const unchanged = pull?.entries.filter((e) => e.state === 'unchanged') ?? [];
  return (
    <section id="catalogue" aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">{t('nationalPortal.catalogue.title')}</h2>
      <p>{t('nationalPortal.catalogue.intro')}</p>
      {view.canPull && (
        <PostForm ctx={ctx} action="/admin/national-portal/catalogue/pull">
          <button type="submit" class="button button--secondary">
            {t('nationalPortal.catalogue.pull')}
          </button>
        </PostForm>
      )}
      {!pull ? (
        <p>{t('nationalPortal.catalogue.never')}</p>
      ) : (
        <>
          <h3>{t('nationalPortal.catalogue.last', { at: pull.finishedAt.slice(0, 19).replace('T', ' ') })}</h3>
          {pull.outcome === 'failed' ? (
            <p>{t('nationalPortal.catalogue.failed', { error: pull.error ?? '' })}</p>
          ) : (
            <p>
              {t('nationalPortal.catalogue.summary', {
                total: pull.entries.length,
                created: count('new'),
                updated: count('updated'),
                unchanged: count('unchanged'),
                refused: count('invalid') + count('malformed'),
              })}
            </p>
          )}
          {pull.entries.map((entry, i) =>
            entry.state === 'unchanged' ? null : <Entry key={i} ctx={ctx} entry={entry} id={`pull-entry-${i}`} />,
          )}
          {unchanged.length > 0 && (
            <p>
              {t('nationalPortal.catalogue.unchangedList', {
                codes: unchanged.map((e) => e.nationalCode).join(', '),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
