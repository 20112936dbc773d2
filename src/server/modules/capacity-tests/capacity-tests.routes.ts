// The capacity tests' JSON API under /api/v1/capacity-tests, documented in the OpenAPI document (/docs):
// banks and questions (with XLSX import and export), campaigns, attempts and answers, results.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_IMPORT_BYTES,
  ZAnswerInput,
  ZAnswerParams,
  ZAttempt,
  ZAttemptParams,
  ZAttemptResult,
  ZBankCreate,
  ZBankDetail,
  ZBankParams,
  ZBankSummary,
  ZCampaign,
  ZCampaignInput,
  ZCampaignParams,
  ZCampaignReport,
  ZCampaignUpdate,
  ZGrantInput,
  ZImportReport,
  ZQuestion,
  ZQuestionInput,
  ZQuestionParams,
  ZSavedAnswer,
} from '../../../shared/capacity/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { ActionContext } from '../../context.js';
import {
  presentAttempt,
  presentBank,
  presentCampaign,
  presentQuestion,
  presentReport,
  presentResult,
  presentResultsWorkbook,
} from './capacity-tests.presenter.js';
import {
  addQuestion,
  campaignReport,
  createBank,
  createCampaign,
  editCampaign,
  editQuestion,
  exportQuestions,
  getAttempt,
  getAttemptResult,
  getBank,
  getCampaign,
  grantAttempt,
  importQuestions,
  listBanksFor,
  listCampaignsFor,
  publishCampaign,
  saveAnswer,
  startAttempt,
  submitAttempt,
} from './capacity-tests.service.js';
import { resultsToXlsx } from './capacity-tests.xlsx.js';

