import type { CommentLimits, TCommentTargetType } from '../../../../shared/comments/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { Breadcrumbs, ErrorSummary, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { CommentForm, type CommentFormValues } from './comment-form.js';

export interface CommentFormPageView {
  target: { type: TCommentTargetType; key: string; title: string; path: string };
  limits: CommentLimits;
  values: CommentFormValues;
  errors?: FieldErrors | undefined;
  /** A refusal that is no field's fault (too many comments): said above the form. */
  problem?: string | undefined;
}

/** /binh-luan: the comment form on its own page, when it comes back with something to correct. */
export function CommentFormPage({ ctx, view }: { ctx: PageContext; view: CommentFormPageView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('comments.form.pageTitle')}>
      <Breadcrumbs
        items={[
          { href: '/', label: ctx.t('nav.home') },
          { href: view.target.path, label: view.target.title },
          { label: ctx.t('comments.form.pageTitle') },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={view.errors} />
      {view.problem ? (
        <Notice kind="warning">
          <p>{view.problem}</p>
        </Notice>
      ) : null}
      <p class="kicker">{ctx.t(`comments.targets.${view.target.type}`)}</p>
      <h1>{view.target.title}</h1>
      <CommentForm
        ctx={ctx}
        targetType={view.target.type}
        targetId={view.target.key}
        limits={view.limits}
        values={view.values}
        errors={view.errors}
        headingLevel={2}
      />
      <p>
        <a href={view.target.path}>{ctx.t('comments.form.back')}</a>
      </p>
    </Layout>
  );
}
