// The evaluation form the link page and the kiosk page share: one group of three large choices per
// criterion, then an optional comment. Plain radio buttons inside their labels: no JavaScript needed.
import type { FieldErrors } from '../../../../shared/errors.js';
import { COMMENT_MAX, EVALUATION_LEVELS } from '../../../../shared/evaluations/schema.js';
import { CsrfField } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';

export interface FormCriterion {
  code: string;
  label: string;
}

export interface EvaluationFormValues {
  answers: Record<string, string>;
  comment: string;
}

export const emptyValues = (): EvaluationFormValues => ({ answers: {}, comment: '' });

const answerField = (code: string) => `answers.${code}`;

export function EvaluationForm(props: {
  ctx: PageContext;
  action: string;
  criteria: FormCriterion[];
  values: EvaluationFormValues;
  errors?: FieldErrors | undefined;
  kiosk?: boolean;
}) {
  const { ctx, criteria, values, errors } = props;
  const commentError = errors?.comment;
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      class={props.kiosk ? 'evaluation-form evaluation-kiosk' : 'evaluation-form'}
    >
      <CsrfField ctx={ctx} />
      {criteria.map((criterion, index) => {
        const name = answerField(criterion.code);
        const error = errors?.[name];
        const errorId = `field-${name}-error`;
        return (
          <fieldset
            class={error ? 'evaluation-criterion field-error' : 'evaluation-criterion'}
            aria-describedby={error ? errorId : undefined}
          >
            <legend>
              <span class="evaluation-number">{`${index + 1}. `}</span>
              {criterion.label}
            </legend>
            {error ? (
              <p class="error-message" id={errorId}>
                <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
                {ctx.t(error.key, error.params)}
              </p>
            ) : null}
            <div class="level-options">
              {EVALUATION_LEVELS.map((level, i) => (
                <label class={`level-option level-${level}`}>
                  <input
                    type="radio"
                    name={name}
                    value={level}
                    // The first choice carries the field's id: the error summary links to it.
                    id={i === 0 ? `field-${name}` : `field-${name}-${level}`}
                    checked={values.answers[criterion.code] === level}
                    required
                  />
                  <span>{ctx.t(`evaluations.levels.${level}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div class={commentError ? 'field field-wide field-error' : 'field field-wide'}>
        <label for="field-comment">
          {ctx.t('evaluations.form.comment')}{' '}
          <span class="optional">({ctx.t('evaluations.form.optional')})</span>
        </label>
        <p class="hint" id="field-comment-hint">
          {ctx.t('evaluations.form.commentHint', { max: COMMENT_MAX })}
        </p>
        {commentError ? (
          <p class="error-message" id="field-comment-error">
            <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
            {ctx.t(commentError.key, commentError.params)}
          </p>
        ) : null}
        <textarea
          id="field-comment"
          name="comment"
          rows={props.kiosk ? 3 : 4}
          maxlength={COMMENT_MAX}
          aria-describedby={commentError ? 'field-comment-hint field-comment-error' : 'field-comment-hint'}
          aria-invalid={commentError ? 'true' : undefined}
        >
          {values.comment}
        </textarea>
      </div>
      <button type="submit" class={props.kiosk ? 'button button-large' : 'button'}>
        {ctx.t('evaluations.form.submit')}
      </button>
    </form>
  );
}
