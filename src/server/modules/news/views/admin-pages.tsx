// Administrators' pages: every article with its state, and the form to write or change one. The
// form is multipart (it carries the image) and works without JavaScript.
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import {
  NEWS_IMAGE_ALT_MAX,
  NEWS_SUMMARY_MAX,
  NEWS_TITLE_MAX,
  type TNewsDetail,
  type TNewsSummary,
} from '../../../../shared/news/schema.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Notice, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { CheckboxField, Pagination, TextAreaField } from '../../catalog/views/parts.js';
import { MODERATION_PATH } from '../../comments/views/paths.js';
import { PublishedOn, StateTag } from './parts.js';
import {
  ADMIN_NEW_NEWS_PATH,
  ADMIN_NEWS_PATH,
  adminNewsPath,
  adminPublishPath,
  adminUnpublishPath,
  NEWS_PATH,
} from './paths.js';

export const ADMIN_NOTICES = ['created', 'updated', 'published', 'unpublished'] as const;
export type AdminNotice = (typeof ADMIN_NOTICES)[number] | undefined;

const crumbs = (ctx: PageContext, last?: { label: string }) => (
  <Breadcrumbs
    items={[
      { href: '/', label: ctx.t('nav.home') },
      { href: NEWS_PATH, label: ctx.t('news.title') },
      ...(last
        ? [{ href: ADMIN_NEWS_PATH, label: ctx.t('news.admin.breadcrumb') }, last]
        : [{ label: ctx.t('news.admin.breadcrumb') }]),
    ]}
  />
);

function NoticeOf({ ctx, notice }: { ctx: PageContext; notice: AdminNotice }) {
  if (!notice) return null;
  return (
    <Notice kind="success">
      <p>{ctx.t(`news.admin.notices.${notice}`)}</p>
    </Notice>
  );
}

export interface AdminNewsListView {
  items: TNewsSummary[];
  total: number;
  page: number;
  pages: number;
  notice: AdminNotice;
}

