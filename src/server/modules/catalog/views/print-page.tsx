import { formatDate } from '../../../../shared/i18n/index.js';
import { ASSET_VERSION } from '../../../views/assets.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ProcedurePageView } from '../catalog.presenter.js';
import { procedurePath } from './parts.js';
import { CompletenessNotices, HowToApply, ProcedureBody } from './procedure-page.js';

/**
 * /thu-tuc/:code/in: the procedure laid out for an A4 sheet handed over at the counter. No site
 * navigation; the address of the online page is printed so the reader can find it again.
 */
export function PrintPage(props: {
  ctx: PageContext;
  view: ProcedurePageView;
  baseUrl: string;
  printedAt: Date;
}) {
  const { ctx, view } = props;
  const r = view.record;
  const onlineUrl = `${props.baseUrl}${procedurePath(r.code)}`;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/assets/emblem.svg" type="image/svg+xml" />
        <title>{`${r.code} – ${r.name} – ${ctx.siteName}`}</title>
        <link rel="stylesheet" href={`/assets/app.css?v=${ASSET_VERSION}`} />
      </head>
      <body class="print-page">
        <main id="main" class="print-sheet">
          <div class="print-toolbar">
            <a href={procedurePath(r.code)}>‹ {ctx.t('catalog.print.back')}</a>
            <p class="hint">{ctx.t('catalog.print.hint')}</p>
          </div>
          <header class="print-header">
            <p class="print-issuer">{ctx.siteName}</p>
            <p class="print-kicker">{ctx.t('catalog.print.heading')}</p>
          </header>
          <h1>{r.name}</h1>
          <CompletenessNotices ctx={ctx} record={r} />
          <ProcedureBody ctx={ctx} view={view} print={true} />
          <HowToApply ctx={ctx} record={r} print={true} baseUrl={props.baseUrl} />
          <footer class="print-footer">
            <p>{ctx.t('catalog.print.printedOn', { date: formatDate(props.printedAt), url: onlineUrl })}</p>
            <p>
              {ctx.t('layout.hotline')}: {ctx.hotline}
            </p>
          </footer>
        </main>
      </body>
    </html>
  );
}
