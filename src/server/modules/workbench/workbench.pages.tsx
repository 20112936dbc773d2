import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formForProcedure } from '../../../shared/applications/forms.js';
import { ZCounterIntake } from '../../../shared/applications/intake.js';
import { ZApplicationAction, ZApplicationCodeParams } from '../../../shared/applications/schema.js';
import { ZWorkbenchQuery } from '../../../shared/applications/workbench.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../shared/files/limits.js';
import { formatDateTime } from '../../../shared/i18n/index.js';
import { parseWith } from '../../../shared/validation.js';
import type { Actor } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm, uploadProblem } from '../../plugins/multipart-form.js';
import { presentApplication } from '../applications/applications.presenter.js';
import {
  getApplicationFor,
  loadApplicationDetails,
  performAction,
} from '../applications/applications.service.js';
import { receiveAtCounter } from '../applications/intake.service.js';
import { defaultCaseComponents } from '../catalog/catalog.presenter.js';
import { getProcedure, searchProcedures } from '../catalog/catalog.service.js';
import { kioskAvailable } from '../evaluations/evaluations.service.js';
import { kioskPath } from '../evaluations/views/paths.js';
import { uploadFile } from '../files/files.service.js';
import { paymentsOfApplication } from '../payments/payments.service.js';
import { ApplicationPage } from './views/application-page.js';
import { type IntakeOutcome, IntakePage } from './views/intake-page.js';
import { WorkbenchPage } from './views/workbench-page.js';
import { presentWorkbenchItem } from './workbench.presenter.js';
import { actionChoices, listWorkbench, queueCounts } from './workbench.service.js';

const STAFF = new Set(['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator']);

/** Staff pages: signed-out visitors go to the login page and come back; others get a 403. */
function requireStaff(request: FastifyRequest, reply: FastifyReply): Actor | null {
  if (!request.actor) {
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    return null;
  }
  if (!request.actor.grants.some((g) => STAFF.has(g.role))) throw new AppError('FORBIDDEN');
  return request.actor;
}

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];

/** The action form's flat fields, typed for the shared action schema. */
function actionInput(body: Record<string, unknown>) {
  const text = (name: string) =>
    typeof body[name] === 'string' && (body[name] as string).trim() !== ''
      ? (body[name] as string).trim()
      : undefined;
  const newDueDate = text('newDueDate');
  const amount = text('amountVnd')?.replace(/[.\s,]/g, '');
  return {
    action: text('action'),
    expectedVersion: Number(text('expectedVersion')),
    note: text('note'),
    assignee: text('assignee'),
    toAgency: text('toAgency'),
    newDueAt: newDueDate ? `${newDueDate}T${text('newDueTime') ?? '17:00'}:00+07:00` : undefined,
    amountVnd: amount === undefined ? undefined : /^\d{1,13}$/.test(amount) ? Number(amount) : Number.NaN,
    paymentMethod: text('paymentMethod'),
    receiptNumber: text('receiptNumber'),
  };
}

