// The staff scores' JSON API, documented in the OpenAPI document (/docs): the method, a unit's scores
// for a period, one officer's score with its inputs, the review and the sign-off.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZMethod,
  ZMethodInput,
  ZMethodQuery,
  ZOfficerParams,
  ZOfficerScore,
  ZReviewInput,
  ZScoresQuery,
  ZSignInput,
  ZUnitScores,
} from '../../../shared/staff-scores/schema.js';
import type { ActionContext } from '../../context.js';
import { presentMethod, presentOfficerScore, presentUnitScores } from './staff-scores.presenter.js';
import {
  getMethod,
  officerScore,
  reviewScore,
  setMethod,
  signScore,
  unitScores,
} from './staff-scores.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
const TAGS = ['staff-scores'];

export const staffScoresApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.get(
    '/api/v1/staff-scores',
    {
      schema: {
        tags: TAGS,
        summary:
          'Scores of a unit’s officers for a month, quarter or year, with the unit’s average and level',
        description:
          'Leaders see the officers they cover (unit heads naming an agency: that agency’s; signing leaders and administrators: the unit’s, also of units below theirs); any other officer gets their own score only. Scores not yet signed are computed from the current data at each request; signed ones show what was stored at sign-off. Levels follow Decree 90/2020/NĐ-CP; thresholds come from the unit’s method.',
        security: SIGNED_IN,
        querystring: ZScoresQuery,
        response: { 200: ZUnitScores },
      },
    },
    async (request) =>
      presentUnitScores(await unitScores(deps, request.actor, request.query), request.locale),
  );

  app.get(
    '/api/v1/staff-scores/method',
    {
      schema: {
        tags: TAGS,
        summary: 'The scoring method of a unit (its own, inherited from a unit above, or the default)',
        security: SIGNED_IN,
        querystring: ZMethodQuery,
        response: { 200: ZMethod },
      },
    },
    async (request) => presentMethod(await getMethod(deps, request.actor, request.query.unit)),
  );

  app.put(
    '/api/v1/staff-scores/method',
    {
      schema: {
        tags: TAGS,
        summary: 'Set a unit’s scoring method (signing leaders and administrators)',
        description:
          'Weights in whole percent summing to 100 (400 otherwise); thresholds with excellent > good > completed > 0. Signed scores keep the method they were signed with.',
        security: SIGNED_IN,
        body: ZMethodInput,
        response: { 200: ZMethod },
      },
    },
    async (request) => presentMethod(await setMethod(deps, context(request), request.body)),
  );

  app.get(
    '/api/v1/staff-scores/officers/:username',
    {
      schema: {
        tags: TAGS,
        summary: 'One officer’s score with every figure it is computed from',
        security: SIGNED_IN,
        params: ZOfficerParams,
        querystring: ZScoresQuery,
        response: { 200: ZOfficerScore },
      },
    },
    async (request) => {
      const { score } = await officerScore(deps, request.actor, request.params.username, request.query);
      return presentOfficerScore(score, request.locale);
    },
  );

  app.post(
    '/api/v1/staff-scores/officers/:username/review',
    {
      schema: {
        tags: TAGS,
        summary: 'Record the leader’s assessment (0-100) and note; repeatable until signed',
        description: 'Unit heads (of the officer’s agency) and signing leaders; never one’s own score (403).',
        security: SIGNED_IN,
        params: ZOfficerParams,
        body: ZReviewInput,
        response: { 200: ZOfficerScore },
      },
    },
    async (request) => {
      await reviewScore(deps, context(request), request.params.username, request.body);
      const { score } = await officerScore(deps, request.actor, request.params.username, request.body);
      return presentOfficerScore(score, request.locale);
    },
  );

  app.post(
    '/api/v1/staff-scores/officers/:username/sign',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign the score off: stored with its method and inputs, then frozen',
        description:
          '409 STAFF_SCORE_PERIOD_OPEN before the period ends, STAFF_SCORE_INCOMPLETE without the leader’s assessment (when it weighs anything), STAFF_SCORE_SIGNED once signed.',
        security: SIGNED_IN,
        params: ZOfficerParams,
        body: ZSignInput,
        response: { 200: ZOfficerScore },
      },
    },
    async (request) => {
      await signScore(deps, context(request), request.params.username, request.body);
      const { score } = await officerScore(deps, request.actor, request.params.username, request.body);
      return presentOfficerScore(score, request.locale);
    },
  );
};
