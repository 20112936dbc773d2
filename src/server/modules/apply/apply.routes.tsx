// The citizen's pages: the online application journey (/nop-ho-so), "Hồ sơ của tôi" (/ho-so) with
// the receipt and its PDF, and public tracking (/tra-cuu). Every journey works without JavaScript:
// uploads are plain multipart forms whose CSRF token travels as a field and is checked in the handler
// before anything uploaded is used (see plugins/csrf.ts).
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZProcedureCode } from '../../../shared/catalog/schema.js';
import { AppError, type FieldErrors, isAppError } from '../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../shared/files/limits.js';
import { parseWith } from '../../../shared/validation.js';
import type { ActionContext } from '../../context.js';
import { CSRF_CHECKED_IN_HANDLER, CSRF_FIELD, csrfTokenMatches } from '../../plugins/csrf.js';
import { readMultipartForm, type Upload, uploadProblem } from '../../plugins/multipart-form.js';
import {
  MAX_SUPPLEMENT_FILES,
  performAction,
  trackApplication,
} from '../applications/applications.service.js';
import { evaluationStateOf } from '../evaluations/evaluations.service.js';
import { paymentsForApplicant, paymentsOfApplication } from '../payments/payments.service.js';
import { presentApplicationView, presentPublicTracking } from './apply.presenter.js';
import {
  PAGE_APPLICATION_CODE,
  pageNumber,
  type TDraftData,
  ZDraftId,
  ZSupplementForm,
  ZWithdrawForm,
} from './apply.schema.js';
import {
  type ApplyProcedure,
  addDraftDocument,
  completeDocuments,
  counterOfUnit,
  type DetailsInput,
  deleteDraft,
  getDraft,
  listMyApplications,
  listMyDrafts,
  loadApplyProcedure,
  loadMyApplication,
  removeDraftDocument,
  saveDetails,
  sendSupplement,
  startDraft,
  submitDraft,
} from './apply.service.js';
import { buildReceiptPdf } from './receipt-pdf.js';
import { ApplicationPage, type DoneNotice } from './views/application-page.js';
import { DetailsPage } from './views/details-page.js';
import { DocumentsPage } from './views/documents-page.js';
import { MyApplicationsPage } from './views/my-applications-page.js';
import {
  APPLY_PATH,
  applicationPath,
  applyPath,
  draftPath,
  loginPath,
  MY_APPLICATIONS_PATH,
  receiptPath,
  TRACK_PATH,
} from './views/paths.js';
import { ReceiptPage } from './views/receipt-page.js';
import { ReviewPage } from './views/review-page.js';
import { StartPage } from './views/start-page.js';
import { type TrackOutcome, TrackPage } from './views/track-page.js';

/** A form or query value as text: anything else (a repeated field, nothing) becomes ''. */
const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC') : '');
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The procedure code of an address, or 404 for one that cannot be a code. */
function procedureCodeOf(params: unknown): string {
  const parsed = ZProcedureCode.safeParse(record(params).code);
  if (!parsed.success) throw new AppError('PROCEDURE_NOT_FOUND');
  return parsed.data;
}

