import type { FieldErrors } from '../../../../shared/errors.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

/** The page shown when a page request is refused; a refused input lists what was wrong with each field. */
export function ErrorPage({
  ctx,
  status,
  message,
  fields,
}: {
  ctx: PageContext;
  status: number;
  message: string;
  fields?: FieldErrors | undefined;
}) {
  const problems = Object.values(fields ?? {});
  const titleKey =
    status === 404
      ? 'errors.page.notFoundTitle'
      : status >= 500
        ? 'errors.page.serverTitle'
        : 'errors.page.title';
  return (
    <Layout ctx={ctx} title={ctx.t(titleKey)}>
      <h1>{ctx.t(titleKey)}</h1>
      <p class="lead">{message}</p>
      {problems.length > 0 ? (
        <ul class="error-list">
          {problems.map((problem) => (
            <li>{ctx.t(problem.key, problem.params)}</li>
          ))}
        </ul>
      ) : null}
      {status === 404 ? <p>{ctx.t('errors.page.notFoundHelp')}</p> : null}
      <p>
        <a href="/">{ctx.t('errors.page.home')}</a>
      </p>
    </Layout>
  );
}