const SIGNED_IN: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
const TAGS = ['capacity-tests'];
const BASE = '/api/v1/capacity-tests';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const capacityTestsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  // ----------------------------------------------------------------------------------------------
  // Banks and questions
  // ----------------------------------------------------------------------------------------------

  app.get(
    `${BASE}/banks`,
    {
      schema: {
        tags: TAGS,
        summary: 'Question banks the caller manages (administrators and unit heads)',
        security: SIGNED_IN,
        response: { 200: z.object({ items: z.array(ZBankSummary) }) },
      },
    },
    async (request) => ({ items: (await listBanksFor(deps, request.actor)).map(presentBank) }),
  );

  app.post(
    `${BASE}/banks`,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a question bank on one topic',
        security: SIGNED_IN,
        body: ZBankCreate,
        response: { 201: ZBankSummary },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentBank(await createBank(deps, context(request), request.body))),
  );

  app.get(
    `${BASE}/banks/:bank`,
    {
      schema: {
        tags: TAGS,
        summary: 'A bank with its questions, right answers and explanations (its managers)',
        security: SIGNED_IN,
        params: ZBankParams,
        response: { 200: ZBankDetail },
      },
    },
    async (request) => {
      const { bank, questions } = await getBank(deps, request.actor, request.params.bank);
      return { ...presentBank(bank), items: questions.map(presentQuestion) };
    },
  );

  app.post(
    `${BASE}/banks/:bank/questions`,
    {
      schema: {
        tags: TAGS,
        summary: 'Add a question (single or multiple choice, with its explanation)',
        description:
          'Single choice: exactly one correct option; multiple choice: one or more. 2-6 options. A question whose text is already in the bank is refused (400).',
        security: SIGNED_IN,
        params: ZBankParams,
        body: ZQuestionInput,
        response: { 201: ZQuestion },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentQuestion(await addQuestion(deps, context(request), request.params.bank, request.body))),
  );

  app.put(
    `${BASE}/banks/:bank/questions/:question`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change a question (or deactivate it: active false); attempts already drawn keep their copy',
        description: 'expectedVersion (query) refuses the change with 409 when someone changed it since.',
        security: SIGNED_IN,
        params: ZQuestionParams,
        querystring: z.object({ expectedVersion: z.coerce.number().int().min(1).max(1_000_000).optional() }),
        body: ZQuestionInput,
        response: { 200: ZQuestion },
      },
    },
    async (request) =>
      presentQuestion(
        await editQuestion(
          deps,
          context(request),
          request.params.bank,
          request.params.question,
          request.body,
          request.query.expectedVersion,
        ),
      ),
  );

  app.get(
    `${BASE}/banks/:bank/export`,
    {
      schema: {
        tags: TAGS,
        summary: 'The bank as an XLSX workbook (sheet "questions"), which the import reads back unchanged',
        security: SIGNED_IN,
        params: ZBankParams,
      },
    },
    async (request, reply) => {
      const { bank, bytes } = await exportQuestions(deps, request.actor, request.params.bank);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="ngan-hang-${bank.code}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.post(
    `${BASE}/banks/:bank/import`,
    {
      schema: {
        tags: TAGS,
        summary: 'Import questions from an XLSX workbook (multipart, field "file"): all or nothing',
        description:
          'Columns: code, kind, question, option_a … option_f, correct (letters: "b" or "a, c"), explanation, active. A file with any bad row (missing answer, answer that is not an option, duplicate code or question, question already in the bank under another code) imports nothing: 400 CAPACITY_IMPORT_REJECTED with one field per problem, named rows.<row>.<column>. Rows whose code exists update that question.',
        consumes: ['multipart/form-data'],
        security: SIGNED_IN,
        params: ZBankParams,
        response: { 200: ZImportReport },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const part = await request.file().catch(() => undefined);
      if (!part)
        throw new AppError('VALIDATION_FAILED', { fields: { file: { key: 'validation.required' } } });
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
        throw new AppError('BAD_REQUEST');
      });
      const result = await importQuestions(deps, context(request), request.params.bank, bytes);
      return {
        created: result.created.length,
        updated: result.updated.length,
        unchanged: result.unchanged.length,
      };
    },
  );

  // ----------------------------------------------------------------------------------------------
  // Campaigns
  // ----------------------------------------------------------------------------------------------

  app.get(
    `${BASE}/campaigns`,
    {
      schema: {
        tags: TAGS,
        summary: 'Campaigns the caller must take, and those of the units they manage or lead',
        security: SIGNED_IN,
        response: { 200: z.object({ mine: z.array(ZCampaign), overseen: z.array(ZCampaign) }) },
      },
    },
    async (request) => {
      const { mine, overseen } = await listCampaignsFor(deps, request.actor);
      return { mine: mine.map(presentCampaign), overseen: overseen.map(presentCampaign) };
    },
  );

  app.post(
    `${BASE}/campaigns`,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a campaign (a draft until published)',
        description:
          'Questions are drawn from the active questions of the banks of the organising unit and the units above it, per topic. The audience units must lie within the organising unit.',
        security: SIGNED_IN,
        body: ZCampaignInput,
        response: { 201: ZCampaign },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentCampaign(await createCampaign(deps, context(request), request.body))),
  );

  app.get(
    `${BASE}/campaigns/:campaign`,
    {
      schema: {
        tags: TAGS,
        summary: 'A campaign (its managers and leaders; its candidates once published)',
        security: SIGNED_IN,
        params: ZCampaignParams,
        response: { 200: ZCampaign },
      },
    },
    async (request) => presentCampaign(await getCampaign(deps, request.actor, request.params.campaign)),
  );

  app.put(
    `${BASE}/campaigns/:campaign`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change a draft campaign (409 once published)',
        security: SIGNED_IN,
        params: ZCampaignParams,
        body: ZCampaignUpdate,
        response: { 200: ZCampaign },
      },
    },
    async (request) =>
      presentCampaign(await editCampaign(deps, context(request), request.params.campaign, request.body)),
  );

  app.post(
    `${BASE}/campaigns/:campaign/publish`,
    {
      schema: {
        tags: TAGS,
        summary: 'Publish a draft: fixes the list of candidates',
        description:
          'Refused (400) when the banks hold too few active questions for a topic, the campaign has already closed, or nobody holds the roles in the units.',
        security: SIGNED_IN,
        params: ZCampaignParams,
        response: { 200: ZCampaign },
      },
    },
    async (request) =>
      presentCampaign(await publishCampaign(deps, context(request), request.params.campaign)),
  );

  app.post(
    `${BASE}/campaigns/:campaign/grants`,
    {
      schema: {
        tags: TAGS,
        summary: 'Allow a candidate one more attempt (administrators; the reason is audited)',
        security: SIGNED_IN,
        params: ZCampaignParams,
        body: ZGrantInput,
        response: { 200: z.object({ allowed: z.number().int(), used: z.number().int() }) },
      },
    },
    async (request) => grantAttempt(deps, context(request), request.params.campaign, request.body),
  );

  app.get(
    `${BASE}/campaigns/:campaign/results`,
    {
      schema: {
        tags: TAGS,
        summary: 'Results: every candidate, by unit (agency) and by topic (managers and leaders)',
        description: 'The attempt that counts is each candidate’s latest submitted one.',
        security: SIGNED_IN,
        params: ZCampaignParams,
        response: { 200: ZCampaignReport },
      },
    },
    async (request) =>
      presentReport(await campaignReport(deps, context(request), request.params.campaign), request.locale),
  );

  app.get(
    `${BASE}/campaigns/:campaign/results/export`,
    {
      schema: {
        tags: TAGS,
        summary: 'The results as an XLSX workbook: candidates, units, topics',
        security: SIGNED_IN,
        params: ZCampaignParams,
      },
    },
    async (request, reply) => {
      const report = await campaignReport(deps, context(request), request.params.campaign);
      const { data, labels } = presentResultsWorkbook(report, request.t.bind(request), request.locale);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="ket-qua-${report.view.campaign.code}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(await resultsToXlsx(data, labels));
    },
  );

  // ----------------------------------------------------------------------------------------------
  // Attempts
  // ----------------------------------------------------------------------------------------------

  app.post(
    `${BASE}/campaigns/:campaign/attempts`,
    {
      schema: {
        tags: TAGS,
        summary: 'Start an attempt (201), or get the one in progress (200)',
        description:
          'The questions and the order of their options are drawn now and kept. The deadline is the earlier of the start plus the duration and the campaign’s close. 409 before it opens or after it closes, and once the allowed attempts are used.',
        security: SIGNED_IN,
        params: ZCampaignParams,
        response: { 200: ZAttempt, 201: ZAttempt },
      },
    },
    async (request, reply) => {
      const { attempt, created } = await startAttempt(deps, context(request), request.params.campaign);
      const view = await getAttempt(deps, context(request), attempt.id);
      return reply.status(created ? 201 : 200).send(presentAttempt(view));
    },
  );

  app.get(
    `${BASE}/attempts/:attempt`,
    {
      schema: {
        tags: TAGS,
        summary:
          'The caller’s attempt: questions, options, saved answers, seconds left by the server’s clock',
        security: SIGNED_IN,
        params: ZAttemptParams,
        response: { 200: ZAttempt },
      },
    },
    async (request) => presentAttempt(await getAttempt(deps, context(request), request.params.attempt)),
  );

  app.put(
    `${BASE}/attempts/:attempt/answers/:position`,
    {
      schema: {
        tags: TAGS,
        summary: 'Save the answer to one question (replaces the previous one)',
        description:
          'Idempotent. 409 CAPACITY_TIME_UP at or after the deadline (the attempt is then submitted), 409 CAPACITY_ATTEMPT_SUBMITTED after submission, 404 CAPACITY_QUESTION_NOT_DRAWN for a position not in the attempt, 400 for options the question does not have or several for a single-choice question.',
        security: SIGNED_IN,
        params: ZAnswerParams,
        body: ZAnswerInput,
        response: { 200: ZSavedAnswer },
      },
    },
    async (request) => {
      const saved = await saveAnswer(
        deps,
        context(request),
        request.params.attempt,
        request.params.position,
        request.body.selected,
      );
      return { ...saved, savedAt: saved.savedAt.toISOString() };
    },
  );

  app.post(
    `${BASE}/attempts/:attempt/submit`,
    {
      schema: {
        tags: TAGS,
        summary: 'Hand in the attempt: it is scored at once',
        security: SIGNED_IN,
        params: ZAttemptParams,
        response: { 200: ZAttemptResult },
      },
    },
    async (request) => {
      await submitAttempt(deps, context(request), request.params.attempt);
      return presentResult(await getAttemptResult(deps, context(request), request.params.attempt));
    },
  );

  app.get(
    `${BASE}/attempts/:attempt/result`,
    {
      schema: {
        tags: TAGS,
        summary:
          'The result of the caller’s submitted attempt; the right answers once the campaign has closed',
        security: SIGNED_IN,
        params: ZAttemptParams,
        response: { 200: ZAttemptResult },
      },
    },
    async (request) => presentResult(await getAttemptResult(deps, context(request), request.params.attempt)),
  );
};
