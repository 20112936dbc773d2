import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApplicationCodeParams } from '../../../shared/applications/schema.js';
import { AppError } from '../../../shared/errors.js';
import {
  buildApplicationSlip,
  buildGuidanceSlip,
  buildTrackingRegister,
  SLIP_KINDS,
} from './slips.service.js';

const MAX_REGISTER_DAYS = 366;
const DAY_MS = 24 * 3600_000;

export const slipsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: { actor: import('../../context.js').Actor | null; id: string }) => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/applications/:code/slips/:kind',
    {
      schema: {
        tags: ['back office'],
        summary:
          'An official slip as PDF: supplement request, refusal, apology with a new date, processing control slip',
        params: ZApplicationCodeParams.extend({ kind: z.enum(SLIP_KINDS) }),
      },
    },
    async (request, reply) => {
      const pdf = await buildApplicationSlip(deps, context(request), request.params);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${request.params.kind}-${request.params.code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/slips/guidance',
    {
      schema: {
        tags: ['back office'],
        summary: 'The guidance slip for an incomplete file handed in at the counter',
        querystring: z.object({
          procedure: z.string().min(1).max(40),
          missing: z.string().max(2000).default(''),
          name: z.string().max(150).optional(),
        }),
      },
    },
    async (request, reply) => {
      const missing = request.query.missing.split(',').filter((id) => /^[a-z0-9-]{1,40}$/.test(id));
      const pdf = await buildGuidanceSlip(deps, context(request), {
        procedureCode: request.query.procedure,
        missing,
        applicantName: request.query.name,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/registers/tracking',
    {
      schema: {
        tags: ['back office'],
        summary:
          'The tracking register (sổ theo dõi hồ sơ) of a period as XLSX; dates inclusive, at most 366 days',
        querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
      },
    },
    async (request, reply) => {
      const from = new Date(`${request.query.from}T00:00:00+07:00`);
      const to = new Date(new Date(`${request.query.to}T00:00:00+07:00`).getTime() + DAY_MS);
      if (to <= from)
        throw new AppError('VALIDATION_FAILED', { fields: { to: { key: 'validation.periodReversed' } } });
      if (to.getTime() - from.getTime() > MAX_REGISTER_DAYS * DAY_MS) {
        throw new AppError('VALIDATION_FAILED', {
          fields: { to: { key: 'validation.periodTooLong', params: { maximum: MAX_REGISTER_DAYS } } },
        });
      }
      const xlsx = await buildTrackingRegister(deps, context(request), { from, to });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="so-theo-doi-${request.query.from}-${request.query.to}.xlsx"`,
        )
        .header('cache-control', 'private, no-store')
        .send(xlsx);
    },
  );
};
