/** The citizen's applications in progress: a small list the "My dossiers" page can show, and its own page. */
import type { VNode } from 'preact';
import { PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { shortDateTime } from '../documents/format.ts';
import type { DraftSummary } from './drafts.service.ts';

/** Procedure, last saved, expiry, and the resume and delete actions of each draft. */
export function DraftList({ ctx, drafts }: { ctx: PageContext; drafts: readonly DraftSummary[] }) {
  const { t } = ctx;
  if (drafts.length === 0) return <p>{t('portalApply.drafts.none')}</p>;
  return (
    <ul class="draft-list">
      {drafts.map((d) => (
        <li key={d.id} class="draft-list__item">
          <h2 class="heading-small">{d.procedureName}</h2>
          <dl class="facts">
            <div>
              <dt>{t('portalApply.drafts.saved')}</dt>
              <dd>{shortDateTime(d.updatedAt)}</dd>
            </div>
            <div>
              <dt>{t('portalApply.drafts.expires')}</dt>
              <dd>{shortDateTime(d.expiresAt)}</dd>
            </div>
          </dl>
          <p>
            <a class="button" href={`/apply/resume/${d.id}`}>
              {t('portalApply.drafts.resume')}
              <span class="visually-hidden"> {d.procedureName}</span>
            </a>
          </p>
          <PostForm ctx={ctx} action={`/my-dossiers/drafts/${d.id}/delete`}>
            <button type="submit" class="button button--secondary">
              {t('portalApply.drafts.delete')}
              <span class="visually-hidden"> {d.procedureName}</span>
            </button>
          </PostForm>
        </li>
      ))}
    </ul>
  );
}

export const draftsPage =
  (drafts: readonly DraftSummary[], deleted: boolean): ((ctx: PageContext) => VNode) =>
  (ctx) => (
    <div class="narrow">
      <h1>{ctx.t('portalApply.drafts.title')}</h1>
      {deleted && (
        <p class="notice" role="status">
          {ctx.t('portalApply.drafts.deleted')}
        </p>
      )}
      <DraftList ctx={ctx} drafts={drafts} />
    </div>
  );
