// The capacity-test pages: candidates (/can-bo/kiem-tra…), managers' banks and campaigns, leaders'
// reports. Staff only (signed-out visitors are sent to sign in and back). Every form works without
// JavaScript: a question's form saves its answer and moves on; bad input re-renders with a 400.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import {
  MAX_IMPORT_BYTES,
  MAX_OPTIONS,
  TOPICS,
  ZBankCode,
  ZBankCreate,
  ZCampaignCode,
  ZCampaignInput,
  ZCampaignUpdate,
  ZGrantInput,
  ZQuestionCode,
  ZQuestionInput,
} from '../../../shared/capacity/schema.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext, Actor } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm } from '../../plugins/multipart-form.js';
import { presentResultsWorkbook } from './capacity-tests.presenter.js';
import type { CampaignRow, QuestionRow } from './capacity-tests.repository.js';
import { XLSX_TYPE } from './capacity-tests.routes.js';
import {
  addQuestion,
  availableQuestions,
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
import {
  CampaignStartPage,
  MyTestsPage,
  QuestionPage,
  ResultPage,
  ReviewPage,
} from './views/candidate-pages.js';
import {
  type BankFormValues,
  BankPage,
  BanksPage,
  CampaignFormPage,
  type CampaignFormValues,
  CampaignPage,
  CampaignsPage,
  emptyQuestion,
  type ImportLine,
  ImportPage,
  QuestionFormPage,
  type QuestionFormValues,
} from './views/manage-pages.js';
import {
  BANKS_PATH,
  bankPath,
  CAMPAIGNS_PATH,
  campaignPath,
  campaignStartPath,
  MY_TESTS_PATH,
  NEW_CAMPAIGN_PATH,
  questionPath,
  resultPath,
  reviewPath,
} from './views/paths.js';

const STAFF = new Set(['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator']);

/** A form or query value as text: anything else (a repeated field, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC') : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
/** A number typed in a form; an empty field is left out, anything else not a number fails validation. */
const num = (value: unknown): number | undefined => {
  const raw = text(value).trim().replace(',', '.');
  return raw === '' ? undefined : Number(raw);
};
/** A datetime-local value (Vietnam time) as an ISO moment with the zone. */
const moment = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : value;
/** A moment as the datetime-local field shows it, in Vietnam time. */
const local = (value: Date) => new Date(value.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

/** Renames error fields of a shared schema to the form's field names. */
function renameFields(fields: FieldErrors, rename: (name: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, error] of Object.entries(fields)) {
    const target = rename(name);
    if (!out[target]) out[target] = error;
  }
  return out;
}

const param = <T,>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  error: AppError,
): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw error;
  return parsed.data;
};

