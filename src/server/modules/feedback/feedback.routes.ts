// The JSON API of feedback and recommendations, documented in the OpenAPI document (/docs). The same
// service functions as the pages; attachments are sent with the web form (multipart), not here.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAccessKey,
  ZFeedbackAnswer,
  ZFeedbackClose,
  ZFeedbackCodeParams,
  ZFeedbackPublic,
  ZFeedbackPublicList,
  ZFeedbackPublicQuery,
  ZFeedbackReceipt,
  ZFeedbackSettings,
  ZFeedbackSettingsView,
  ZFeedbackStaff,
  ZFeedbackStaffList,
  ZFeedbackStaffQuery,
  ZFeedbackStanding,
  ZFeedbackSubmit,
  ZFeedbackTriage,
} from '../../../shared/feedback/schema.js';
import type { ActionContext } from '../../context.js';
import {
  presentPublic,
  presentReceipt,
  presentStaffDetail,
  presentStaffSummary,
  presentStanding,
} from './feedback.presenter.js';
import {
  answerFeedback,
  changeFeedbackSettings,
  closeFeedback,
  type FeedbackView,
  getFeedbackSettings,
  getForStaff,
  getPublished,
  listForStaff,
  listPublished,
  lookUpFeedback,
  staffViewAfterAction,
  submitFeedback,
  triageFeedback,
} from './feedback.service.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
const TAGS = ['feedback'];

export const feedbackApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  app.post(
    '/api/v1/feedback',
    {
      schema: {
        tags: TAGS,
        summary: 'Send feedback or a recommendation (anyone; contact details optional)',
        description:
          'Received with a public code (PA-yyMMdd-NNNN) and a due date in working days (10 by default). The answer carries a look-up key, shown once, which opens the feedback and its answer (GET /api/v1/feedback/{code}?key=). Staff may record feedback received at the counter or on the hotline with `channel`. At most 20 submissions per address in 10 minutes (429).',
        body: ZFeedbackSubmit,
        response: { 201: ZFeedbackReceipt },
      },
    },
    async (request, reply) => {
      const { item, accessKey } = await submitFeedback(deps, context(request), {
        values: request.body,
        channel: 'web',
        locale: request.locale,
        ip: request.ip,
      });
      return reply.status(201).send(presentReceipt(item, accessKey, request.locale));
    },
  );

  app.get(
    '/api/v1/feedback',
    {
      schema: {
        tags: TAGS,
        summary: 'Answered feedback published with its sender’s consent, newest answer first',
        querystring: ZFeedbackPublicQuery,
        response: { 200: ZFeedbackPublicList },
      },
    },
    async (request) => {
      const result = await listPublished(deps, request.query);
      return { items: result.items.map((item) => presentPublic(item, request.locale)), total: result.total };
    },
  );

  app.get(
    '/api/v1/feedback/settings',
    {
      schema: {
        tags: TAGS,
        summary: 'The time limit new feedback gets, in working days',
        response: { 200: ZFeedbackSettingsView },
      },
    },
    async () => {
      const settings = await getFeedbackSettings(deps);
      return { timeLimitDays: settings.timeLimitDays, updatedAt: settings.updatedAt.toISOString() };
    },
  );

  app.put(
    '/api/v1/feedback/settings',
    {
      schema: {
        tags: TAGS,
        summary: 'Set the time limit of new feedback (administrators)',
        security: SIGNED_IN,
        body: ZFeedbackSettings,
        response: { 200: ZFeedbackSettingsView },
      },
    },
    async (request) => {
      const settings = await changeFeedbackSettings(deps, context(request), request.body);
      return { timeLimitDays: settings.timeLimitDays, updatedAt: settings.updatedAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/feedback/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Where a feedback item stands; its texts with the sender’s key or once published',
        description:
          'A wrong key is a 400 and counts against the code and the address (429 after 10 a minute).',
        params: ZFeedbackCodeParams,
        querystring: z.object({ key: ZAccessKey }),
        response: { 200: ZFeedbackStanding },
      },
    },
    async (request) => {
      const key = request.query.key;
      const standing = await lookUpFeedback(deps, { code: request.params.code, key, ip: request.ip });
      return presentStanding(standing.item, standing.full, request.locale);
    },
  );

  app.get(
    '/api/v1/feedback/:code/published',
    {
      schema: {
        tags: TAGS,
        summary: 'A published feedback item with its answer (404 for any other)',
        params: ZFeedbackCodeParams,
        response: { 200: ZFeedbackPublic },
      },
    },
    async (request) => presentPublic(await getPublished(deps, request.params.code), request.locale),
  );

  // ---- staff -------------------------------------------------------------------------------

  app.get(
    '/api/v1/staff/feedback',
    {
      schema: {
        tags: TAGS,
        summary: 'Feedback of the units the officer serves, by queue, with the count of every queue',
        security: SIGNED_IN,
        querystring: ZFeedbackStaffQuery,
        response: { 200: ZFeedbackStaffList },
      },
    },
    async (request) => {
      const result = await listForStaff(deps, request.actor, request.query);
      return {
        queue: request.query.queue,
        items: result.items.map(({ item, progress }) => presentStaffSummary(item, progress, request.locale)),
        total: result.total,
        counts: result.counts,
      };
    },
  );

  app.get(
    '/api/v1/staff/feedback/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'One feedback item as its handlers see it, with the actions they may take now',
        description: 'Someone who does not serve the item gets 404, not 403.',
        security: SIGNED_IN,
        params: ZFeedbackCodeParams,
        response: { 200: ZFeedbackStaff },
      },
    },
    async (request) =>
      presentStaffDetail(await getForStaff(deps, request.actor, request.params.code), request.locale),
  );

  // The item right after the action, as its handler now sees it (routed elsewhere: no action left).
  const after = async (request: FastifyRequest, item: FeedbackView) =>
    presentStaffDetail(await staffViewAfterAction(deps, request.actor, item), request.locale);

  app.post(
    '/api/v1/staff/feedback/:code/triage',
    {
      schema: {
        tags: TAGS,
        summary: 'Route feedback to the responsible unit (and agency)',
        description:
          'Checked in this order: the item is one the officer serves (404), the version they saw (409), the status allows it (409), their role allows it (403), the fields (400).',
        security: SIGNED_IN,
        params: ZFeedbackCodeParams,
        body: ZFeedbackTriage,
        response: { 200: ZFeedbackStaff },
      },
    },
    async (request) => {
      return after(request, await triageFeedback(deps, context(request), request.params.code, request.body));
    },
  );

  app.post(
    '/api/v1/staff/feedback/:code/answer',
    {
      schema: {
        tags: TAGS,
        summary: 'Answer feedback, recording whether it was upheld',
        description:
          'Published when the sender agreed and `publish` is true; the answer is e-mailed to a sender who gave an address.',
        security: SIGNED_IN,
        params: ZFeedbackCodeParams,
        body: ZFeedbackAnswer,
        response: { 200: ZFeedbackStaff },
      },
    },
    async (request) => {
      return after(request, await answerFeedback(deps, context(request), request.params.code, request.body));
    },
  );

  app.post(
    '/api/v1/staff/feedback/:code/close',
    {
      schema: {
        tags: TAGS,
        summary: 'Close feedback without an answer (duplicate, not feedback), with the reason',
        security: SIGNED_IN,
        params: ZFeedbackCodeParams,
        body: ZFeedbackClose,
        response: { 200: ZFeedbackStaff },
      },
    },
    async (request) => {
      return after(request, await closeFeedback(deps, context(request), request.params.code, request.body));
    },
  );
};
