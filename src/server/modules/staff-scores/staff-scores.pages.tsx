// The staff-score pages: /can-bo/cham-diem (a unit's scores for a period), one officer's score with
// its review and sign-off forms, and the unit's method. Staff only; leaders see the officers they
// cover, every other officer their own score.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { ZMethodInput, ZReviewInput, ZScoresQuery, ZSignInput } from '../../../shared/staff-scores/schema.js';
import { CRITERIA, type Criterion, previousMonth } from '../../../shared/staff-scores/scoring.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext, Actor } from '../../context.js';
import {
  type EffectiveMethod,
  getMethod,
  mayConfigureMethod,
  officerScore,
  reviewScore,
  setMethod,
  signScore,
  unitScores,
} from './staff-scores.service.js';
import { METHOD_PATH, methodPath, officerPath, SCORES_PATH } from './views/paths.js';
import {
  MethodPage,
  type MethodValues,
  OfficerScorePage,
  type ReviewValues,
  ScoresPage,
} from './views/scores-pages.js';

const STAFF = new Set(['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator']);
const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC') : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const num = (value: string): number | undefined => {
  const raw = value.trim().replace(',', '.');
  return raw === '' ? undefined : Number(raw);
};

/** Problems a review or a sign-off explains on the officer's page, with their status. */
const EXPLAINED = new Set([
  'STAFF_SCORE_SIGNED',
  'STAFF_SCORE_PERIOD_OPEN',
  'STAFF_SCORE_INCOMPLETE',
  'STAFF_SCORE_OWN',
  'VERSION_CONFLICT',
]);

const methodValues = (method: EffectiveMethod): MethodValues => ({
  weights: Object.fromEntries(CRITERIA.map((c) => [c, String(method.method.weights[c])])) as Record<
    Criterion,
    string
  >,
  excellent: String(method.method.thresholds.excellent),
  good: String(method.method.thresholds.good),
  completed: String(method.method.thresholds.completed),
  upheldPenalty: String(method.method.upheldPenalty),
});

