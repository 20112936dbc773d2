// The comment form, on procedure and news pages and on its own page when it comes back with errors.
// It works without JavaScript; comment-counter.js adds the live counter.
import type { CommentLimits, TCommentTargetType } from '../../../../shared/comments/schema.js';
import { AUTHOR_NAME_MAX } from '../../../../shared/comments/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { ASSET_VERSION } from '../../../views/assets.js';
import { CsrfField, TextField } from '../../../views/components.js';
import type { PageContext } from '../../../views/page-context.js';
import { COMMENT_FORM_PATH } from './paths.js';

export interface CommentFormValues {
  authorName: string;
  body: string;
}

export const emptyCommentForm = (): CommentFormValues => ({ authorName: '', body: '' });

/** The comment box: its hint says the limits; the live counter reads them from its data attributes. */
function BodyField(props: {
  ctx: PageContext;
  value: string;
  limits: CommentLimits;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, limits } = props;
  const error = props.errors?.body;
  const describedBy = ['field-body-hint', error ? 'field-body-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="field-body">{ctx.t('comments.form.body')}</label>
      <p class="hint" id="field-body-hint">
        {ctx.t('comments.form.bodyHint', { min: limits.minChars, max: limits.maxChars })}
      </p>
      {error ? (
        <p class="error-message" id="field-body-error">
          <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span> {ctx.t(error.key, error.params)}
        </p>
      ) : null}
      <textarea
        id="field-body"
        name="body"
        rows={5}
        class="comment-body-input"
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
        data-comment-counter=""
        data-max={limits.maxChars}
        data-left={ctx.t('comments.counter.left', { max: limits.maxChars })}
        data-over={ctx.t('comments.counter.over')}
        data-locale={ctx.locale === 'vi' ? 'vi-VN' : 'en-GB'}
      >
        {/* A leading line break after <textarea> is dropped by the parser; this one keeps the value's own. */}
        {`\n${props.value}`}
      </textarea>
    </div>
  );
}

export function CommentForm(props: {
  ctx: PageContext;
  targetType: TCommentTargetType;
  targetId: string;
  limits: CommentLimits;
  values: CommentFormValues;
  errors?: FieldErrors | undefined;
  /** The form's heading level: under the page's h2 "Comments", or directly under the h1. */
  headingLevel?: 2 | 3;
}) {
  const { ctx, values, errors } = props;
  const title = ctx.t('comments.form.title');
  return (
    <>
      <form
        method="post"
        action={COMMENT_FORM_PATH}
        class="comment-form"
        novalidate
        aria-labelledby="comment-form-title"
      >
        {props.headingLevel === 2 ? (
          <h2 id="comment-form-title">{title}</h2>
        ) : (
          <h3 id="comment-form-title">{title}</h3>
        )}
        <CsrfField ctx={ctx} />
        <input type="hidden" name="targetType" value={props.targetType} />
        <input type="hidden" name="targetId" value={props.targetId} />
        {ctx.actor ? (
          <p>{ctx.t('comments.form.signedInAs', { name: ctx.actor.fullName })}</p>
        ) : (
          <TextField
            ctx={ctx}
            name="authorName"
            label={ctx.t('comments.form.authorName')}
            hint={ctx.t('comments.form.authorNameHint')}
            value={values.authorName}
            errors={errors}
            autocomplete="name"
            maxlength={AUTHOR_NAME_MAX}
          />
        )}
        <BodyField ctx={ctx} value={values.body} limits={props.limits} errors={errors} />
        <p class="hint">{ctx.t('comments.form.moderationNote')}</p>
        <button type="submit" class="button">
          {ctx.t('comments.form.submit')}
        </button>
      </form>
      <script src={`/assets/comment-counter.js?v=${ASSET_VERSION}`} defer></script>
    </>
  );
}
