import type { VNode } from 'preact';
import { ErrorSummary, type FormErrors, fieldId, PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import { ContactBlock } from './help.pages.tsx';
import { criterionPoints, RATING_MAX, ratingCriteria, satisfactionAnswers } from './rating.criteria.ts';
import { COMMENT_MAX } from './rating.service.ts';

type Page = (ctx: PageContext) => VNode;

export interface RatingView {
  code: string;
  values: Record<string, string>;
  errors: FormErrors;
  /** Why the dossier cannot be rated (no result yet, rated already): shown instead of the form. */
  refusal?: string;
}

/**
 * One group of radio buttons: the first button carries the field's id, so the error summary's link lands on it; the
 * legend names the question and the error is tied to the group.
 */
function Choice({
  ctx,
  name,
  legend,
  options,
  v,
}: {
  ctx: PageContext;
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  v: RatingView;
}) {
  const id = fieldId(name);
  const error = v.errors[name];
  return (
    <fieldset
      class={`form-group${error ? ' form-group--error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <p id={`${id}-error`} class="error-message">
          <span class="visually-hidden">{ctx.t('form.errorPrefix')}</span> {error}
        </p>
      )}
      <ul class="checkboxes">
        {options.map((option, i) => {
          const optionId = i === 0 ? id : `${id}-${option.value}`;
          return (
            <li key={option.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={v.values[name] === option.value}
              />
              <label for={optionId}>{option.label}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export const ratingPage =
  (v: RatingView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <p>
          <a href={`/my-dossiers/${v.code}`}>{t('portal.dossier.title', { code: v.code })}</a>
        </p>
        <h1>{t('portal.rating.title', { code: v.code })}</h1>
        {v.refusal ? (
          <div class="error-summary" role="alert">
            <p>{v.refusal}</p>
          </div>
        ) : (
          <RatingForm ctx={ctx} v={v} />
        )}
        <ContactBlock ctx={ctx} />
      </>
    );
  };

function RatingForm({ ctx, v }: { ctx: PageContext; v: RatingView }) {
  const { t } = ctx;
  const commentId = fieldId('comment');
  const answers = satisfactionAnswers.map((a) => ({ value: a, label: t(`portal.rating.answer.${a}`) }));
  return (
    <>
      <p>{t('portal.rating.intro', { max: RATING_MAX })}</p>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <PostForm ctx={ctx} action={`/my-dossiers/${v.code}/rating`}>
        <h2>{t('portal.rating.criteria')}</h2>
        {ratingCriteria.map((key, i) => (
          <Choice
            key={key}
            ctx={ctx}
            name={`criterion.${key}`}
            legend={`${i + 1}. ${t(`portal.rating.criterion.${key}`)}`}
            options={criterionPoints.map((points) => ({
              value: String(points),
              label: `${t(`portal.rating.criterion.${key}.${points}`)} (${t('portal.rating.points', { points })})`,
            }))}
            v={v}
          />
        ))}
        <h2>{t('portal.rating.overallQuestions')}</h2>
        <Choice ctx={ctx} name="convenience" legend={t('portal.rating.convenience')} options={answers} v={v} />
        <Choice ctx={ctx} name="overall" legend={t('portal.rating.overall')} options={answers} v={v} />
        <div class={`form-group${v.errors.comment ? ' form-group--error' : ''}`}>
          <label for={commentId}>{t('portal.rating.comment')}</label>
          {v.errors.comment && (
            <p id={`${commentId}-error`} class="error-message">
              <span class="visually-hidden">{t('form.errorPrefix')}</span> {v.errors.comment}
            </p>
          )}
          <textarea
            id={commentId}
            name="comment"
            rows={4}
            maxLength={COMMENT_MAX}
            aria-describedby={v.errors.comment ? `${commentId}-error` : undefined}
            aria-invalid={v.errors.comment ? 'true' : undefined}
          >
            {v.values.comment ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          {t('portal.rating.submit')}
        </button>
      </PostForm>
    </>
  );
}
