import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { countAppliedMigrations } from './health.repository.js';

const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  migrations: z.number().int(),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and readiness: the database answers',
        response: { 200: ZHealth },
      },
    },
    async (_request, reply) => {
      const migrations = await countAppliedMigrations(app.deps.database.db).catch(() => {
        throw new AppError('SERVICE_UNAVAILABLE');
      });
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const, database: app.deps.database.kind, migrations };
    },
  );
};
