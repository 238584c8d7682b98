import type { ComponentChildren, VNode } from 'preact';
import { vietnamWallClock } from '../../lib/vn-time.ts';
import { ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ContactBlock } from './help.pages.tsx';
import { FieldRulesBlock, lookupClientRules } from './inline-validation.tsx';
import type { PublicStep, TrackedDossier } from './tracking.service.ts';

type Page = (ctx: PageContext) => VNode;

const pad = (n: number) => String(n).padStart(2, '0');

/** `27/11/2026`. */
export const shortDate = (date: string) => date.split('-').reverse().join('/');

/** `27/11/2026 14:30`, Vietnam time. */
export function dateTime(instant: string): string {
  const { date, msOfDay } = vietnamWallClock(new Date(instant));
  const minutes = Math.floor(msOfDay / 60_000);
  return `${shortDate(date)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function Facts({ children }: { children: ComponentChildren }) {
  return <dl class="facts facts--wide">{children}</dl>;
}

export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The timeline in plain words, oldest first; `details` adds what the applicant alone may read under a step. */
export function Timeline({
  ctx,
  steps,
  details,
}: {
  ctx: PageContext;
  steps: readonly PublicStep[];
  details?: (step: PublicStep, index: number) => ComponentChildren;
}) {
  return (
    <ol class="timeline-list">
      {steps.map((step, i) => (
        <li key={i}>
          <time dateTime={step.at}>{dateTime(step.at)}</time> <strong>{ctx.t(`portal.step.${step.action}`)}</strong>
          {details?.(step, i)}
        </li>
      ))}
    </ol>
  );
}

export interface TrackView {
  values: { code: string; verifier: string };
  errors: FormErrors;
  notFound?: boolean;
  found?: TrackedDossier;
  /** The citizen pages' script, which checks the form as it is filled in. */
  scriptUrl: string;
}

export const trackPage =
  (v: TrackView): Page =>
  (ctx) => {
    const { t } = ctx;
    const d = v.found;
    return (
      <>
        <h1>{t('portal.track.title')}</h1>
        <p class="lead">{t('portal.track.intro')}</p>
        <ErrorSummary ctx={ctx} errors={v.errors} />
        {v.notFound && (
          <div class="error-summary" role="alert">
            <p>{t('portal.track.notFound')}</p>
          </div>
        )}
        <PostForm ctx={ctx} action="/track">
          <Field
            ctx={ctx}
            name="code"
            label={t('portal.track.code')}
            hint={t('portal.track.codeHint')}
            value={v.values.code}
            errors={v.errors}
            autocomplete="off"
          />
          <Field
            ctx={ctx}
            name="verifier"
            label={t('portal.track.verifier')}
            hint={t('portal.track.verifierHint')}
            value={v.values.verifier}
            errors={v.errors}
            inputmode="numeric"
            autocomplete="off"
            width="short"
          />
          <button type="submit" class="button">
            {t('portal.track.submit')}
          </button>
        </PostForm>
        <FieldRulesBlock rules={lookupClientRules(ctx)} />
        <script src={v.scriptUrl} defer />
        {d && (
          <section class="panel" aria-labelledby="track-result">
            <h2 id="track-result">{t('portal.track.result', { code: d.code })}</h2>
            <Facts>
              <Fact term={t('portal.track.status')}>
                <strong>{t(`dossiers.status.${d.status}`)}</strong>
              </Fact>
              <Fact term={t('portal.track.procedure')}>{d.procedure}</Fact>
              <Fact term={t('portal.track.agency')}>{d.agency}</Fact>
              <Fact term={t('portal.track.receivedAt')}>{dateTime(d.receivedAt)}</Fact>
              <Fact term={t('portal.track.dueDate')}>
                {d.dueDate ? shortDate(d.dueDate) : t('portal.track.noDueDate')}
              </Fact>
            </Facts>
            <h3>{t('portal.track.steps')}</h3>
            <Timeline ctx={ctx} steps={d.steps} />
            <p>{t('portal.track.signInHint')}</p>
          </section>
        )}
        <ContactBlock ctx={ctx} />
      </>
    );
  };
