import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import '../shared/validation.js';
import type { AppDeps } from './context.js';
import { adminPages } from './modules/admin/admin.pages.js';
import { applicationsApiRoutes } from './modules/applications/applications.routes.js';
import { applyPages } from './modules/apply/apply.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { capacityTestsPages } from './modules/capacity-tests/capacity-tests.pages.js';
import { capacityTestsApiRoutes } from './modules/capacity-tests/capacity-tests.routes.js';
import { catalogPages } from './modules/catalog/catalog.pages.js';
import { catalogApiRoutes } from './modules/catalog/catalog.routes.js';
import { commentsPages } from './modules/comments/comments.pages.js';
import { evaluationsPages } from './modules/evaluations/evaluations.pages.js';
import { evaluationsApiRoutes } from './modules/evaluations/evaluations.routes.js';
import { feedbackPages } from './modules/feedback/feedback.pages.js';
import { feedbackApiRoutes } from './modules/feedback/feedback.routes.js';
import { open311Routes } from './modules/feedback/open311.routes.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { hotlinesPages } from './modules/hotlines/hotlines.pages.js';
import { newsPages } from './modules/news/news.pages.js';
import { paymentsPages } from './modules/payments/payments.pages.js';
import { paymentsApiRoutes } from './modules/payments/payments.routes.js';
import { builtInSimulator } from './modules/payments/simulator/built-in.js';
import { slipsRoutes } from './modules/slips/slips.routes.js';
import { staffScoresPages } from './modules/staff-scores/staff-scores.pages.js';
import { staffScoresApiRoutes } from './modules/staff-scores/staff-scores.routes.js';
import { statsDashboardPages } from './modules/stats/stats.dashboard.js';
import { statsExportRoutes } from './modules/stats/stats.export-routes.js';
import { statsPages } from './modules/stats/stats.pages.js';
import { statsApiRoutes } from './modules/stats/stats.routes.js';
import { teamsPages } from './modules/teams/teams.pages.js';
import { teamsApiRoutes } from './modules/teams/teams.routes.js';
import { unitsRoutes } from './modules/units/units.routes.js';
import { workCountsPlugin } from './modules/workbench/work-counts.plugin.js';
import { workbenchPages } from './modules/workbench/workbench.pages.js';
import { workbenchApiRoutes } from './modules/workbench/workbench.routes.js';
import { csrfPlugin } from './plugins/csrf.js';
import { errorsPlugin } from './plugins/errors.js';
import { i18nPlugin } from './plugins/i18n.js';
import { securityPlugin } from './plugins/security.js';
import { sessionPlugin } from './plugins/session.js';
import { viewsPlugin } from './plugins/views.js';
import './types.js';
import { WEB_DIR } from './views/assets.js';

export const BODY_LIMIT = 1024 * 1024;

// Personal data never reaches the logs: credentials, cookies, ID and phone numbers.
export const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.idNumber',
  '*.phone',
  '*.email',
];

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
}

/** The whole app, without listening: main.ts serves it, tests inject into it. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, redact: REDACT },
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorateRequest('isApi', false);
  app.addHook('onRequest', async (request) => {
    request.isApi = /^\/(api|open311)\//.test(request.url) || request.url.startsWith('/healthz');
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(securityPlugin);
  await app.register(i18nPlugin);
  await app.register(sessionPlugin);
  await app.register(csrfPlugin);
  await app.register(viewsPlugin);
  await app.register(errorsPlugin);
  await app.register(workCountsPlugin);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'MotCua API',
        description:
          'Public service platform: organisation, catalogue, applications. Errors: { error: { code, message, fields? } }.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await app.register(fastifyStatic, {
    root: WEB_DIR,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    decorateReply: false,
  });

  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(authRoutes);
  await app.register(unitsRoutes);
  await app.register(catalogApiRoutes);
  await app.register(catalogPages);
  await app.register(filesRoutes);
  await app.register(applicationsApiRoutes);
  await app.register(applyPages);
  await app.register(workbenchApiRoutes);
  await app.register(workbenchPages);
  await app.register(adminPages);
  await app.register(slipsRoutes);
  await app.register(calendarRoutes);
  await app.register(teamsApiRoutes);
  await app.register(teamsPages);
  await app.register(statsApiRoutes);
  await app.register(statsPages);
  await app.register(statsDashboardPages);
  await app.register(statsExportRoutes);
  await app.register(feedbackApiRoutes);
  await app.register(feedbackPages);
  // GeoReport v2 answers its own error format, also for unknown addresses under /open311.
  await app.register(open311Routes, { prefix: '/open311' });
  await app.register(newsPages);
  await app.register(commentsPages);
  await app.register(hotlinesPages);
  await app.register(evaluationsApiRoutes);
  await app.register(evaluationsPages);
  await app.register(paymentsApiRoutes);
  await app.register(paymentsPages);
  // The local payment gateway simulator (VNPAY_SIM, on by default while no real gateway is configured).
  if (deps.config.vnpay.simulator) await app.register(builtInSimulator);
  await app.register(capacityTestsApiRoutes);
  await app.register(capacityTestsPages);
  await app.register(staffScoresApiRoutes);
  await app.register(staffScoresPages);

  return app;
}
