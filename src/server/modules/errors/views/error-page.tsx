import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
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
      {status === 404 ? <p>{ctx.t('errors.page.notFoundHelp')}</p> : null}
      <p>
        <a href="/">{ctx.t('errors.page.home')}</a>
      </p>
    </Layout>
  );
}
