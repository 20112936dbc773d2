// The evaluations' JSON API, documented in the OpenAPI document (/docs).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCriteriaResponse,
  ZEvaluationResponse,
  ZEvaluationSubmit,
  ZSummaryQuery,
  ZSummaryResponse,
} from '../../../shared/evaluations/schema.js';
import { presentCriterion, presentEvaluation, presentSummary } from './evaluations.presenter.js';
import {
  type EvaluationProof,
  listActiveCriteria,
  submitEvaluation,
  summarizeEvaluations,
} from './evaluations.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];

export const evaluationsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/v1/evaluations/criteria',
    {
      schema: {
        tags: ['evaluations'],
        summary: 'The criteria an evaluation answers, in the order they are asked',
        description:
          'Only active criteria. Labels are in the language of the request (Accept-Language or ?lang=).',
        response: { 200: ZCriteriaResponse },
      },
    },
    async (request) => ({
      items: (await listActiveCriteria(deps)).map((row) => presentCriterion(row, request.locale)),
    }),
  );

  app.post(
    '/api/v1/evaluations',
    {
      schema: {
        tags: ['evaluations'],
        summary: 'Evaluate a returned application (Đánh giá sự hài lòng)',
        description:
          'With the token of a single-use link (result e-mail), or with the application code and the last four digits of the applicant’s phone or ID number (as for tracking; failed guesses are rate-limited). Every active criterion gets one of the three levels; the overall level is the lowest given. One evaluation per application: 409 EVALUATION_EXISTS afterwards (also for the second of two simultaneous ones), 409 EVALUATION_NOT_OPEN before the result is returned, 404/409/410 for a forged, used or expired link.',
        body: ZEvaluationSubmit,
        response: { 201: ZEvaluationResponse },
      },
    },
    async (request, reply) => {
      const { token, code, verify, answers, comment } = request.body;
      const proof: EvaluationProof = token
        ? { kind: 'token', token }
        : { kind: 'code', code: code ?? '', verify: verify ?? '', ip: request.ip };
      const recorded = await submitEvaluation(deps, { actor: request.actor, requestId: request.id }, proof, {
        answers,
        comment,
      });
      return reply.status(201).send(presentEvaluation(recorded));
    },
  );

  app.get(
    '/api/v1/evaluations/summary',
    {
      schema: {
        tags: ['evaluations'],
        summary: 'Evaluations counted by level, per unit, per officer and per criterion (officers)',
        description:
          'Over the units the signed-in officer serves (signing leaders and administrators: and the units below them); unit narrows it to a unit and those below it (403 outside them). from and to are Vietnam days, both included. Officers are those who handled the applications (assignee at return).',
        security: SIGNED_IN,
        querystring: ZSummaryQuery,
        response: { 200: ZSummaryResponse },
      },
    },
    async (request) =>
      presentSummary(await summarizeEvaluations(deps, request.actor, request.query), request.locale),
  );
};
