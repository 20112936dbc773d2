import type { Child } from '../jsx/jsx-runtime.js';
import { adminSectionsFor } from './admin-sections.js';
import { ASSET_VERSION } from './assets.js';
import { CsrfField } from './components.js';
import type { PageContext } from './page-context.js';

function withLang(path: string, lang: string): string {
  const [pathname = '/', query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${pathname}?${params.toString()}`;
}

/** Navigation entries; a feature adds its public entry here when it lands. */
const NAV: { href: string; key: string }[] = [
  { href: '/', key: 'nav.home' },
  { href: '/thu-tuc', key: 'nav.procedures' },
  { href: '/tin-tuc', key: 'news.nav' },
  { href: '/tra-cuu', key: 'nav.track' },
  { href: '/phan-anh-kien-nghi', key: 'feedback.nav' },
  { href: '/thong-ke', key: 'stats.dashboard.nav' },
  { href: '/don-vi', key: 'nav.units' },
  { href: '/to-cong-nghe-so', key: 'nav.teams' },
  { href: '/lich-lam-viec', key: 'nav.calendar' },
];

const isStaff = (ctx: PageContext) =>
  ctx.actor?.grants.some((g) => g.role !== 'citizen' && g.role !== 'team_member') ?? false;

/** Beside the workbench link: what waits for the officer and, in red, what is overdue. */
function WorkCounts({ ctx }: { ctx: PageContext }) {
  const counts = ctx.workCounts;
  if (!counts) return null;
  return (
    <>
      {' '}
      <span class="nav-count">
        {counts.waiting}
        <span class="visually-hidden"> {ctx.t('workbench.navWaiting')}</span>
      </span>
      {counts.overdue > 0 ? (
        <>
          {' '}
          <span class="nav-count nav-count-late">
            {counts.overdue}
            <span class="visually-hidden"> {ctx.t('workbench.navOverdue')}</span>
          </span>
        </>
      ) : null}
    </>
  );
}

/** The page shell: skip link, header with the deploying unit, navigation, main, footer with the hotline. */
export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children?: Child }) {
  const other = ctx.locale === 'vi' ? 'en' : 'vi';
  const current = ctx.path.split('?')[0];
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${ctx.siteName}`}</title>
        <link rel="stylesheet" href={`/assets/app.css?v=${ASSET_VERSION}`} />
        <link rel="icon" href="/assets/emblem.svg" type="image/svg+xml" />
        <script src={`/assets/app.js?v=${ASSET_VERSION}`} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {ctx.t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="/">
              <img src="/assets/emblem.svg" alt="" width="40" height="40" />
              <span>
                <span class="brand-kicker">{ctx.t('layout.portalName')}</span>
                <span class="brand-name">{ctx.siteName}</span>
              </span>
            </a>
            <div class="header-tools">
              <a class="lang-switch" href={withLang(ctx.path, other)} lang={other} hreflang={other}>
                {ctx.t('layout.switchLanguage')}
              </a>
              {ctx.actor ? (
                <form method="post" action="/logout" class="inline-form">
                  <CsrfField ctx={ctx} />
                  <span class="whoami">{ctx.actor.fullName}</span>{' '}
                  <button type="submit" class="link-button">
                    {ctx.t('auth.logout')}
                  </button>
                </form>
              ) : (
                <a href="/login">{ctx.t('auth.login')}</a>
              )}
            </div>
          </div>
          <nav class="site-nav" aria-label={ctx.t('layout.mainNavigation')}>
            <ul class="container">
              {[
                ...NAV,
                ...(isStaff(ctx)
                  ? [
                      { href: '/can-bo', key: 'workbench.nav' },
                      { href: '/can-bo/thong-ke', key: 'stats.dashboard.leaderNav' },
                      { href: '/can-bo/phan-anh', key: 'feedback.staff.navLink' },
                      { href: '/can-bo/kiem-tra', key: 'capacity.nav' },
                      { href: '/can-bo/cham-diem', key: 'staffScores.nav' },
                    ]
                  : []),
                ...(adminSectionsFor(ctx).length > 0 ? [{ href: '/quan-tri', key: 'admin.nav' }] : []),
              ].map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                    {ctx.t(item.key)}
                    {item.href === '/can-bo' ? <WorkCounts ctx={ctx} /> : null}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabindex="-1">
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              {ctx.t('layout.hotline')}:{' '}
              <a href={`tel:${ctx.hotline.replace(/[^\d+]/g, '')}`}>{ctx.hotline}</a> ·{' '}
              <a href="/duong-day-nong">{ctx.t('hotlines.footerLink')}</a>
            </p>
            <p>
              <a href="/phan-anh-kien-nghi/gui">{ctx.t('feedback.footerLink')}</a> ·{' '}
              <a href="/docs">{ctx.t('layout.apiDocs')}</a> · {ctx.t('layout.footerNote')}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