export const workbenchPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  // Only these routes parse multipart bodies: the electronic result an officer returns online.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 6, fieldSize: 4096, parts: 8, headerPairs: 50 },
  });
  /** The form's field titles, so officers read "Ngày chết", not "dateOfDeath". */
  const formLabels = async (procedureCode: string, locale: 'vi' | 'en'): Promise<Record<string, string>> => {
    const procedure = await getProcedure(deps, procedureCode, { includeRetired: true });
    const form = formForProcedure(procedure.record);
    return Object.fromEntries(
      Object.entries(form.properties).map(([key, p]) => [key, locale === 'vi' ? p.title : p['x-title-en']]),
    );
  };
  const context = (request: FastifyRequest) => ({ actor: request.actor, requestId: request.id });
  /** What the application page shows: the application as the officer may see it, and the choices of its forms. */
  const loadApplicationPage = async (request: FastifyRequest, actor: Actor, code: string) => {
    const application = await getApplicationFor(deps, context(request), code);
    const view = presentApplication(application, await loadApplicationDetails(deps, actor, application));
    const labels = await formLabels(application.procedure_code, request.locale);
    const choices = await actionChoices(deps, application, view.allowedActions);
    return { application, view, labels, choices };
  };

  app.get(
    '/can-bo',
    {
      schema: {
        hide: true,
        querystring: ZWorkbenchQuery.extend({
          ok: z.coerce.number().int().min(0).max(1000).optional(),
          failed: z.coerce.number().int().min(0).max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      const query = request.query;
      const [result, counts] = await Promise.all([
        listWorkbench(deps, actor, query),
        queueCounts(deps, actor),
      ]);
      const notice =
        query.ok !== undefined
          ? request.t('workbench.bulkDone', { ok: query.ok, failed: query.failed ?? 0 })
          : undefined;
      return reply.page((ctx) => (
        <WorkbenchPage
          ctx={ctx}
          queue={query.queue}
          q={query.q ?? ''}
          items={result.items.map(presentWorkbenchItem)}
          total={result.total}
          page={query.page}
          pageSize={query.pageSize}
          counts={counts}
          canAccept={actor.grants.some((g) => g.role === 'counter_officer')}
          canIntake={actor.grants.some((g) => g.role === 'counter_officer')}
          registerFrom={`${vietnamDate(deps.clock.now()).slice(0, 8)}01`}
          registerTo={vietnamDate(deps.clock.now())}
          notice={notice}
        />
      ));
    },
  );

  app.post('/can-bo/tiep-nhan-nhieu', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireStaff(request, reply);
    if (!actor) return reply;
    const items = asList((request.body as Record<string, unknown> | undefined)?.items).slice(0, 100);
    let ok = 0;
    let failed = 0;
    for (const item of items) {
      const [code = '', version = ''] = item.split(':');
      const parsed = ZApplicationAction.safeParse({ action: 'accept', expectedVersion: Number(version) });
      if (!parsed.success || !ZApplicationCodeParams.safeParse({ code }).success) {
        failed++;
        continue;
      }
      try {
        await performAction(deps, context(request), { ...parsed.data, code });
        ok++;
      } catch (error) {
        if (!isAppError(error)) throw error;
        failed++;
      }
    }
    return reply.redirect(`/can-bo?queue=new&ok=${ok}&failed=${failed}`, 303);
  });

  app.get(
    '/can-bo/ho-so/:code',
    {
      schema: {
        hide: true,
        params: ZApplicationCodeParams,
        querystring: z.object({ done: z.string().max(40).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      const { application, view, labels, choices } = await loadApplicationPage(
        request,
        actor,
        request.params.code,
      );
      const done = request.query.done;
      const notice =
        done && /^[a-z_]+$/.test(done)
          ? request.t('workbench.detail.done', { action: request.t(`applications.actions.${done}`) })
          : undefined;
      const kioskHref = (await kioskAvailable(deps, actor, application))
        ? kioskPath(application.code)
        : undefined;
      const payments = await paymentsOfApplication(deps, application);
      return reply.page((ctx) => (
        <ApplicationPage
          ctx={ctx}
          view={view}
          labels={labels}
          notice={notice}
          kioskHref={kioskHref}
          choices={choices}
          payments={payments}
        />
      ));
    },
  );

  app.post(
    '/can-bo/ho-so/:code/thao-tac',
    { schema: { hide: true, params: ZApplicationCodeParams } },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      const code = request.params.code;
      const input = actionInput((request.body ?? {}) as Record<string, unknown>);
      const rerender = async (
        status: number,
        options: { errors?: import('../../../shared/errors.js').FieldErrors; warning?: string },
      ) => {
        const { view, labels, choices } = await loadApplicationPage(request, actor, code);
        return reply.page(
          (ctx) => (
            <ApplicationPage
              ctx={ctx}
              view={view}
              labels={labels}
              choices={choices}
              errors={options.errors}
              failedAction={input.action}
              warning={options.warning}
            />
          ),
          status,
        );
      };
      const parsed = parseWith(ZApplicationAction, input);
      if (!parsed.ok) return rerender(400, { errors: parsed.fields });
      try {
        await performAction(deps, context(request), { ...parsed.value, code });
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'VERSION_CONFLICT')
          return rerender(409, { warning: request.t('workbench.detail.conflict') });
        if (error.code === 'VALIDATION_FAILED' && error.options.fields)
          return rerender(400, { errors: error.options.fields });
        throw error;
      }
      return reply.redirect(`/can-bo/ho-so/${code}?done=${parsed.value.action}`, 303);
    },
  );

  // The result returned online: the file is read whole, the CSRF field checked, then stored and
  // attached by the return_result action in one go.
  app.post(
    '/can-bo/ho-so/:code/tra-ket-qua',
    { schema: { hide: true, params: ZApplicationCodeParams }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const { fields, files } = await readMultipartForm(request);
      if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
      const code = request.params.code;
      const upload = files[0];
      const fail = async (key: string, status: number) => {
        const { view, labels, choices } = await loadApplicationPage(request, actor, code);
        const errors = { resultFile: { key, params: { maxMb: MAX_FILE_BYTES / 1048576 } } };
        return reply.page(
          (ctx) => (
            <ApplicationPage
              ctx={ctx}
              view={view}
              labels={labels}
              choices={choices}
              errors={errors}
              failedAction="return_result"
            />
          ),
          status,
        );
      };
      if (!upload) return fail('validation.required', 400);
      const problem = uploadProblem(upload);
      if (problem) return fail(`errors.${problem.code}`, problem.status);
      const stored = await uploadFile(deps, context(request), { bytes: upload.bytes, name: upload.name });
      try {
        await performAction(deps, context(request), {
          code,
          action: 'return_result',
          expectedVersion: Number(fields.expectedVersion),
          fileIds: [stored.id],
          ...(fields.note?.trim() ? { note: fields.note.trim() } : {}),
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'VERSION_CONFLICT')
          return fail('errors.VERSION_CONFLICT', 409);
        throw error;
      }
      return reply.redirect(`/can-bo/ho-so/${code}?done=return_result`, 303);
    },
  );

  // A fee exemption: the reason (with its legal basis) in the note and the document granting it, one
  // multipart form read whole, its CSRF field checked, the file stored and attached by exempt_fee.
  app.post(
    '/can-bo/ho-so/:code/mien-phi',
    { schema: { hide: true, params: ZApplicationCodeParams }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const { fields, files } = await readMultipartForm(request);
      if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
      const code = request.params.code;
      const fail = async (errors: import('../../../shared/errors.js').FieldErrors, status: number) => {
        const { view, labels, choices } = await loadApplicationPage(request, actor, code);
        return reply.page(
          (ctx) => (
            <ApplicationPage
              ctx={ctx}
              view={view}
              labels={labels}
              choices={choices}
              errors={errors}
              failedAction="exempt_fee"
            />
          ),
          status,
        );
      };
      const upload = files[0];
      if (!upload) return fail({ exemptionFile: { key: 'applications.errors.exemptionDocument' } }, 400);
      const problem = uploadProblem(upload);
      if (problem)
        return fail(
          { exemptionFile: { key: `errors.${problem.code}`, params: { maxMb: MAX_FILE_BYTES / 1048576 } } },
          problem.status,
        );
      const note = fields.note?.trim() ?? '';
      if (note.length < 5) return fail({ note: { key: 'applications.errors.reasonRequired' } }, 400);
      const stored = await uploadFile(deps, context(request), { bytes: upload.bytes, name: upload.name });
      try {
        await performAction(deps, context(request), {
          code,
          action: 'exempt_fee',
          expectedVersion: Number(fields.expectedVersion),
          fileIds: [stored.id],
          note,
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'VERSION_CONFLICT') return fail({ note: { key: 'errors.VERSION_CONFLICT' } }, 409);
        if (error.code === 'VALIDATION_FAILED' && error.options.fields)
          return fail(error.options.fields, 400);
        throw error;
      }
      return reply.redirect(`/can-bo/ho-so/${code}?done=exempt_fee`, 303);
    },
  );

  const intakeQuery = z.object({
    q: z.string().max(200).optional(),
    procedure: z.string().max(40).optional(),
  });

  async function intakeProcedure(code: string | undefined) {
    if (!code) return null;
    const procedure = await getProcedure(deps, code).catch((error: unknown) => {
      if (isAppError(error)) return null;
      throw error;
    });
    return procedure
      ? {
          code: procedure.code,
          name: procedure.record.name,
          components: defaultCaseComponents(procedure.record),
        }
      : null;
  }

  app.get(
    '/can-bo/tiep-nhan',
    { schema: { hide: true, querystring: intakeQuery } },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      const q = request.query.q?.trim() ?? '';
      const results = q
        ? (await searchProcedures(deps, { q, page: 1, pageSize: 10 })).items.map((i) => ({
            code: i.code,
            name: i.name,
          }))
        : [];
      const procedure = await intakeProcedure(request.query.procedure);
      return reply.page((ctx) => <IntakePage ctx={ctx} q={q} results={results} procedure={procedure} />);
    },
  );

  app.post(
    '/can-bo/tiep-nhan',
    { schema: { hide: true, querystring: intakeQuery } },
    async (request, reply) => {
      const actor = requireStaff(request, reply);
      if (!actor) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const procedure = await intakeProcedure(request.query.procedure);
      if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
      const values = Object.fromEntries(
        Object.entries(body)
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => [k, String(v)]),
      );
      const checked = asList(body.checkedComponents);
      const input = {
        procedureCode: procedure.code,
        applicant: {
          fullName: values['applicant.fullName'] ?? '',
          idNumber: values['applicant.idNumber'] ?? '',
          phone: values['applicant.phone'] ?? '',
          ...(values['applicant.email'] ? { email: values['applicant.email'] } : {}),
        },
        checkedComponents: checked,
        decision: values.decision ?? 'accept',
        ...(values.note ? { note: values.note } : {}),
      };
      const render = (
        status: number,
        extra: { errors?: import('../../../shared/errors.js').FieldErrors; outcome?: IntakeOutcome },
      ) =>
        reply.page(
          (ctx) => (
            <IntakePage
              ctx={ctx}
              q=""
              results={[]}
              procedure={procedure}
              values={extra.outcome ? {} : values}
              checked={extra.outcome ? [] : checked}
              errors={extra.errors}
              outcome={extra.outcome}
            />
          ),
          status,
        );
      const parsed = parseWith(ZCounterIntake, input);
      if (!parsed.ok) return render(400, { errors: parsed.fields });
      try {
        const result = await receiveAtCounter(deps, context(request), parsed.value);
        return render(200, {
          outcome: {
            decision: result.decision,
            code: result.application?.code ?? null,
            due: result.application?.due_at ? formatDateTime(result.application.due_at) : null,
            missing: result.missing,
          },
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'VALIDATION_FAILED' && error.options.fields)
          return render(400, { errors: error.options.fields });
        throw error;
      }
    },
  );
};