export function AdminNewsListPage({ ctx, view }: { ctx: PageContext; view: AdminNewsListView }) {
  return (
    <Layout ctx={ctx} title={ctx.t('news.admin.title')}>
      {crumbs(ctx)}
      <h1>{ctx.t('news.admin.title')}</h1>
      <NoticeOf ctx={ctx} notice={view.notice} />
      <p>
        <a class="button" href={ADMIN_NEW_NEWS_PATH}>
          {ctx.t('news.admin.new')}
        </a>
        <a class="button button-secondary" href={MODERATION_PATH}>
          {ctx.t('comments.moderation.title')}
        </a>
      </p>
      <p class="result-count">{ctx.t('news.admin.count', { total: formatNumber(ctx.locale, view.total) })}</p>
      {view.items.length > 0 ? (
        <div class="table-wrap">
          <table class="admin-table dense">
            <caption class="visually-hidden">{ctx.t('news.admin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('news.fields.title')}</th>
                <th scope="col">{ctx.t('news.admin.state')}</th>
                <th scope="col">{ctx.t('news.fields.publishAt')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <tr>
                  <th scope="row">
                    <a href={adminNewsPath(item.id)}>{item.title}</a>
                  </th>
                  <td>
                    <StateTag ctx={ctx} state={item.state} />
                  </td>
                  <td class="nowrap">
                    <PublishedOn ctx={ctx} at={item.publishedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{ctx.t('news.none')}</p>
      )}
      <Pagination ctx={ctx} path={ADMIN_NEWS_PATH} params={{}} page={view.page} pages={view.pages} />
    </Layout>
  );
}

export interface NewsFormValues {
  title: string;
  summary: string;
  body: string;
  imageAlt: string;
  publishAt: string;
  removeImage: boolean;
}

export const emptyNewsForm = (): NewsFormValues => ({
  title: '',
  summary: '',
  body: '',
  imageAlt: '',
  publishAt: '',
  removeImage: false,
});

/** A new article (no `article`) or an existing one, with its state and the buttons that change it. */
export function AdminNewsFormPage(props: {
  ctx: PageContext;
  article?: TNewsDetail | undefined;
  values: NewsFormValues;
  errors?: FieldErrors | undefined;
  notice?: AdminNotice;
}) {
  const { ctx, article, values, errors } = props;
  const title = article ? ctx.t('news.admin.editTitle') : ctx.t('news.admin.newTitle');
  const action = article ? adminNewsPath(article.id) : ADMIN_NEW_NEWS_PATH;
  return (
    <Layout ctx={ctx} title={title}>
      {crumbs(ctx, { label: title })}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      <NoticeOf ctx={ctx} notice={props.notice} />
      {article ? (
        <section class="news-state" aria-labelledby="state-title">
          <h2 id="state-title">{ctx.t('news.admin.state')}</h2>
          <p>
            <StateTag ctx={ctx} state={article.state} />{' '}
            {article.publishedAt ? <PublishedOn ctx={ctx} at={article.publishedAt} withTime /> : null}
          </p>
          <p>
            <a href={article.url}>
              {ctx.t(article.state === 'published' ? 'news.admin.view' : 'news.admin.preview')}
            </a>
          </p>
          <form
            method="post"
            action={article.state === 'draft' ? adminPublishPath(article.id) : adminUnpublishPath(article.id)}
          >
            <CsrfField ctx={ctx} />
            <button type="submit" class={article.state === 'draft' ? 'button' : 'button button-warning'}>
              {ctx.t(article.state === 'draft' ? 'news.admin.publish' : 'news.admin.unpublish')}
            </button>
          </form>
        </section>
      ) : null}
      {article ? <h2 id="form-title">{ctx.t('news.admin.contentTitle')}</h2> : null}
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        novalidate
        class="news-form"
        aria-labelledby={article ? 'form-title' : undefined}
      >
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="title"
          label={ctx.t('news.fields.title')}
          value={values.title}
          errors={errors}
          maxlength={NEWS_TITLE_MAX}
          autocomplete="off"
        />
        <TextAreaField
          ctx={ctx}
          name="summary"
          label={ctx.t('news.fields.summary')}
          hint={ctx.t('news.fields.summaryHint', { max: NEWS_SUMMARY_MAX })}
          value={values.summary}
          errors={errors}
          rows={3}
        />
        <TextAreaField
          ctx={ctx}
          name="body"
          label={ctx.t('news.fields.body')}
          hint={ctx.t('news.fields.bodyHint')}
          value={values.body}
          errors={errors}
          rows={14}
        />
        <fieldset class="portal-fieldset">
          <legend>{ctx.t('news.fields.imageLegend')}</legend>
          {article?.image ? (
            <figure class="news-figure news-figure-small">
              <img src={article.image.url} alt={article.image.alt} />
              <figcaption class="hint">{ctx.t('news.fields.currentImage')}</figcaption>
            </figure>
          ) : null}
          <div class={errors?.image ? 'field field-error' : 'field'}>
            <label for="field-image">
              {ctx.t(article?.image ? 'news.fields.replaceImage' : 'news.fields.image')}
            </label>
            <p class="hint" id="field-image-hint">
              {ctx.t('news.fields.imageHint')}
            </p>
            {errors?.image ? (
              <p class="error-message" id="field-image-error">
                <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
                {ctx.t(errors.image.key, errors.image.params)}
              </p>
            ) : null}
            <input
              type="file"
              id="field-image"
              name="image"
              accept="image/jpeg,image/png"
              aria-describedby={errors?.image ? 'field-image-hint field-image-error' : 'field-image-hint'}
            />
          </div>
          {article?.image ? (
            <CheckboxField
              ctx={ctx}
              name="removeImage"
              label={ctx.t('news.fields.removeImage')}
              checked={values.removeImage}
              errors={errors}
            />
          ) : null}
          <TextField
            ctx={ctx}
            name="imageAlt"
            label={ctx.t('news.fields.imageAlt')}
            hint={ctx.t('news.fields.imageAltHint')}
            value={values.imageAlt}
            errors={errors}
            maxlength={NEWS_IMAGE_ALT_MAX}
            autocomplete="off"
          />
        </fieldset>
        <TextField
          ctx={ctx}
          name="publishAt"
          type="datetime-local"
          label={ctx.t('news.fields.publishAt')}
          hint={ctx.t(article ? 'news.fields.publishAtEditHint' : 'news.fields.publishAtHint')}
          value={values.publishAt}
          errors={errors}
        />
        {article ? (
          <button type="submit" class="button">
            {ctx.t('news.admin.save')}
          </button>
        ) : (
          // The draft comes first: pressing Enter in a field submits with the first button.
          <>
            <button type="submit" name="intent" value="draft" class="button button-secondary">
              {ctx.t('news.admin.createDraft')}
            </button>
            <button type="submit" name="intent" value="publish" class="button">
              {ctx.t('news.admin.createPublished')}
            </button>
          </>
        )}
      </form>
    </Layout>
  );
}