export const capacityTestsPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** Staff pages: signed-out visitors go to the login page and come back; others get a 403. */
  const staff = (request: FastifyRequest, reply: FastifyReply): Actor | null => {
    if (!request.actor) {
      void reply.redirect(`/login?next=${encodeURIComponent(request.url.slice(0, 500))}`, 303);
      return null;
    }
    if (!request.actor.grants.some((g) => STAFF.has(g.role))) throw new AppError('FORBIDDEN');
    return request.actor;
  };

  const attemptId = (params: unknown) => {
    const raw = text(record(params).attempt);
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('CAPACITY_ATTEMPT_NOT_FOUND');
    return id;
  };
  const campaignCode = (params: unknown) =>
    param(ZCampaignCode, record(params).campaign, new AppError('CAPACITY_CAMPAIGN_NOT_FOUND'));
  const bankCode = (params: unknown) =>
    param(ZBankCode, record(params).bank, new AppError('CAPACITY_BANK_NOT_FOUND'));

  // ----------------------------------------------------------------------------------------------
  // Candidates
  // ----------------------------------------------------------------------------------------------

  app.get(MY_TESTS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const { mine } = await listCampaignsFor(deps, actor);
    return reply.page((ctx) => (
      <MyTestsPage
        ctx={ctx}
        mine={mine}
        mayManage={grantsAllow(actor.grants, 'capacity.manage')}
        mayOversee={grantsAllow(actor.grants, 'capacity.results')}
      />
    ));
  });

  app.get(`${MY_TESTS_PATH}/:campaign`, { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const view = await getCampaign(deps, actor, campaignCode(request.params));
    return reply.page((ctx) => <CampaignStartPage ctx={ctx} view={view} />);
  });

  const STARTING_REFUSALS = new Set([
    'CAPACITY_CAMPAIGN_NOT_OPEN',
    'CAPACITY_ATTEMPTS_USED',
    'CAPACITY_NOT_CANDIDATE',
    'CAPACITY_NOT_ENOUGH_QUESTIONS',
  ]);
  app.post(`${MY_TESTS_PATH}/:campaign`, { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const code = campaignCode(request.params);
    try {
      const { attempt } = await startAttempt(deps, context(request), code);
      return reply.redirect(questionPath(attempt.id, 1), 303);
    } catch (error) {
      if (!isAppError(error) || !STARTING_REFUSALS.has(error.code)) throw error;
      const view = await getCampaign(deps, actor, code);
      return reply.page(
        (ctx) => <CampaignStartPage ctx={ctx} view={view} problem={request.t(`errors.${error.code}`)} />,
        error.status,
      );
    }
  });

  app.get(`${MY_TESTS_PATH}/bai/:attempt`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return reply.redirect(questionPath(attemptId(request.params), 1), 303);
  });

  const positionOf = (params: unknown, total: number) => {
    const raw = text(record(params).position);
    const position = /^\d{1,4}$/.test(raw) ? Number(raw) : 0;
    if (position < 1 || position > total) throw new AppError('CAPACITY_QUESTION_NOT_DRAWN');
    return position;
  };

  app.get(
    `${MY_TESTS_PATH}/bai/:attempt/cau/:position`,
    { schema: { hide: true } },
    async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const id = attemptId(request.params);
      const view = await getAttempt(deps, context(request), id);
      if (view.attempt.submitted_at !== null) return reply.redirect(resultPath(id), 303);
      const position = positionOf(request.params, view.questions.length);
      return reply.page((ctx) => <QuestionPage ctx={ctx} view={view} position={position} />);
    },
  );

  // The question's form: saves the answer (when it changed), then goes where the button said.
  app.post(
    `${MY_TESTS_PATH}/bai/:attempt/cau/:position`,
    { schema: { hide: true } },
    async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const id = attemptId(request.params);
      const body = record(request.body);
      const view = await getAttempt(deps, context(request), id);
      if (view.attempt.submitted_at !== null) return reply.redirect(`${resultPath(id)}?het-gio=1`, 303);
      const position = positionOf(request.params, view.questions.length);
      const selected = list(body.answer);
      const current = view.questions.find((q) => q.question.position === position)!.selected;
      const changed = selected.length !== current.length || selected.some((key) => !current.includes(key));
      try {
        if (changed) await saveAnswer(deps, context(request), id, position, selected);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'CAPACITY_TIME_UP' || error.code === 'CAPACITY_ATTEMPT_SUBMITTED')
          return reply.redirect(`${resultPath(id)}?het-gio=1`, 303);
        if (error.code !== 'VALIDATION_FAILED') throw error;
        const fresh = await getAttempt(deps, context(request), id);
        const message = Object.values(error.options.fields ?? {})[0];
        return reply.page(
          (ctx) => (
            <QuestionPage
              ctx={ctx}
              view={fresh}
              position={position}
              notice={message ? request.t(message.key) : undefined}
            />
          ),
          400,
        );
      }
      const go = text(body.go);
      const target =
        go === 'previous' && position > 1
          ? questionPath(id, position - 1)
          : go === 'next' && position < view.questions.length
            ? questionPath(id, position + 1)
            : go === 'stay'
              ? questionPath(id, position)
              : reviewPath(id);
      return reply.redirect(target, 303);
    },
  );

  app.get(`${MY_TESTS_PATH}/bai/:attempt/nop`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const id = attemptId(request.params);
    const view = await getAttempt(deps, context(request), id);
    if (view.attempt.submitted_at !== null) return reply.redirect(resultPath(id), 303);
    return reply.page((ctx) => <ReviewPage ctx={ctx} view={view} />);
  });

  app.post(`${MY_TESTS_PATH}/bai/:attempt/nop`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const id = attemptId(request.params);
    try {
      await submitAttempt(deps, context(request), id);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'CAPACITY_ATTEMPT_SUBMITTED') throw error;
    }
    return reply.redirect(resultPath(id), 303);
  });

  app.get(`${MY_TESTS_PATH}/bai/:attempt/ket-qua`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const id = attemptId(request.params);
    try {
      const result = await getAttemptResult(deps, context(request), id);
      const timeUp = text(record(request.query)['het-gio']) === '1';
      return reply.page((ctx) => <ResultPage ctx={ctx} result={result} timeUp={timeUp} />);
    } catch (error) {
      if (isAppError(error) && error.code === 'CAPACITY_ATTEMPT_IN_PROGRESS')
        return reply.redirect(questionPath(id, 1), 303);
      throw error;
    }
  });

  // ----------------------------------------------------------------------------------------------
  // Banks and questions
  // ----------------------------------------------------------------------------------------------

  const renderBanks = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: BankFormValues,
    options: { errors?: FieldErrors; status?: number; notice?: string } = {},
  ) => {
    const banks = await listBanksFor(deps, request.actor);
    return reply.page(
      (ctx) => (
        <BanksPage ctx={ctx} banks={banks} values={values} errors={options.errors} notice={options.notice} />
      ),
      options.status ?? 200,
    );
  };

  app.get(BANKS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return renderBanks(request, reply, {
      code: '',
      title: '',
      topic: '',
      unit: deps.config.homeUnitCode,
      description: '',
    });
  });

  app.post(BANKS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const body = record(request.body);
    const values: BankFormValues = {
      code: text(body.code).trim().slice(0, 60),
      title: text(body.title).slice(0, 300),
      topic: text(body.topic),
      unit: text(body.unit).trim().slice(0, 30),
      description: text(body.description).slice(0, 3000),
    };
    const parsed = parseWith(ZBankCreate, {
      ...values,
      unit: values.unit || undefined,
      description: values.description || null,
    });
    if (!parsed.ok) return renderBanks(request, reply, values, { errors: parsed.fields, status: 400 });
    try {
      const bank = await createBank(deps, context(request), parsed.value);
      return reply.redirect(`${bankPath(bank.code)}?tao=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderBanks(request, reply, values, { errors: error.options.fields ?? {}, status: 400 });
      throw error;
    }
  });

  app.get(`${BANKS_PATH}/:bank`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const { bank, questions } = await getBank(deps, request.actor, bankCode(request.params));
    const query = record(request.query);
    const saved = text(query.luu).slice(0, 40);
    const notice =
      text(query.tao) === '1'
        ? request.t('capacity.banks.created')
        : saved
          ? request.t('capacity.questions.saved', { code: saved })
          : undefined;
    return reply.page((ctx) => <BankPage ctx={ctx} bank={bank} questions={questions} notice={notice} />);
  });

  /** The question form's fields, as typed, and as the shared schema reads them. */
  function questionForm(body: Record<string, unknown>) {
    const values: QuestionFormValues = {
      code: text(body.code).trim().slice(0, 60),
      kind: text(body.kind),
      prompt: text(body.prompt).slice(0, 4000),
      options: Array.from({ length: MAX_OPTIONS }, (_, i) => ({
        text: text(body[`option_${i + 1}`]).slice(0, 1000),
        correct: body[`correct_${i + 1}`] !== undefined,
      })),
      explanation: text(body.explanation).slice(0, 4000),
      active: body.active !== undefined,
      version: text(body.version).slice(0, 10),
    };
    // Blank option rows are left out; errors on the others point back to their row.
    const rows = values.options.map((o, i) => ({ ...o, row: i + 1 })).filter((o) => o.text.trim() !== '');
    const input = {
      ...(values.code ? { code: values.code } : {}),
      kind: values.kind,
      prompt: values.prompt,
      options: rows.map((o) => ({ text: o.text, correct: o.correct })),
      explanation: values.explanation || null,
      active: values.active,
    };
    const rename = (name: string) => {
      const match = /^options\.(\d+)/.exec(name);
      if (match) return `option_${rows[Number(match[1])]?.row ?? 1}`;
      return name === 'options' ? 'options' : name;
    };
    return { values, input, rename };
  }

  const renderQuestion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bank: string,
    values: QuestionFormValues,
    existing: string | null,
    errors?: FieldErrors,
  ) => {
    const { bank: view } = await getBank(deps, request.actor, bank);
    return reply.page(
      (ctx) => <QuestionFormPage ctx={ctx} bank={view} values={values} existing={existing} errors={errors} />,
      errors ? 400 : 200,
    );
  };

  app.get(`${BANKS_PATH}/:bank/cau-hoi/moi`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return renderQuestion(request, reply, bankCode(request.params), emptyQuestion(), null);
  });

  app.post(`${BANKS_PATH}/:bank/cau-hoi/moi`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const bank = bankCode(request.params);
    const { values, input, rename } = questionForm(record(request.body));
    const parsed = parseWith(ZQuestionInput, input);
    if (!parsed.ok)
      return renderQuestion(request, reply, bank, values, null, renameFields(parsed.fields, rename));
    try {
      const question = await addQuestion(deps, context(request), bank, parsed.value);
      return reply.redirect(`${bankPath(bank)}?luu=${encodeURIComponent(question.code)}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderQuestion(request, reply, bank, values, null, error.options.fields ?? {});
      throw error;
    }
  });

  const valuesOfQuestion = (q: QuestionRow): QuestionFormValues => ({
    code: q.code,
    kind: q.kind,
    prompt: q.prompt,
    options: Array.from({ length: MAX_OPTIONS }, (_, i) => ({
      text: q.options[i]?.text ?? '',
      correct: q.options[i]?.correct ?? false,
    })),
    explanation: q.explanation ?? '',
    active: q.active,
    version: String(q.version),
  });

  app.get(`${BANKS_PATH}/:bank/cau-hoi/:question`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const bank = bankCode(request.params);
    const code = param(
      ZQuestionCode,
      record(request.params).question,
      new AppError('CAPACITY_QUESTION_NOT_FOUND'),
    );
    const { questions } = await getBank(deps, request.actor, bank);
    const question = questions.find((q) => q.code === code);
    if (!question) throw new AppError('CAPACITY_QUESTION_NOT_FOUND');
    return renderQuestion(request, reply, bank, valuesOfQuestion(question), question.code);
  });

  app.post(`${BANKS_PATH}/:bank/cau-hoi/:question`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const bank = bankCode(request.params);
    const code = param(
      ZQuestionCode,
      record(request.params).question,
      new AppError('CAPACITY_QUESTION_NOT_FOUND'),
    );
    const { values, input, rename } = questionForm(record(request.body));
    const { code: _ignored, ...rest } = input as typeof input & { code?: string };
    const parsed = parseWith(ZQuestionInput, rest);
    if (!parsed.ok)
      return renderQuestion(request, reply, bank, values, code, renameFields(parsed.fields, rename));
    const version = /^\d{1,7}$/.test(values.version) ? Number(values.version) : undefined;
    try {
      await editQuestion(deps, context(request), bank, code, parsed.value, version);
      return reply.redirect(`${bankPath(bank)}?luu=${encodeURIComponent(code)}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderQuestion(request, reply, bank, values, code, error.options.fields ?? {});
      if (isAppError(error) && error.code === 'VERSION_CONFLICT')
        return renderQuestion(request, reply, bank, values, code, {
          prompt: { key: 'capacity.errors.changedMeanwhile' },
        });
      throw error;
    }
  });

  const maxMegabytes = MAX_IMPORT_BYTES / 1048576;

  app.get(`${BANKS_PATH}/:bank/nhap`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const { bank } = await getBank(deps, request.actor, bankCode(request.params));
    return reply.page((ctx) => <ImportPage ctx={ctx} bank={bank} maxMegabytes={maxMegabytes} />);
  });

  /** An import refusal's fields as report lines: row, column, reason. */
  const importLines = (request: FastifyRequest, fields: FieldErrors): ImportLine[] =>
    Object.entries(fields).map(([name, error]) => {
      const match = /^rows\.(\d+)\.(.+)$/.exec(name);
      return {
        row: match ? match[1]! : '–',
        column: match && match[2] !== 'row' ? match[2]! : '',
        message: request.t(error.key, error.params),
      };
    });

  // A streamed multipart body: the handler checks `_csrf` itself before using what was uploaded.
  app.post(
    `${BANKS_PATH}/:bank/nhap`,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const code = bankCode(request.params);
      const { bank } = await getBank(deps, request.actor, code);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const form = await readMultipartForm(request);
      if (!csrfTokenMatches(request, form.fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
      const upload = form.files[0];
      const render = (
        props: {
          errors?: FieldErrors;
          rejected?: ImportLine[];
          done?: { created: number; updated: number; unchanged: number };
        },
        status: number,
      ) =>
        reply.page(
          (ctx) => <ImportPage ctx={ctx} bank={bank} maxMegabytes={maxMegabytes} {...props} />,
          status,
        );
      if (!upload || upload.bytes.length === 0)
        return render({ errors: { file: { key: 'capacity.import.fileRequired' } } }, 400);
      if (upload.truncated)
        return render(
          { errors: { file: { key: 'capacity.import.tooLarge', params: { max: maxMegabytes } } } },
          413,
        );
      try {
        const result = await importQuestions(deps, context(request), code, upload.bytes);
        return render(
          {
            done: {
              created: result.created.length,
              updated: result.updated.length,
              unchanged: result.unchanged.length,
            },
          },
          200,
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'CAPACITY_IMPORT_REJECTED') {
          const fields = error.options.fields ?? {};
          if (fields.file && Object.keys(fields).length === 1)
            return render({ errors: { file: fields.file } }, 400);
          return render({ rejected: importLines(request, fields) }, 400);
        }
        throw error;
      }
    },
  );

  app.get(`${BANKS_PATH}/:bank/xuat`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const { bank, bytes } = await exportQuestions(deps, request.actor, bankCode(request.params));
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="ngan-hang-${bank.code}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  // ----------------------------------------------------------------------------------------------
  // Campaigns
  // ----------------------------------------------------------------------------------------------

  app.get(CAMPAIGNS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    if (!grantsAllow(actor.grants, 'capacity.manage') && !grantsAllow(actor.grants, 'capacity.results'))
      throw new AppError('FORBIDDEN');
    const { overseen } = await listCampaignsFor(deps, actor);
    return reply.page((ctx) => (
      <CampaignsPage
        ctx={ctx}
        campaigns={overseen}
        mayCreate={grantsAllow(actor.grants, 'capacity.manage')}
      />
    ));
  });

  const campaignFormValues = (body: Record<string, unknown>): CampaignFormValues => ({
    code: text(body.code).trim().slice(0, 60),
    title: text(body.title).slice(0, 300),
    description: text(body.description).slice(0, 3000),
    unit: text(body.unit).trim().slice(0, 30),
    opensAt: text(body.opensAt).trim().slice(0, 40),
    closesAt: text(body.closesAt).trim().slice(0, 40),
    durationMinutes: text(body.durationMinutes).trim().slice(0, 10),
    passMark: text(body.passMark).trim().slice(0, 10),
    draw: Object.fromEntries(TOPICS.map((t) => [t, text(body[`draw_${t}`]).trim().slice(0, 10)])),
    audienceUnits: text(body.audienceUnits).slice(0, 1000),
    roles: list(body.roles).slice(0, 10),
  });

  const campaignInput = (values: CampaignFormValues) => ({
    code: values.code,
    title: values.title,
    description: values.description || null,
    ...(values.unit ? { unit: values.unit } : {}),
    opensAt: moment(values.opensAt),
    closesAt: moment(values.closesAt),
    durationMinutes: num(values.durationMinutes),
    passMark: num(values.passMark),
    draw: Object.fromEntries(TOPICS.map((t) => [t, num(values.draw[t]) ?? 0])),
    audience: {
      units: values.audienceUnits.split(/[\s,;]+/).filter(Boolean),
      roles: values.roles,
    },
  });

  const formField = (name: string) =>
    name.startsWith('draw.')
      ? `draw_${name.slice(5)}`
      : name === 'draw'
        ? `draw_${TOPICS[0]}`
        : name.startsWith('audience.units') || name === 'audience'
          ? 'audienceUnits'
          : name.startsWith('audience.roles')
            ? 'roles'
            : name;

  const renderCampaignForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: CampaignFormValues,
    existing: string | null,
    errors?: FieldErrors,
  ) => {
    const available = await availableQuestions(deps, request.actor, values.unit || undefined);
    return reply.page(
      (ctx) => (
        <CampaignFormPage
          ctx={ctx}
          values={values}
          existing={existing}
          available={available}
          errors={errors}
        />
      ),
      errors ? 400 : 200,
    );
  };

  app.get(NEW_CAMPAIGN_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const now = deps.clock.now();
    const tomorrow = local(new Date(now.getTime() + 24 * 3600_000)).slice(0, 10);
    const week = local(new Date(now.getTime() + 8 * 24 * 3600_000)).slice(0, 10);
    return renderCampaignForm(
      request,
      reply,
      {
        code: '',
        title: '',
        description: '',
        unit: deps.config.homeUnitCode,
        opensAt: `${tomorrow}T08:00`,
        closesAt: `${week}T17:00`,
        durationMinutes: '30',
        passMark: '50',
        draw: { procedure_law: '5', one_stop: '5', digital_skills: '5', unit_field: '0' },
        audienceUnits: deps.config.homeUnitCode,
        roles: ['counter_officer', 'specialist', 'unit_head'],
      },
      null,
    );
  });

  app.post(NEW_CAMPAIGN_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const values = campaignFormValues(record(request.body));
    const parsed = parseWith(ZCampaignInput, campaignInput(values));
    if (!parsed.ok)
      return renderCampaignForm(request, reply, values, null, renameFields(parsed.fields, formField));
    try {
      const view = await createCampaign(deps, context(request), parsed.value);
      return reply.redirect(`${campaignPath(view.campaign.code)}?tao=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderCampaignForm(
          request,
          reply,
          values,
          null,
          renameFields(error.options.fields ?? {}, formField),
        );
      throw error;
    }
  });

  const valuesOfCampaign = (
    campaign: CampaignRow,
    unitCode: string,
    audience: string[],
  ): CampaignFormValues => ({
    code: campaign.code,
    title: campaign.title,
    description: campaign.description ?? '',
    unit: unitCode,
    opensAt: local(campaign.opens_at),
    closesAt: local(campaign.closes_at),
    durationMinutes: String(campaign.duration_minutes),
    passMark: String(campaign.pass_mark),
    draw: Object.fromEntries(TOPICS.map((t) => [t, String(campaign.draw[t] ?? 0)])),
    audienceUnits: audience.join(', '),
    roles: campaign.audience_roles,
  });

  app.get(`${CAMPAIGNS_PATH}/:campaign/sua`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const view = await getCampaign(deps, request.actor, campaignCode(request.params));
    if (!view.mayManage) throw new AppError('FORBIDDEN');
    if (view.campaign.status !== 'draft') throw new AppError('CAPACITY_CAMPAIGN_NOT_EDITABLE');
    return renderCampaignForm(
      request,
      reply,
      valuesOfCampaign(view.campaign, view.unitCode, view.audienceUnitCodes),
      view.campaign.code,
    );
  });

  app.post(`${CAMPAIGNS_PATH}/:campaign/sua`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const code = campaignCode(request.params);
    const values = { ...campaignFormValues(record(request.body)), code };
    const { code: _code, ...input } = campaignInput(values);
    const parsed = parseWith(ZCampaignUpdate, input);
    if (!parsed.ok)
      return renderCampaignForm(request, reply, values, code, renameFields(parsed.fields, formField));
    try {
      await editCampaign(deps, context(request), code, parsed.value);
      return reply.redirect(`${campaignPath(code)}?luu=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderCampaignForm(
          request,
          reply,
          values,
          code,
          renameFields(error.options.fields ?? {}, formField),
        );
      throw error;
    }
  });

  const renderCampaign = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    options: {
      errors?: FieldErrors;
      notice?: string;
      problem?: string;
      status?: number;
      grantValues?: { username: string; reason: string };
    } = {},
  ) => {
    const actor = request.actor!;
    const view = await getCampaign(deps, actor, code);
    if (!view.mayManage && !view.mayReport) return reply.redirect(campaignStartPath(code), 303);
    const report =
      view.campaign.status === 'published' && view.mayReport
        ? await campaignReport(deps, context(request), code)
        : null;
    const mayGrant = grantsAllow(actor.grants, 'capacity.grant');
    return reply.page(
      (ctx) => (
        <CampaignPage
          ctx={ctx}
          view={view}
          report={report}
          mayGrant={mayGrant}
          grantValues={options.grantValues ?? { username: '', reason: '' }}
          errors={options.errors}
          notice={options.notice}
          problem={options.problem}
        />
      ),
      options.status ?? 200,
    );
  };

  app.get(`${CAMPAIGNS_PATH}/:campaign`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const query = record(request.query);
    const granted = text(query['cap-luot']).slice(0, 100);
    const notice =
      text(query.tao) === '1'
        ? request.t('capacity.campaigns.created')
        : text(query.luu) === '1'
          ? request.t('capacity.campaigns.saved')
          : text(query['cong-bo']) === '1'
            ? request.t('capacity.campaigns.published')
            : granted
              ? request.t('capacity.grant.done', { username: granted })
              : undefined;
    return renderCampaign(request, reply, campaignCode(request.params), notice ? { notice } : {});
  });

  app.post(`${CAMPAIGNS_PATH}/:campaign/cong-bo`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const code = campaignCode(request.params);
    try {
      await publishCampaign(deps, context(request), code);
      return reply.redirect(`${campaignPath(code)}?cong-bo=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED')
        return renderCampaign(request, reply, code, { errors: error.options.fields ?? {}, status: 400 });
      if (isAppError(error) && error.code === 'CAPACITY_CAMPAIGN_NOT_EDITABLE')
        return renderCampaign(request, reply, code, {
          problem: request.t(`errors.${error.code}`),
          status: 409,
        });
      throw error;
    }
  });

  app.post(`${CAMPAIGNS_PATH}/:campaign/cap-luot`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const code = campaignCode(request.params);
    const body = record(request.body);
    const grantValues = {
      username: text(body.username).trim().slice(0, 100),
      reason: text(body.reason).slice(0, 600),
    };
    const parsed = parseWith(ZGrantInput, grantValues);
    if (!parsed.ok)
      return renderCampaign(request, reply, code, { errors: parsed.fields, status: 400, grantValues });
    try {
      await grantAttempt(deps, context(request), code, parsed.value);
      return reply.redirect(
        `${campaignPath(code)}?cap-luot=${encodeURIComponent(parsed.value.username)}`,
        303,
      );
    } catch (error) {
      if (isAppError(error) && error.status === 409)
        return renderCampaign(request, reply, code, {
          problem: request.t(`errors.${error.code}`),
          status: 409,
          grantValues,
        });
      if (isAppError(error) && error.code === 'CAPACITY_CANDIDATE_NOT_FOUND')
        return renderCampaign(request, reply, code, {
          errors: { username: { key: 'capacity.grant.notCandidate' } },
          status: 400,
          grantValues,
        });
      throw error;
    }
  });

  app.get(`${CAMPAIGNS_PATH}/:campaign/xuat`, { schema: { hide: true } }, async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const report = await campaignReport(deps, context(request), campaignCode(request.params));
    const { data, labels } = presentResultsWorkbook(report, request.t.bind(request), request.locale);
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="ket-qua-${report.view.campaign.code}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(await resultsToXlsx(data, labels));
  });
};
