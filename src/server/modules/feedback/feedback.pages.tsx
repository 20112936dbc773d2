// Feedback's pages: the public list, answered items, the form (multipart, for attachments), the receipt
// and the look-up; the staff queue, an item with its action forms, attachments, and the time limit.
// Forms re-render with a 400 (413/415 for files) and an error summary; every change redirects (303).
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantsAllow } from '../../../shared/auth/roles.js';
import {
  AppError,
  ERROR_STATUS,
  type ErrorCode,
  type FieldErrors,
  isAppError,
} from '../../../shared/errors.js';
import {
  FEEDBACK_CODE_PATTERN,
  MAX_FEEDBACK_FILES,
  ZFeedbackAnswer,
  ZFeedbackClose,
  ZFeedbackCodeParams,
  ZFeedbackLookup,
  ZFeedbackPublicQuery,
  ZFeedbackSettings,
  ZFeedbackStaffQuery,
  ZFeedbackSubmit,
  ZFeedbackTriage,
} from '../../../shared/feedback/schema.js';
import type { FeedbackAction } from '../../../shared/feedback/workflow.js';
import { MAX_FILE_BYTES } from '../../../shared/files/limits.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext, Actor } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm, type Upload } from '../../plugins/multipart-form.js';
import { findAgenciesOfUnits } from '../units/units.repository.js';
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
  listFeedbackUnits,
  listForStaff,
  listPublished,
  lookUpFeedback,
  readAttachment,
  staffViewAfterAction,
  submitFeedback,
  triageFeedback,
  uploadsProblem,
} from './feedback.service.js';
import {
  FEEDBACK_FORM_PATH,
  FEEDBACK_LOOKUP_PATH,
  FEEDBACK_PATH,
  STAFF_FEEDBACK_PATH,
  STAFF_FEEDBACK_SETTINGS_PATH,
  staffFeedbackPath,
} from './views/paths.js';
import {
  emptyFeedbackForm,
  FeedbackDetailPage,
  FeedbackFormPage,
  type FeedbackFormValues,
  FeedbackListPage,
  FeedbackLookupPage,
  FeedbackReceiptPage,
} from './views/public-pages.js';
import { type ActionFormValues, StaffDetailPage, StaffQueuePage } from './views/staff-pages.js';

/** A form or query value as text: anything else (a repeated parameter, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const checked = (value: unknown) => typeof value === 'string' && value !== '';
const blankToNull = (value: string) => (value.trim() === '' ? null : value);

const OPEN311_DISCOVERY_PATH = '/open311/discovery.json';
const STAFF_ROLES = new Set([
  'counter_officer',
  'specialist',
  'unit_head',
  'signing_leader',
  'administrator',
]);
const isStaff = (actor: Actor | null) => actor?.grants.some((g) => STAFF_ROLES.has(g.role)) ?? false;

const ACTION_SLUGS: Record<string, FeedbackAction> = {
  'phan-loai': 'triage',
  'tra-loi': 'answer',
  dong: 'close',
};

/** A service's field errors with the status to answer, or the error itself when it has none (403, 404...). */
function fieldsOf(error: unknown): { fields: FieldErrors; status: number } {
  if (isAppError(error) && error.options.fields)
    return { fields: error.options.fields, status: error.status };
  throw error;
}

