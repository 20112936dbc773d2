// The evaluation pages: the applicant's (/danh-gia: start with the code and digits, the form of a
// single-use link, thanks), the counter kiosk (/can-bo/ho-so/{code}/danh-gia) and the administrators'
// criteria (/quan-tri/tieu-chi-danh-gia). Forms re-render with a 400 and an error summary; a link
// that cannot be used says why, with its status (404 forged, 409 used or evaluated, 410 expired).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZApplicationCodeParams } from '../../../shared/applications/schema.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import {
  ZCriterionCreate,
  ZCriterionLabels,
  ZCriterionParams,
  ZEvaluationForm,
  ZEvaluationStart,
  ZEvaluationTokenParams,
} from '../../../shared/evaluations/schema.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { criterionLabel } from './evaluations.presenter.js';
import type { CriterionRow } from './evaluations.repository.js';
import {
  addCriterion,
  getCriterion,
  listAllCriteria,
  moveCriterion,
  type OpenEvaluation,
  openEvaluation,
  renameCriterion,
  setCriterionActive,
  startOnlineEvaluation,
  submitEvaluation,
} from './evaluations.service.js';
import {
  ADMIN_NOTICES,
  AdminCriteriaPage,
  type AdminCriterion,
  AdminCriterionPage,
  type AdminNotice,
  type CriterionFormValues,
} from './views/admin-pages.js';
import {
  EvaluatePage,
  type StartNotice,
  StartPage,
  ThanksPage,
  UnavailablePage,
} from './views/evaluate-pages.js';
import { type EvaluationFormValues, emptyValues } from './views/evaluation-form.js';
import { KioskPage, KioskThanksPage } from './views/kiosk-pages.js';
import {
  ADMIN_CRITERIA_PATH,
  EVALUATE_PATH,
  EVALUATE_THANKS_PATH,
  evaluateLinkPath,
  kioskPath,
  kioskThanksPath,
} from './views/paths.js';

/** A form or query value as text: anything else (a repeated field, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC') : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The evaluation form's fields: `answers.<criterion>` radios and the comment. */
function formValues(body: unknown): EvaluationFormValues {
  const fields = record(body);
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields))
    if (name.startsWith('answers.') && typeof value === 'string') answers[name.slice(8)] = value;
  return { answers, comment: text(fields.comment) };
}

/** The refusals a link or a kiosk page explains on a page of its own (with their status). */
const EXPLAINED = new Set([
  'EVALUATION_LINK_INVALID',
  'EVALUATION_LINK_USED',
  'EVALUATION_LINK_EXPIRED',
  'EVALUATION_EXISTS',
  'EVALUATION_NOT_OPEN',
]);

const formCriteria = (opened: OpenEvaluation, request: FastifyRequest) =>
  opened.criteria.map((c) => ({ code: c.code, label: criterionLabel(c, request.locale) }));

const adminCriterion = (row: CriterionRow): AdminCriterion => ({
  code: row.code,
  labelVi: row.label_vi,
  labelEn: row.label_en,
  position: row.position,
  active: row.active,
});