function draftIdOf(params: unknown): string {
  const parsed = ZDraftId.safeParse(record(params).draftId);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

function applicationCodeOf(params: unknown): string {
  const code = text(record(params).code);
  if (!PAGE_APPLICATION_CODE.test(code)) throw new AppError('APPLICATION_NOT_FOUND');
  return code;
}

/** The furthest step a draft may be shown at, and the links of the step indicator. */
function stepLinks(code: string, draftId: string, data: TDraftData): (string | null)[] {
  return [
    draftPath(code, draftId, 'thong-tin'),
    data.detailsDone ? draftPath(code, draftId, 'giay-to') : null,
    data.detailsDone && data.documentsDone ? draftPath(code, draftId, 'kiem-tra') : null,
  ];
}

function resumePath(code: string, draftId: string, data: TDraftData): string {
  if (!data.detailsDone) return draftPath(code, draftId, 'thong-tin');
  if (!data.documentsDone) return draftPath(code, draftId, 'giay-to');
  return draftPath(code, draftId, 'kiem-tra');
}

function stepKeyOf(data: TDraftData): string {
  if (!data.detailsDone) return 'applications.drafts.atDetails';
  if (!data.documentsDone) return 'applications.drafts.atDocuments';
  return 'applications.drafts.atReview';
}

/** The details form as typed, whatever was sent. */
function detailsFromBody(procedure: ApplyProcedure, body: Record<string, unknown>): DetailsInput {
  const formData: Record<string, string> = {};
  for (const name of Object.keys(procedure.form.properties)) {
    const value = text(body[`formData.${name}`]).trim();
    if (value) formData[name] = value.slice(0, 5000);
  }
  return {
    applicant: {
      fullName: text(body['applicant.fullName']).trim().slice(0, 2000),
      idNumber: text(body['applicant.idNumber']).trim().slice(0, 2000),
      phone: text(body['applicant.phone']).trim().slice(0, 2000),
      email: text(body['applicant.email']).trim().slice(0, 2000),
      address: text(body['applicant.address']).trim().slice(0, 2000),
    },
    unitCode: text(body.unitCode).trim().slice(0, 20),
    formData,
  };
}

const FILE_ERROR_PARAMS = { maxMb: MAX_FILE_BYTES / 1024 / 1024 };

export const applyPages: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  // Registered here, so only these routes parse multipart bodies, with the limits uploads have.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: MAX_SUPPLEMENT_FILES,
      fields: 8,
      fieldSize: 16 * 1024,
      parts: 16,
      headerPairs: 50,
    },
  });

  const context = (request: FastifyRequest): ActionContext => ({
    actor: request.actor,
    requestId: request.id,
  });

  /** Sends signed-out people to sign in, then back to `next`; true when it did. */
  const signInFirst = (request: FastifyRequest, reply: FastifyReply, next: string): boolean => {
    if (request.actor) return false;
    reply.redirect(loginPath(next), 303);
    return true;
  };

  /** Runs a step; a refusal with field errors re-renders the step's page with them. */
  const orRerender = async (
    work: () => Promise<FastifyReply>,
    rerender: (errors: FieldErrors, status: number) => Promise<FastifyReply>,
  ): Promise<FastifyReply> => {
    try {
      return await work();
    } catch (error) {
      if (!isAppError(error) || !error.options.fields) throw error;
      return rerender(error.options.fields, error.status);
    }
  };

  // -------------------------------------------------------------------------------------------
  // Start: what applying online involves; a button starts a draft
  // -------------------------------------------------------------------------------------------

  const renderStart = async (
    request: FastifyRequest,
    reply: FastifyReply,
    procedure: ApplyProcedure,
    errors?: FieldErrors,
    status = 200,
  ) => {
    const drafts = request.actor
      ? (await listMyDrafts(deps, context(request), procedure.row.code)).map((d) => ({
          id: d.id,
          updatedAt: d.updatedAt,
          resumePath: resumePath(procedure.row.code, d.id, d.data),
        }))
      : [];
    return reply.page(
      (ctx) => <StartPage ctx={ctx} procedure={procedure} drafts={drafts} errors={errors} />,
      status,
    );
  };

  app.get(`${APPLY_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const procedure = await loadApplyProcedure(deps, procedureCodeOf(request.params));
    // Where to go for a procedure with no online service is for everyone to read; applying needs an account.
    if (procedure.record.onlineLevel !== 'none' && signInFirst(request, reply, applyPath(procedure.row.code)))
      return reply;
    return renderStart(request, reply, procedure);
  });

  app.post(`${APPLY_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    if (signInFirst(request, reply, applyPath(code))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    return orRerender(
      async () => {
        const draftId = await startDraft(deps, context(request), procedure);
        return reply.redirect(draftPath(code, draftId, 'thong-tin'), 303);
      },
      (errors, status) => renderStart(request, reply, procedure, errors, status),
    );
  });

  app.get(`${APPLY_PATH}/:code/:draftId`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId))) return reply;
    const draft = await getDraft(deps, context(request), { procedureCode: code, draftId });
    return reply.redirect(resumePath(code, draftId, draft.data), 303);
  });

  // -------------------------------------------------------------------------------------------
  // Step 1: details
  // -------------------------------------------------------------------------------------------

  app.get(`${APPLY_PATH}/:code/:draftId/thong-tin`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'thong-tin'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    const draft = await getDraft(deps, context(request), { procedureCode: code, draftId });
    const values: DetailsInput = {
      applicant: draft.data.applicant,
      unitCode: draft.data.unitCode,
      formData: draft.data.formData,
    };
    return reply.page((ctx) => (
      <DetailsPage
        ctx={ctx}
        procedure={procedure}
        draftId={draftId}
        values={values}
        stepLinks={stepLinks(code, draftId, draft.data)}
      />
    ));
  });

  app.post(`${APPLY_PATH}/:code/:draftId/thong-tin`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'thong-tin'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    const values = detailsFromBody(procedure, record(request.body));
    return orRerender(
      async () => {
        await saveDetails(deps, context(request), procedure, { draftId, ...values });
        return reply.redirect(draftPath(code, draftId, 'giay-to'), 303);
      },
      async (errors, status) => {
        const draft = await getDraft(deps, context(request), { procedureCode: code, draftId });
        return reply.page(
          (ctx) => (
            <DetailsPage
              ctx={ctx}
              procedure={procedure}
              draftId={draftId}
              values={values}
              errors={errors}
              stepLinks={stepLinks(code, draftId, draft.data)}
            />
          ),
          status,
        );
      },
    );
  });

  // -------------------------------------------------------------------------------------------
  // Step 2: documents
  // -------------------------------------------------------------------------------------------

  const renderDocuments = async (
    request: FastifyRequest,
    reply: FastifyReply,
    procedure: ApplyProcedure,
    draftId: string,
    options: { errors?: FieldErrors; status?: number; uploaded?: string } = {},
  ) => {
    const draft = await getDraft(deps, context(request), { procedureCode: procedure.row.code, draftId });
    if (!draft.data.detailsDone)
      return reply.redirect(draftPath(procedure.row.code, draftId, 'thong-tin'), 303);
    return reply.page(
      (ctx) => (
        <DocumentsPage
          ctx={ctx}
          procedure={procedure}
          draftId={draftId}
          data={draft.data}
          errors={options.errors}
          uploaded={options.uploaded}
          stepLinks={stepLinks(procedure.row.code, draftId, draft.data)}
        />
      ),
      options.status ?? 200,
    );
  };

  app.get(`${APPLY_PATH}/:code/:draftId/giay-to`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'giay-to'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    const uploaded = text(record(request.query).tai).slice(0, 200);
    return renderDocuments(request, reply, procedure, draftId, uploaded ? { uploaded } : {});
  });

  app.post(`${APPLY_PATH}/:code/:draftId/giay-to`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'giay-to'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    return orRerender(
      async () => {
        await completeDocuments(deps, context(request), procedure, { draftId });
        return reply.redirect(draftPath(code, draftId, 'kiem-tra'), 303);
      },
      (errors, status) => renderDocuments(request, reply, procedure, draftId, { errors, status }),
    );
  });

  // The upload is a streamed multipart body, which the app-wide CSRF hook cannot read: the handler
  // reads it into memory (one file, at most MAX_FILE_BYTES), checks `_csrf`, and only then stores it.
  app.post(
    `${APPLY_PATH}/:code/:draftId/giay-to/tai-len`,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      const code = procedureCodeOf(request.params);
      const draftId = draftIdOf(request.params);
      if (signInFirst(request, reply, draftPath(code, draftId, 'giay-to'))) return reply;
      let fields: Record<string, string> = {};
      let files: Upload[] = [];
      if (request.isMultipart()) {
        ({ fields, files } = await readMultipartForm(request));
        if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
      } else {
        // A form sent without its file encoding has passed the CSRF hook; it simply carries no file.
        fields = { componentId: text(record(request.body).componentId) };
      }
      const procedure = await loadApplyProcedure(deps, code);
      const componentId = fields.componentId ?? '';
      const upload = files[0];
      const field = `documents.${componentId}`;
      if (!upload) {
        await getDraft(deps, context(request), { procedureCode: code, draftId });
        return renderDocuments(request, reply, procedure, draftId, {
          errors: { [field]: { key: 'applications.apply.errors.chooseFile' } },
          status: 400,
        });
      }
      const problem = uploadProblem(upload);
      if (problem) {
        await getDraft(deps, context(request), { procedureCode: code, draftId });
        return renderDocuments(request, reply, procedure, draftId, {
          errors: { [field]: { key: `errors.${problem.code}`, params: FILE_ERROR_PARAMS } },
          status: problem.status,
        });
      }
      return orRerender(
        async () => {
          await addDraftDocument(deps, context(request), procedure, {
            draftId,
            componentId,
            bytes: upload.bytes,
            name: upload.name,
            truncated: upload.truncated,
          });
          const name = upload.name.split(/[\\/]/).pop() ?? '';
          return reply.redirect(
            `${draftPath(code, draftId, 'giay-to')}?tai=${encodeURIComponent(name.slice(0, 100))}`,
            303,
          );
        },
        (errors, status) => renderDocuments(request, reply, procedure, draftId, { errors, status }),
      );
    },
  );

  app.post(`${APPLY_PATH}/:code/:draftId/giay-to/xoa`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'giay-to'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    await removeDraftDocument(deps, context(request), procedure, {
      draftId,
      fileId: text(record(request.body).fileId).slice(0, 100),
    });
    return reply.redirect(draftPath(code, draftId, 'giay-to'), 303);
  });

  // -------------------------------------------------------------------------------------------
  // Step 3: review and submit
  // -------------------------------------------------------------------------------------------

  const renderReview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    procedure: ApplyProcedure,
    draftId: string,
    errors?: FieldErrors,
    status = 200,
  ) => {
    const code = procedure.row.code;
    const draft = await getDraft(deps, context(request), { procedureCode: code, draftId });
    if (!errors) {
      if (!draft.data.detailsDone) return reply.redirect(draftPath(code, draftId, 'thong-tin'), 303);
      if (!draft.data.documentsDone) return reply.redirect(draftPath(code, draftId, 'giay-to'), 303);
    }
    const counter =
      procedure.record.level === 'commune' && draft.data.unitCode
        ? await counterOfUnit(deps, draft.data.unitCode)
        : procedure.counter;
    return reply.page(
      (ctx) => (
        <ReviewPage
          ctx={ctx}
          procedure={procedure}
          draftId={draftId}
          data={draft.data}
          counter={counter}
          errors={errors}
          stepLinks={stepLinks(code, draftId, draft.data)}
        />
      ),
      status,
    );
  };

  app.get(`${APPLY_PATH}/:code/:draftId/kiem-tra`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'kiem-tra'))) return reply;
    return renderReview(request, reply, await loadApplyProcedure(deps, code), draftId);
  });

  app.post(`${APPLY_PATH}/:code/:draftId/kiem-tra`, { schema: { hide: true } }, async (request, reply) => {
    const code = procedureCodeOf(request.params);
    const draftId = draftIdOf(request.params);
    if (signInFirst(request, reply, draftPath(code, draftId, 'kiem-tra'))) return reply;
    const procedure = await loadApplyProcedure(deps, code);
    return orRerender(
      async () => {
        const { application } = await submitDraft(deps, context(request), procedure, { draftId });
        return reply.redirect(`${receiptPath(application.code)}?moi=1`, 303);
      },
      (errors, status) => renderReview(request, reply, procedure, draftId, errors, status),
    );
  });

  // -------------------------------------------------------------------------------------------
  // Hồ sơ của tôi
  // -------------------------------------------------------------------------------------------

  app.get(MY_APPLICATIONS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (signInFirst(request, reply, MY_APPLICATIONS_PATH)) return reply;
    const query = record(request.query);
    const page = pageNumber(query.trang);
    const list = await listMyApplications(deps, context(request), page);
    const drafts = (await listMyDrafts(deps, context(request))).map((d) => ({
      id: d.id,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      updatedAt: d.updatedAt,
      resumePath: resumePath(d.procedureCode, d.id, d.data),
      stepKey: stepKeyOf(d.data),
    }));
    const items = list.items.map((item) => ({
      code: item.code,
      procedureName: item.procedure_name,
      status: item.status,
      submittedAt: item.submitted_at,
      dueAt: item.due_at,
    }));
    return reply.page((ctx) => (
      <MyApplicationsPage
        ctx={ctx}
        items={items}
        total={list.total}
        page={list.page}
        pageSize={list.pageSize}
        drafts={drafts}
        deleted={query['da-xoa'] === '1'}
      />
    ));
  });

  app.post(
    `${MY_APPLICATIONS_PATH}/ban-nhap/:draftId/xoa`,
    { schema: { hide: true } },
    async (request, reply) => {
      if (signInFirst(request, reply, MY_APPLICATIONS_PATH)) return reply;
      await deleteDraft(deps, context(request), draftIdOf(request.params));
      return reply.redirect(`${MY_APPLICATIONS_PATH}?da-xoa=1`, 303);
    },
  );

  const renderApplication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    options: {
      done?: DoneNotice;
      errors?: FieldErrors;
      form?: 'withdraw' | 'supplement';
      status?: number;
    } = {},
  ) => {
    const view = presentApplicationView(await loadMyApplication(deps, context(request), code));
    const payments = await paymentsForApplicant(deps, request.actor, code);
    return reply.page(
      (ctx) => (
        <ApplicationPage
          ctx={ctx}
          view={view}
          payments={payments}
          done={options.done}
          errors={options.errors}
          form={options.form}
          maxFiles={MAX_SUPPLEMENT_FILES}
        />
      ),
      options.status ?? 200,
    );
  };

  app.get(`${MY_APPLICATIONS_PATH}/:code`, { schema: { hide: true } }, async (request, reply) => {
    const code = applicationCodeOf(request.params);
    if (signInFirst(request, reply, applicationPath(code))) return reply;
    const da = record(request.query).da;
    const done: DoneNotice = da === 'rut' ? 'withdrawn' : da === 'bo-sung' ? 'supplemented' : undefined;
    return renderApplication(request, reply, code, { done });
  });

  app.post(`${MY_APPLICATIONS_PATH}/:code/rut`, { schema: { hide: true } }, async (request, reply) => {
    const code = applicationCodeOf(request.params);
    if (signInFirst(request, reply, applicationPath(code))) return reply;
    const parsed = parseWith(ZWithdrawForm, record(request.body));
    if (!parsed.ok) {
      const errors = parsed.fields.reason
        ? { reason: parsed.fields.reason }
        : { reason: { key: 'errors.CONFLICT' } };
      return renderApplication(request, reply, code, { errors, form: 'withdraw', status: 400 });
    }
    try {
      await performAction(deps, context(request), {
        code,
        action: 'request_withdrawal',
        expectedVersion: parsed.value.expectedVersion,
        note: parsed.value.reason || undefined,
      });
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'VERSION_CONFLICT' && error.code !== 'ACTION_NOT_ALLOWED'))
        throw error;
      return renderApplication(request, reply, code, {
        errors: { reason: { key: `errors.${error.code}` } },
        form: 'withdraw',
        status: error.status,
      });
    }
    return reply.redirect(`${applicationPath(code)}?da=rut`, 303);
  });

  // Multipart, like the document uploads: CSRF is checked in the handler before any file is stored.
  app.post(
    `${MY_APPLICATIONS_PATH}/:code/bo-sung`,
    { schema: { hide: true }, config: CSRF_CHECKED_IN_HANDLER },
    async (request, reply) => {
      const code = applicationCodeOf(request.params);
      if (signInFirst(request, reply, applicationPath(code))) return reply;
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const { fields, files } = await readMultipartForm(request);
      if (!csrfTokenMatches(request, fields[CSRF_FIELD])) throw new AppError('CSRF_TOKEN_INVALID');
      const rerender = (errors: FieldErrors, status: number) =>
        renderApplication(request, reply, code, { errors, form: 'supplement', status });
      const parsed = parseWith(ZSupplementForm, fields);
      if (!parsed.ok)
        return rerender(
          parsed.fields.note ? { note: parsed.fields.note } : { files: { key: 'errors.CONFLICT' } },
          400,
        );
      if (files.length === 0)
        return rerender({ files: { key: 'applications.apply.errors.chooseFile' } }, 400);
      for (const upload of files) {
        const problem = uploadProblem(upload);
        if (problem)
          return rerender(
            {
              files: {
                key: 'applications.supplement.fileProblem',
                params: {
                  name: upload.name.slice(0, 100),
                  problem: request.t(`errors.${problem.code}`, FILE_ERROR_PARAMS),
                },
              },
            },
            problem.status,
          );
      }
      try {
        await sendSupplement(deps, context(request), {
          code,
          expectedVersion: parsed.value.expectedVersion,
          note: parsed.value.note,
          uploads: files,
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.options.fields) return rerender(error.options.fields, error.status);
        if (error.code === 'VERSION_CONFLICT' || error.code === 'APPLICATION_TOO_LARGE')
          return rerender({ files: { key: `errors.${error.code}` } }, error.status);
        throw error;
      }
      return reply.redirect(`${applicationPath(code)}?da=bo-sung`, 303);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Receipt
  // -------------------------------------------------------------------------------------------

  app.get(`${MY_APPLICATIONS_PATH}/:code/bien-nhan`, { schema: { hide: true } }, async (request, reply) => {
    const code = applicationCodeOf(request.params);
    if (signInFirst(request, reply, receiptPath(code))) return reply;
    const view = presentApplicationView(await loadMyApplication(deps, context(request), code));
    const justSubmitted = record(request.query).moi === '1';
    // Right after submission, the "pay now" step when the online channel carries a fee (modules/payments).
    const payments = await paymentsForApplicant(deps, request.actor, code);
    return reply.page((ctx) => (
      <ReceiptPage ctx={ctx} view={view} justSubmitted={justSubmitted} payments={payments} />
    ));
  });

  app.get(
    `${MY_APPLICATIONS_PATH}/:code/bien-nhan.pdf`,
    { schema: { hide: true } },
    async (request, reply) => {
      const code = applicationCodeOf(request.params);
      if (signInFirst(request, reply, receiptPath(code))) return reply;
      const loaded = await loadMyApplication(deps, context(request), code);
      const view = presentApplicationView(loaded);
      const bytes = await buildReceiptPdf({
        view,
        record: loaded.record,
        publicUrl: deps.config.publicUrl,
        issuerParent: loaded.counter
          ? `Ủy ban nhân dân ${loaded.counter.unitFullName}`
          : deps.config.siteName.vi,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="giay-tiep-nhan-${code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Public tracking
  // -------------------------------------------------------------------------------------------

  app.get(TRACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const query = record(request.query);
    const values = {
      code: text(query.code).trim().toUpperCase().slice(0, 60),
      verify: text(query.verify).trim().slice(0, 20),
    };
    const render = (outcome: TrackOutcome, errors?: FieldErrors, status = 200) =>
      reply.page((ctx) => <TrackPage ctx={ctx} values={values} errors={errors} outcome={outcome} />, status);
    // A link from the receipt's QR code brings only the code: show the form with it filled in.
    if (query.verify === undefined) return render({ kind: 'form' });
    const errors: FieldErrors = {};
    if (!values.code) errors.code = { key: 'validation.required' };
    else if (!PAGE_APPLICATION_CODE.test(values.code))
      errors.code = { key: 'applications.track.codeInvalid' };
    if (!/^\d{4}$/.test(values.verify)) errors.verify = { key: 'applications.errors.verify' };
    if (Object.keys(errors).length > 0) return render({ kind: 'form' }, errors, 400);
    try {
      const tracked = await trackApplication(deps, {
        code: values.code,
        verify: values.verify,
        ip: request.ip,
      });
      return render({
        kind: 'found',
        view: presentPublicTracking(tracked.application, tracked.procedureName, tracked.events),
        evaluation: await evaluationStateOf(deps, tracked.application),
        payments: await paymentsOfApplication(deps, tracked.application),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'APPLICATION_NOT_FOUND') return render({ kind: 'notFound' }, undefined, 404);
      if (error.code === 'TOO_MANY_REQUESTS') {
        const seconds = error.options.retryAfter ?? 60;
        reply.header('retry-after', String(seconds));
        return render({ kind: 'tooMany', seconds }, undefined, 429);
      }
      throw error;
    }
  });
};