export const feedbackPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  // Only the form's route parses multipart bodies here. Text fields may be long (4,000 characters of
  // up to 4 bytes): a field beyond fieldSize is cut short, and still too long for the schema to accept.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: MAX_FEEDBACK_FILES + 1,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: 30,
      headerPairs: 50,
    },
  });
  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** Staff pages: signed-out visitors go to the login page and come back; others get a 403. */
  const requireStaff = (request: FastifyRequest, reply: FastifyReply): Actor | null => {
    if (!request.actor) {
      void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    if (!grantsAllow(request.actor.grants, 'feedback.handle')) throw new AppError('FORBIDDEN');
    return request.actor;
  };

  const codeOf = (params: unknown): string => {
    const parsed = parseWith(ZFeedbackCodeParams, record(params));
    if (!parsed.ok) throw new AppError('FEEDBACK_NOT_FOUND');
    return parsed.value.code;
  };

  const unitOptions = async (request: FastifyRequest) =>
    (await listFeedbackUnits(deps)).map((u) => ({
      value: u.code,
      label: request.locale === 'en' ? u.nameEn : u.name,
    }));

  // ---------------------------------------------------------------------------------------------
  // Public pages
  // ---------------------------------------------------------------------------------------------

  app.get(FEEDBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const query = record(request.query);
    const kind = text(query.kind);
    const q = text(query.q).trim();
    const parsed = parseWith(ZFeedbackPublicQuery, {
      kind: kind || undefined,
      q: q || undefined,
      page: text(query.page) || undefined,
    });
    const value = parsed.ok ? parsed.value : ZFeedbackPublicQuery.parse({});
    const result = await listPublished(deps, value);
    const settings = await getFeedbackSettings(deps);
    const view = {
      timeLimitDays: settings.timeLimitDays,
      kind: value.kind ?? '',
      q: value.q ?? '',
      items: result.items.map((item) => presentPublic(item, request.locale)),
      total: result.total,
      page: value.page,
      pages: Math.max(1, Math.ceil(result.total / value.pageSize)),
      open311Url: `${deps.config.publicUrl}${OPEN311_DISCOVERY_PATH}`,
    };
    return reply.page((ctx) => <FeedbackListPage ctx={ctx} view={view} />);
  });

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FeedbackFormValues,
    errors?: FieldErrors,
    status = 200,
  ) => {
    const [units, settings] = [await unitOptions(request), await getFeedbackSettings(deps)];
    return reply.page(
      (ctx) => (
        <FeedbackFormPage
          ctx={ctx}
          values={values}
          units={units}
          timeLimitDays={settings.timeLimitDays}
          staff={isStaff(request.actor)}
          errors={errors}
        />
      ),
      status,
    );
  };

  app.get(FEEDBACK_FORM_PATH, { schema: { hide: true } }, async (request, reply) => {
    const query = record(request.query);
    const values = emptyFeedbackForm(deps.config.homeUnitCode);
    // A link from a procedure's page may name it: /phan-anh-kien-nghi/gui?thu-tuc=1.001193
    const procedure = text(query['thu-tuc']).trim().slice(0, 40);
    if (procedure) {
      values.subjectType = 'procedure';
      values.procedureCode = procedure;
    }
    return renderForm(request, reply, values);
  });

  app.post(
    FEEDBACK_FORM_PATH,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      let fields: Record<string, unknown>;
      let uploads: Upload[] = [];
      if (request.isMultipart()) {
        const form = await readMultipartForm(request);
        if (!csrfTokenMatches(request, form.fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
        fields = form.fields;
        uploads = form.files;
      } else {
        // A form posted without files (or by a browser that sent it url-encoded): the app-wide hook
        // has checked its CSRF token already.
        fields = record(request.body);
      }
      const values: FeedbackFormValues = {
        kind: text(fields.kind),
        subjectType: text(fields.subjectType),
        procedureCode: text(fields.procedureCode),
        officerName: text(fields.officerName),
        unitCode: text(fields.unitCode),
        body: text(fields.body),
        senderName: text(fields.senderName),
        senderPhone: text(fields.senderPhone),
        senderEmail: text(fields.senderEmail),
        senderAddress: text(fields.senderAddress),
        publishConsent: checked(fields.publishConsent),
        channel: text(fields.channel),
      };
      const parsed = parseWith(ZFeedbackSubmit, {
        kind: values.kind,
        subjectType: values.subjectType,
        procedureCode: blankToNull(values.procedureCode),
        officerName: blankToNull(values.officerName),
        unitCode: blankToNull(values.unitCode),
        body: values.body,
        senderName: blankToNull(values.senderName),
        senderPhone: blankToNull(values.senderPhone),
        senderEmail: blankToNull(values.senderEmail),
        senderAddress: blankToNull(values.senderAddress),
        publishConsent: values.publishConsent,
        ...(values.channel ? { channel: values.channel } : {}),
      });
      // Every problem at once: the fields' and the attachments' (checked by content, nothing stored).
      const files = uploadsProblem(uploads);
      if (!parsed.ok || files) {
        const errors = { ...(parsed.ok ? {} : parsed.fields), ...(files?.fields ?? {}) };
        return renderForm(
          request,
          reply,
          values,
          errors,
          parsed.ok && files ? ERROR_STATUS[files.code] : 400,
        );
      }
      try {
        const { item, accessKey } = await submitFeedback(deps, context(request), {
          values: parsed.value,
          channel: 'web',
          uploads,
          locale: request.locale,
          ip: request.ip,
        });
        const receipt = presentReceipt(item, accessKey, request.locale);
        // The key is shown only here, once: the page is the answer to the POST, never a redirect.
        return reply.page((ctx) => <FeedbackReceiptPage ctx={ctx} receipt={receipt} />, 201);
      } catch (error) {
        const { fields: errors, status } = fieldsOf(error);
        return renderForm(request, reply, values, errors, status);
      }
    },
  );

  const renderLookup = (
    reply: FastifyReply,
    values: { code: string; key: string },
    extra: { standing?: ReturnType<typeof presentStanding>; errors?: FieldErrors; status?: number } = {},
  ) =>
    reply.page(
      (ctx) => (
        <FeedbackLookupPage ctx={ctx} values={values} standing={extra.standing} errors={extra.errors} />
      ),
      extra.status ?? 200,
    );

  const lookUp = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { code: string; key: string },
  ) => {
    const parsed = parseWith(ZFeedbackLookup, { code: values.code, key: values.key || undefined });
    if (!parsed.ok) return renderLookup(reply, values, { errors: parsed.fields, status: 400 });
    try {
      const standing = await lookUpFeedback(deps, {
        code: parsed.value.code,
        key: parsed.value.key,
        ip: request.ip,
      });
      return renderLookup(reply, values, {
        standing: presentStanding(standing.item, standing.full, request.locale),
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'FEEDBACK_NOT_FOUND')
        return renderLookup(reply, values, {
          errors: { code: { key: 'errors.FEEDBACK_NOT_FOUND' } },
          status: 404,
        });
      const { fields, status } = fieldsOf(error);
      return renderLookup(reply, values, { errors: fields, status });
    }
  };

  app.get(FEEDBACK_LOOKUP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const code = text(record(request.query).code).trim();
    if (!code) return renderLookup(reply, { code: '', key: '' });
    // A link (from an e-mail or the receipt) carries the code only: the standing, without the texts.
    return lookUp(request, reply, { code, key: '' });
  });

  app.post(FEEDBACK_LOOKUP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const body = record(request.body);
    return lookUp(request, reply, { code: text(body.code).trim(), key: text(body.key).trim() });
  });

  app.get(`${FEEDBACK_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const item = presentPublic(await getPublished(deps, codeOf(request.params)), request.locale);
    return reply.page((ctx) => <FeedbackDetailPage ctx={ctx} item={item} />);
  });

  // ---------------------------------------------------------------------------------------------
  // Staff pages
  // ---------------------------------------------------------------------------------------------

  const renderQueue = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    settingsForm?: { timeLimitDays: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const query = record(request.query);
    const parsed = parseWith(ZFeedbackStaffQuery, {
      queue: text(query.queue) || undefined,
      q: text(query.q) || undefined,
      page: text(query.page) || undefined,
    });
    const value = parsed.ok ? parsed.value : ZFeedbackStaffQuery.parse({});
    const result = await listForStaff(deps, actor, value);
    const isAdmin = grantsAllow(actor.grants, 'feedback.settings');
    const settings = isAdmin ? await getFeedbackSettings(deps) : null;
    const saved = text(query.saved);
    const routed = text(query.routed).toUpperCase();
    const view = {
      queue: value.queue,
      q: value.q ?? '',
      items: result.items.map(({ item, progress }) => presentStaffSummary(item, progress, request.locale)),
      total: result.total,
      page: value.page,
      pages: Math.max(1, Math.ceil(result.total / value.pageSize)),
      counts: result.counts,
      settings: settings ? (settingsForm ?? { timeLimitDays: String(settings.timeLimitDays) }) : null,
      notice:
        saved && /^\d{1,2}$/.test(saved)
          ? request.t('feedback.staff.settings.saved', { days: saved })
          : FEEDBACK_CODE_PATTERN.test(routed)
            ? request.t('feedback.staff.routed', { code: routed })
            : undefined,
    };
    return reply.page((ctx) => <StaffQueuePage ctx={ctx} view={view} />, status);
  };

  app.get(STAFF_FEEDBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    return renderQueue(request, reply, actor);
  });

  app.post(STAFF_FEEDBACK_SETTINGS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    const timeLimitDays = text(record(request.body).timeLimitDays).trim();
    const parsed = parseWith(ZFeedbackSettings, { timeLimitDays });
    if (!parsed.ok) return renderQueue(request, reply, actor, { timeLimitDays, errors: parsed.fields }, 400);
    await changeFeedbackSettings(deps, context(request), parsed.value);
    return reply.redirect(`${STAFF_FEEDBACK_PATH}?saved=${parsed.value.timeLimitDays}`, 303);
  });

  const agencyGroups = async (request: FastifyRequest) => {
    const units = await listFeedbackUnits(deps);
    const agencies = await findAgenciesOfUnits(
      deps.database.db,
      units.map((u) => u.id),
    );
    return units
      .map((unit) => ({
        label: request.locale === 'en' ? unit.nameEn : unit.name,
        options: agencies
          .filter((a) => a.unit_id === unit.id)
          .map((a) => ({ value: a.code, label: request.locale === 'en' ? a.name_en : a.name })),
      }))
      .filter((group) => group.options.length > 0);
  };

  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    code: string,
    extra: {
      values?: Partial<ActionFormValues>;
      errors?: FieldErrors | undefined;
      failedAction?: FeedbackAction;
      notice?: string;
      warning?: string;
      status?: number;
    } = {},
  ) => {
    const detail = await getForStaff(deps, actor, code);
    const item = presentStaffDetail(detail, request.locale);
    const view = {
      item,
      events: detail.events.map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        actorName: e.actor_name,
        note: e.note,
      })),
      units: await unitOptions(request),
      agencies: await agencyGroups(request),
      values: {
        triage: extra.values?.triage ?? {
          unitCode: item.unit.code,
          agencyCode: item.agency?.code ?? '',
          officerUsername: item.officer?.username ?? '',
          note: '',
        },
        answer: extra.values?.answer ?? { answer: '', upheld: '', publish: true },
        close: extra.values?.close ?? { reason: '' },
      },
      errors: extra.errors,
      failedAction: extra.failedAction,
      notice: extra.notice,
      warning: extra.warning,
    };
    return reply.page((ctx) => <StaffDetailPage ctx={ctx} view={view} />, extra.status ?? 200);
  };

  app.get(`${STAFF_FEEDBACK_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    const done = text(record(request.query).done);
    const notice = ['triage', 'answer', 'close'].includes(done)
      ? request.t(`feedback.staff.done.${done}`)
      : undefined;
    return renderDetail(request, reply, actor, codeOf(request.params), notice ? { notice } : {});
  });

  app.post(`${STAFF_FEEDBACK_PATH}/:code/:action`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    const code = codeOf(request.params);
    const action = ACTION_SLUGS[text(record(request.params).action)];
    if (!action) throw new AppError('NOT_FOUND');
    const body = record(request.body);
    const expectedVersion = text(body.expectedVersion);
    const values: Partial<ActionFormValues> = {};
    let run: () => Promise<FeedbackView | undefined>;
    let parsed: { ok: true } | { ok: false; fields: FieldErrors };
    if (action === 'triage') {
      const triage = {
        unitCode: text(body.unitCode),
        agencyCode: text(body.agencyCode),
        officerUsername: text(body.officerUsername),
        note: text(body.note),
      };
      values.triage = triage;
      const result = parseWith(ZFeedbackTriage, {
        expectedVersion,
        unitCode: triage.unitCode,
        agencyCode: blankToNull(triage.agencyCode),
        officerUsername: blankToNull(triage.officerUsername),
        note: blankToNull(triage.note),
      });
      parsed = result;
      run = () =>
        result.ok ? triageFeedback(deps, context(request), code, result.value) : Promise.resolve(undefined);
    } else if (action === 'answer') {
      const answer = { answer: text(body.answer), upheld: text(body.upheld), publish: checked(body.publish) };
      values.answer = answer;
      const result = parseWith(ZFeedbackAnswer, {
        expectedVersion,
        answer: answer.answer,
        upheld: answer.upheld === 'true' ? true : answer.upheld === 'false' ? false : undefined,
        publish: answer.publish,
      });
      parsed = result;
      run = () =>
        result.ok ? answerFeedback(deps, context(request), code, result.value) : Promise.resolve(undefined);
    } else {
      const close = { reason: text(body.reason) };
      values.close = close;
      const result = parseWith(ZFeedbackClose, { expectedVersion, reason: close.reason });
      parsed = result;
      run = () =>
        result.ok ? closeFeedback(deps, context(request), code, result.value) : Promise.resolve(undefined);
    }
    if (!parsed.ok)
      return renderDetail(request, reply, actor, code, {
        values,
        errors: parsed.fields,
        failedAction: action,
        status: 400,
      });
    let item: FeedbackView | undefined;
    try {
      item = await run();
    } catch (error) {
      if (!isAppError(error)) throw error;
      const conflicts: ErrorCode[] = ['VERSION_CONFLICT', 'ACTION_NOT_ALLOWED'];
      if (conflicts.includes(error.code))
        return renderDetail(request, reply, actor, code, {
          warning: request.t('feedback.staff.conflict'),
          status: 409,
        });
      const { fields, status } = fieldsOf(error);
      return renderDetail(request, reply, actor, code, {
        values,
        errors: fields,
        failedAction: action,
        status,
      });
    }
    // Routed out of the officer's own units: back to the queue, with a word on where it went.
    if (item && !(await staffViewAfterAction(deps, actor, item)).visible)
      return reply.redirect(`${STAFF_FEEDBACK_PATH}?routed=${encodeURIComponent(code)}`, 303);
    return reply.redirect(`${staffFeedbackPath(code)}?done=${action}`, 303);
  });

  app.get(`${STAFF_FEEDBACK_PATH}/:code/tep/:fileId`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    const fileId = text(record(request.params).fileId);
    if (!/^[0-9a-f-]{36}$/.test(fileId)) throw new AppError('FILE_NOT_FOUND');
    const { file, bytes } = await readAttachment(deps, actor, codeOf(request.params), fileId);
    return reply
      .header('content-type', file.media_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
};