export const evaluationsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** Signed-out people are sent to sign in and brought back; everyone else goes on to the service's check. */
  const signInFirst = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (request.actor) return false;
    reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return true;
  };

  const unavailable = (reply: FastifyReply, request: FastifyRequest, error: AppError) =>
    reply.page(
      (ctx) => <UnavailablePage ctx={ctx} message={request.t(`errors.${error.code}`)} />,
      error.status,
    );

  // ---------------------------------------------------------------------------------------------
  // The applicant: start, the form of a link, thanks
  // ---------------------------------------------------------------------------------------------

  const renderStart = (
    reply: FastifyReply,
    values: { code: string; verify: string },
    options: { errors?: FieldErrors; notice?: StartNotice; status?: number } = {},
  ) =>
    reply.page(
      (ctx) => <StartPage ctx={ctx} values={values} errors={options.errors} notice={options.notice} />,
      options.status ?? 200,
    );

  app.get(EVALUATE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const code = text(record(request.query).code).trim().toUpperCase().slice(0, 60);
    return renderStart(reply, { code, verify: '' });
  });

  // The tracking page's button and the start form: prove the code and digits, get a single-use link.
  app.post(EVALUATE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const body = record(request.body);
    const values = {
      code: text(body.code).trim().toUpperCase().slice(0, 60),
      verify: text(body.verify).trim().slice(0, 20),
    };
    const parsed = parseWith(ZEvaluationStart, values);
    if (!parsed.ok) return renderStart(reply, values, { errors: parsed.fields, status: 400 });
    try {
      const token = await startOnlineEvaluation(deps, context(request), { ...parsed.value, ip: request.ip });
      return reply.redirect(evaluateLinkPath(token), 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const retry = error.code === 'TOO_MANY_REQUESTS' ? (error.options.retryAfter ?? 60) : undefined;
      if (retry !== undefined) reply.header('retry-after', String(retry));
      const message =
        error.code === 'APPLICATION_NOT_FOUND'
          ? request.t('applications.track.notFound')
          : retry !== undefined
            ? request.t('applications.track.tooMany', { seconds: retry })
            : EXPLAINED.has(error.code)
              ? request.t(`errors.${error.code}`)
              : undefined;
      if (message === undefined) throw error;
      return renderStart(reply, values, { notice: { message }, status: error.status });
    }
  });

  app.get(EVALUATE_THANKS_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.page((ctx) => <ThanksPage ctx={ctx} />),
  );

  /** The token of a link's address; anything that cannot be one is a forged link. */
  const tokenOf = (params: unknown): string => {
    const parsed = ZEvaluationTokenParams.safeParse(record(params));
    if (!parsed.success) throw new AppError('EVALUATION_LINK_INVALID');
    return parsed.data.token;
  };

  const renderLink = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    input: { values: EvaluationFormValues; errors?: FieldErrors; status?: number },
  ) => {
    const opened = await openEvaluation(deps, context(request), { kind: 'token', token });
    return reply.page(
      (ctx) => (
        <EvaluatePage
          ctx={ctx}
          token={token}
          application={{ code: opened.application.code, procedureName: opened.procedureName }}
          criteria={formCriteria(opened, request)}
          values={input.values}
          errors={input.errors}
        />
      ),
      input.status ?? 200,
    );
  };

  app.get(`${EVALUATE_PATH}/:token`, { schema: { hide: true } }, async (request, reply) => {
    try {
      return await renderLink(request, reply, tokenOf(request.params), { values: emptyValues() });
    } catch (error) {
      if (isAppError(error) && EXPLAINED.has(error.code)) return unavailable(reply, request, error);
      throw error;
    }
  });

  app.post(`${EVALUATE_PATH}/:token`, { schema: { hide: true } }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const token = tokenOf(request.params);
      const parsed = parseWith(ZEvaluationForm, values);
      if (!parsed.ok)
        return await renderLink(request, reply, token, { values, errors: parsed.fields, status: 400 });
      try {
        await submitEvaluation(deps, context(request), { kind: 'token', token }, parsed.value);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VALIDATION_FAILED' || !error.options.fields) throw error;
        return await renderLink(request, reply, token, { values, errors: error.options.fields, status: 400 });
      }
      return reply.redirect(EVALUATE_THANKS_PATH, 303);
    } catch (error) {
      if (isAppError(error) && EXPLAINED.has(error.code)) return unavailable(reply, request, error);
      throw error;
    }
  });

  // ---------------------------------------------------------------------------------------------
  // The counter kiosk
  // ---------------------------------------------------------------------------------------------

  /** The application code of a staff address, or 404 for anything that cannot be one. */
  const codeOf = (params: unknown): string => {
    const parsed = ZApplicationCodeParams.safeParse(record(params));
    if (!parsed.success) throw new AppError('APPLICATION_NOT_FOUND');
    return parsed.data.code;
  };

  const renderKiosk = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    input: { values: EvaluationFormValues; errors?: FieldErrors; status?: number },
  ) => {
    const opened = await openEvaluation(deps, context(request), { kind: 'kiosk', code });
    return reply.page(
      (ctx) => (
        <KioskPage
          ctx={ctx}
          application={{ code: opened.application.code, procedureName: opened.procedureName }}
          criteria={formCriteria(opened, request)}
          values={input.values}
          errors={input.errors}
        />
      ),
      input.status ?? 200,
    );
  };

  app.get('/can-bo/ho-so/:code/danh-gia', { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    return renderKiosk(request, reply, codeOf(request.params), { values: emptyValues() });
  });

  app.post('/can-bo/ho-so/:code/danh-gia', { schema: { hide: true } }, async (request, reply) => {
    const code = codeOf(request.params);
    if (signInFirst(request, reply, kioskPath(code))) return reply;
    const values = formValues(request.body);
    const parsed = parseWith(ZEvaluationForm, values);
    if (!parsed.ok) return renderKiosk(request, reply, code, { values, errors: parsed.fields, status: 400 });
    try {
      await submitEvaluation(deps, context(request), { kind: 'kiosk', code }, parsed.value);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION_FAILED' || !error.options.fields) throw error;
      return renderKiosk(request, reply, code, { values, errors: error.options.fields, status: 400 });
    }
    return reply.redirect(kioskThanksPath(code), 303);
  });

  app.get('/can-bo/ho-so/:code/danh-gia/cam-on', { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    const code = codeOf(request.params);
    return reply.page((ctx) => <KioskThanksPage ctx={ctx} code={code} />);
  });

  // ---------------------------------------------------------------------------------------------
  // Administrators: the criteria
  // ---------------------------------------------------------------------------------------------

  const emptyCriterion = (): CriterionFormValues => ({ code: '', labelVi: '', labelEn: '' });

  const renderAdmin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      values?: CriterionFormValues;
      errors?: FieldErrors | undefined;
      notice?: AdminNotice;
      problem?: string;
      status?: number;
    } = {},
  ) => {
    // The permission check comes first: a non-administrator never sees the form or its errors.
    const criteria = (await listAllCriteria(deps, request.actor)).map(adminCriterion);
    return reply.page(
      (ctx) => (
        <AdminCriteriaPage
          ctx={ctx}
          criteria={criteria}
          values={input.values ?? emptyCriterion()}
          errors={input.errors}
          notice={input.notice}
          problem={input.problem}
        />
      ),
      input.status ?? 200,
    );
  };

  /** A criterion code of an address, or 404 for anything that cannot be one. */
  const criterionOf = (params: unknown): string => {
    const parsed = parseWith(ZCriterionParams, record(params));
    if (!parsed.ok) throw new AppError('EVALUATION_CRITERION_NOT_FOUND');
    return parsed.value.code;
  };

  app.get(ADMIN_CRITERIA_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    const query = record(request.query);
    let notice: AdminNotice;
    for (const kind of ADMIN_NOTICES) {
      const parsed = ZCriterionParams.safeParse({ code: query[kind] });
      if (parsed.success) notice = { kind, code: parsed.data.code };
    }
    return renderAdmin(request, reply, { notice });
  });

  app.post(ADMIN_CRITERIA_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_CRITERIA_PATH)) return reply;
    const body = record(request.body);
    const values = { code: text(body.code), labelVi: text(body.labelVi), labelEn: text(body.labelEn) };
    const parsed = parseWith(ZCriterionCreate, values);
    if (!parsed.ok) return renderAdmin(request, reply, { values, errors: parsed.fields, status: 400 });
    try {
      await addCriterion(deps, context(request), parsed.value);
    } catch (error) {
      if (!isAppError(error) || !error.options.fields) throw error;
      return renderAdmin(request, reply, { values, errors: error.options.fields, status: error.status });
    }
    return reply.redirect(`${ADMIN_CRITERIA_PATH}?added=${parsed.value.code}`, 303);
  });

  const renderCriterion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    input: { values?: CriterionFormValues; errors?: FieldErrors; status?: number } = {},
  ) => {
    const criterion = adminCriterion(await getCriterion(deps, request.actor, code));
    return reply.page(
      (ctx) => (
        <AdminCriterionPage
          ctx={ctx}
          criterion={criterion}
          values={input.values ?? { code, labelVi: criterion.labelVi, labelEn: criterion.labelEn }}
          errors={input.errors}
        />
      ),
      input.status ?? 200,
    );
  };

  app.get(`${ADMIN_CRITERIA_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, request.url)) return reply;
    return renderCriterion(request, reply, criterionOf(request.params));
  });

  app.post(`${ADMIN_CRITERIA_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_CRITERIA_PATH)) return reply;
    const code = criterionOf(request.params);
    const body = record(request.body);
    const values = { code, labelVi: text(body.labelVi), labelEn: text(body.labelEn) };
    const parsed = parseWith(ZCriterionLabels, values);
    if (!parsed.ok)
      return renderCriterion(request, reply, code, { values, errors: parsed.fields, status: 400 });
    await renameCriterion(deps, context(request), code, parsed.value);
    return reply.redirect(`${ADMIN_CRITERIA_PATH}?renamed=${code}`, 303);
  });

  app.post(`${ADMIN_CRITERIA_PATH}/:code/thu-tu`, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_CRITERIA_PATH)) return reply;
    const code = criterionOf(request.params);
    const direction = text(record(request.body).direction);
    if (direction !== 'up' && direction !== 'down')
      throw new AppError('VALIDATION_FAILED', { fields: { direction: { key: 'validation.invalidOption' } } });
    await moveCriterion(deps, context(request), code, direction);
    return reply.redirect(`${ADMIN_CRITERIA_PATH}?moved=${code}`, 303);
  });

  app.post(`${ADMIN_CRITERIA_PATH}/:code/trang-thai`, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, ADMIN_CRITERIA_PATH)) return reply;
    const code = criterionOf(request.params);
    const active = text(record(request.body).active);
    if (active !== 'true' && active !== 'false')
      throw new AppError('VALIDATION_FAILED', { fields: { active: { key: 'validation.invalidOption' } } });
    try {
      await setCriterionActive(deps, context(request), code, active === 'true');
    } catch (error) {
      if (!isAppError(error) || error.code !== 'CONFLICT' || !error.options.fields) throw error;
      return renderAdmin(request, reply, {
        problem: request.t('evaluations.errors.lastActive'),
        status: error.status,
      });
    }
    return reply.redirect(
      `${ADMIN_CRITERIA_PATH}?${active === 'true' ? 'activated' : 'deactivated'}=${code}`,
      303,
    );
  });
};
