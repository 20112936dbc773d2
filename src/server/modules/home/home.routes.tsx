import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HOME_NEWS_COUNT } from '../../../shared/news/schema.js';
import { presentNewsSummary } from '../news/news.presenter.js';
import { latestNews } from '../news/news.service.js';
import { getHomeSummary } from './home.service.js';
import { HomePage } from './views/home-page.js';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const summary = await getHomeSummary(app.deps, request.actor);
    const vi = request.locale === 'vi';
    const view = {
      homeName: summary.home ? (vi ? summary.home.fullName : summary.home.fullNameEn) : null,
      homeCode: summary.home?.code ?? null,
      roles: summary.roles.map((r) => ({
        role: r.role,
        unitName: r.unit ? (vi ? r.unit.fullName : r.unit.fullNameEn) : null,
      })),
    };
    const now = app.deps.clock.now();
    const news = (await latestNews(app.deps, HOME_NEWS_COUNT)).map((row) => presentNewsSummary(row, now));
    return reply.page((ctx) => <HomePage ctx={ctx} view={view} news={news} />);
  });
};
