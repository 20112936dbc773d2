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
import { applicationsApiRoutes } from './modules/applications/applications.routes.js';
import { applyPages } from './modules/apply/apply.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { catalogPages } from './modules/catalog/catalog.pages.js';
import { catalogApiRoutes } from './modules/catalog/catalog.routes.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { slipsRoutes } from './modules/slips/slips.routes.js';
import { teamsPages } from './modules/teams/teams.pages.js';
import { teamsApiRoutes } from './modules/teams/teams.routes.js';
import { unitsRoutes } from './modules/units/units.routes.js';
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
  await app.register(slipsRoutes);
  await app.register(calendarRoutes);
  await app.register(teamsApiRoutes);
  await app.register(teamsPages);

  return app;
}