export const staffScoresPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | null => {
    if (!request.actor) {
      void reply.redirect(`/login?next=${encodeURIComponent(request.url.slice(0, 500))}`, 303);
      return null;
    }
    if (!request.actor.grants.some((g) => STAFF.has(g.role))) throw new AppError('FORBIDDEN');
    return request.actor;
  };

  /** The unit and period of a query or form, checked (the previous month by default). */
  const scoresQuery = (source: Record<string, unknown>) => {
    const unit = text(source.unit).trim().slice(0, 30);
    const period = text(source.period).trim().slice(0, 10) || previousMonth(vietnamDate(deps.clock.now()));
    const parsed = parseWith(ZScoresQuery, { ...(unit ? { unit } : {}), period });
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    return parsed.value;
  };

  app.get(SCORES_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const scores = await unitScores(deps, actor, scoresQuery(record(request.query)));
    return reply.page((ctx) => <ScoresPage ctx={ctx} scores={scores} />);
  });

  const renderMethod = async (
    request: FastifyRequest,
    reply: FastifyReply,
    unit: string | undefined,
    options: { values?: MethodValues; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) => {
    const method = await getMethod(deps, request.actor, unit);
    const mayConfigure = await mayConfigureMethod(deps, request.actor, unit);
    return reply.page(
      (ctx) => (
        <MethodPage
          ctx={ctx}
          method={method}
          mayConfigure={mayConfigure}
          values={options.values ?? methodValues(method)}
          errors={options.errors}
          notice={options.notice}
        />
      ),
      options.status ?? 200,
    );
  };

  const unitOf = (source: Record<string, unknown>) => {
    const unit = text(source.unit).trim().slice(0, 30);
    return unit === '' ? undefined : unit;
  };

  app.get(METHOD_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const query = record(request.query);
    return renderMethod(request, reply, unitOf(query), {
      ...(text(query.luu) === '1' ? { notice: request.t('staffScores.method.saved') } : {}),
    });
  });

  app.post(METHOD_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const body = record(request.body);
    const unit = unitOf(body);
    const values: MethodValues = {
      weights: Object.fromEntries(
        CRITERIA.map((c) => [c, text(body[`weight_${c}`]).trim().slice(0, 10)]),
      ) as Record<Criterion, string>,
      excellent: text(body.excellent).trim().slice(0, 10),
      good: text(body.good).trim().slice(0, 10),
      completed: text(body.completed).trim().slice(0, 10),
      upheldPenalty: text(body.upheldPenalty).trim().slice(0, 10),
    };
    const parsed = parseWith(ZMethodInput, {
      ...(unit ? { unit } : {}),
      weights: Object.fromEntries(CRITERIA.map((c) => [c, num(values.weights[c]) ?? 0])),
      thresholds: {
        excellent: num(values.excellent),
        good: num(values.good),
        completed: num(values.completed),
      },
      upheldPenalty: num(values.upheldPenalty),
    });
    if (!parsed.ok) {
      // Per-criterion problems point at their field; the sum and the order at their fieldset.
      const errors: FieldErrors = {};
      for (const [name, error] of Object.entries(parsed.fields)) {
        const field = name.startsWith('weights.')
          ? `weight_${name.slice(8)}`
          : name.startsWith('thresholds.')
            ? name.slice(11)
            : name;
        if (!errors[field]) errors[field] = error;
      }
      return renderMethod(request, reply, unit, { values, errors, status: 400 });
    }
    await setMethod(deps, context(request), parsed.value);
    return reply.redirect(`${methodPath(unit)}${unit ? '&' : '?'}luu=1`, 303);
  });

  const renderOfficer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    username: string,
    query: { unit?: string | undefined; period: string },
    options: {
      values?: ReviewValues;
      errors?: FieldErrors;
      notice?: string;
      problem?: string;
      status?: number;
    } = {},
  ) => {
    const { scores, score } = await officerScore(deps, request.actor, username, query);
    const values = options.values ?? {
      leaderScore: score.inputs.leaderScore === null ? '' : String(score.inputs.leaderScore),
      note: score.row?.leader_note ?? '',
    };
    return reply.page(
      (ctx) => (
        <OfficerScorePage
          ctx={ctx}
          scores={scores}
          score={score}
          values={values}
          errors={options.errors}
          notice={options.notice}
          problem={options.problem}
        />
      ),
      options.status ?? 200,
    );
  };

  const usernameOf = (params: unknown) => {
    const username = text(record(params).username).slice(0, 100);
    if (username === '') throw new AppError('STAFF_SCORE_OFFICER_NOT_FOUND');
    return username;
  };

  app.get(`${SCORES_PATH}/can-bo/:username`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const query = record(request.query);
    const notice =
      text(query.luu) === '1'
        ? request.t('staffScores.review.saved')
        : text(query.ky) === '1'
          ? request.t('staffScores.sign.done')
          : undefined;
    return renderOfficer(
      request,
      reply,
      usernameOf(request.params),
      scoresQuery(query),
      notice ? { notice } : {},
    );
  });

  app.post(`${SCORES_PATH}/can-bo/:username/danh-gia`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const username = usernameOf(request.params);
    const body = record(request.body);
    const query = scoresQuery(body);
    const values: ReviewValues = {
      leaderScore: text(body.leaderScore).trim().slice(0, 10),
      note: text(body.note).slice(0, 3000),
    };
    const parsed = parseWith(ZReviewInput, {
      ...query,
      leaderScore: num(values.leaderScore),
      note: values.note || null,
    });
    if (!parsed.ok)
      return renderOfficer(request, reply, username, query, { values, errors: parsed.fields, status: 400 });
    try {
      await reviewScore(deps, context(request), username, parsed.value);
    } catch (error) {
      if (isAppError(error) && EXPLAINED.has(error.code))
        return renderOfficer(request, reply, username, query, {
          values,
          problem: request.t(`errors.${error.code}`),
          status: error.status,
        });
      throw error;
    }
    return reply.redirect(`${officerPath(username, query.unit, query.period)}&luu=1`, 303);
  });

  app.post(`${SCORES_PATH}/can-bo/:username/ky`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const username = usernameOf(request.params);
    const query = scoresQuery(record(request.body));
    const parsed = parseWith(ZSignInput, query);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.fields });
    try {
      await signScore(deps, context(request), username, parsed.value);
    } catch (error) {
      if (isAppError(error) && EXPLAINED.has(error.code))
        return renderOfficer(request, reply, username, query, {
          problem: request.t(`errors.${error.code}`),
          status: error.status,
        });
      throw error;
    }
    return reply.redirect(`${officerPath(username, query.unit, query.period)}&ky=1`, 303);
  });
};
