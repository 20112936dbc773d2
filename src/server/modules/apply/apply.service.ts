// The citizen's side of an online application: a draft kept server-side through the steps (details,
// documents, review), then one submission through the applications service with an idempotency key
// derived from the draft, so a double click or a resent form never makes two applications.
import { randomUUID } from 'node:crypto';
import {
  type FormDefinition,
  formForProcedure,
  validateFormData,
} from '../../../shared/applications/forms.js';
import {
  type TSubmitApplication,
  ZApplicant,
  ZSubmitApplication,
} from '../../../shared/applications/schema.js';
import { STATUS } from '../../../shared/applications/workflow.js';
import { PHONE_PATTERN } from '../../../shared/auth/schema.js';
import type { TComponent, TProcedureRecord } from '../../../shared/catalog/schema.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type FieldErrors } from '../../../shared/errors.js';
import { fieldErrorsFromIssues } from '../../../shared/validation.js';
import type { ActionContext, Actor, AppDeps } from '../../context.js';
import {
  type ApplicationRow,
  countApplicationsOfApplicant,
  findAgency,
  findByIdempotencyKey,
  findCounterAgency,
  listApplicationsOfApplicant,
  listUnitsHandlingProcedure,
} from '../applications/applications.repository.js';
import {
  getApplicationFor,
  isApplicantOf,
  loadApplicationDetails,
  submitApplication,
  submitSupplement,
} from '../applications/applications.service.js';
import { findProcedureByCode, type ProcedureRow } from '../catalog/catalog.repository.js';
import { uploadFile } from '../files/files.service.js';
import { findUnitIdsByCode } from '../units/units.repository.js';
import {
  countDraftsOf,
  deleteDraftOf,
  findDraftOf,
  findUnitOn,
  findUserContact,
  insertDraft,
  listDraftsOf,
  lockDraftOf,
  updateDraftData,
} from './apply.repository.js';
import {
  MAX_DRAFTS_PER_OWNER,
  MY_APPLICATIONS_PAGE_SIZE,
  readDraftData,
  type TDraftApplicant,
  type TDraftData,
} from './apply.schema.js';

/** Where applications are received: a one-stop counter, its unit and how to find it. */
export interface Counter {
  agencyName: string;
  agencyNameEn: string;
  agencyKind: string;
  unitName: string;
  unitFullName: string;
  unitFullNameEn: string;
  address: string | null;
  phone: string | null;
}

export interface ApplyProcedure {
  row: ProcedureRow;
  record: TProcedureRecord;
  form: FormDefinition;
  /** The components asked for online: those of every case and of the first case. */
  components: TComponent[];
  /** Commune-level procedures: the wards and communes that handle it. */
  units: { code: string; fullName: string; fullNameEn: string }[];
  /** District-level and others: the home unit's counter; commune-level: null until a unit is chosen. */
  counter: Counter | null;
}

function requireActor(context: ActionContext): Actor {
  if (!context.actor) throw new AppError('UNAUTHENTICATED');
  return context.actor;
}

/** The counter of a unit by its code, with the unit's name and address as of today. */
export async function counterOfUnit(deps: AppDeps, unitCode: string): Promise<Counter | null> {
  const db = deps.database.db;
  const unitId = (await findUnitIdsByCode(db, [unitCode])).get(unitCode);
  if (unitId === undefined) return null;
  return counterOfUnitId(deps, unitId);
}

async function counterOfUnitId(deps: AppDeps, unitId: number, agencyId?: number): Promise<Counter | null> {
  const db = deps.database.db;
  const [agency, unit] = await Promise.all([
    agencyId === undefined ? findCounterAgency(db, unitId) : findAgency(db, agencyId),
    findUnitOn(db, unitId, vietnamDate(deps.clock.now())),
  ]);
  if (!agency || !unit) return null;
  return {
    agencyName: agency.name,
    agencyNameEn: agency.name_en,
    agencyKind: agency.kind,
    unitName: unit.name,
    unitFullName: unit.full_name,
    unitFullNameEn: unit.full_name_en,
    address: agency.address ?? unit.address,
    phone: agency.phone ?? unit.phone,
  };
}

/** A procedure as the apply pages need it; retired or unknown procedures are not found. */
export async function loadApplyProcedure(deps: AppDeps, code: string): Promise<ApplyProcedure> {
  const row = await findProcedureByCode(deps.database.db, code);
  if (!row || row.status === 'retired') throw new AppError('PROCEDURE_NOT_FOUND');
  const record = row.record;
  const firstCase = record.cases[0]?.id ?? null;
  const components = record.components.filter((c) => c.caseId === null || c.caseId === firstCase);
  const commune = record.level === 'commune';
  const units = commune
    ? (await listUnitsHandlingProcedure(deps.database.db, row.id, vietnamDate(deps.clock.now()))).map(
        (u) => ({
          code: u.code,
          fullName: u.full_name,
          fullNameEn: u.full_name_en,
        }),
      )
    : [];
  const counter = commune
    ? units.length === 1
      ? await counterOfUnit(deps, units[0]!.code)
      : null
    : await counterOfUnit(deps, deps.config.homeUnitCode);
  return { row, record, form: formForProcedure(record), components, units, counter };
}

// ---------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------

export interface Draft {
  id: string;
  procedureCode: string;
  data: TDraftData;
  updatedAt: Date;
}

/** Starts a draft of an online application, with the applicant's details taken from the account. */
export async function startDraft(deps: AppDeps, context: ActionContext, procedure: ApplyProcedure) {
  const actor = requireActor(context);
  if (procedure.record.onlineLevel === 'none') throw new AppError('PROCEDURE_NOT_ONLINE');
  const db = deps.database.db;
  if ((await countDraftsOf(db, actor.userId)) >= MAX_DRAFTS_PER_OWNER)
    throw new AppError('CONFLICT', {
      fields: {
        draft: { key: 'applications.apply.errors.tooManyDrafts', params: { max: MAX_DRAFTS_PER_OWNER } },
      },
    });
  const contact = await findUserContact(db, actor.userId);
  const phone = contact?.phone?.replace(/[\s.-]/g, '') ?? '';
  const data: TDraftData = readDraftData({
    applicant: {
      fullName: contact?.full_name ?? actor.fullName,
      idNumber: '',
      phone: PHONE_PATTERN.test(phone) ? phone : '',
      email: contact?.email ?? '',
      address: '',
    },
    unitCode: procedure.units.length === 1 ? procedure.units[0]!.code : '',
  });
  const id = randomUUID();
  await insertDraft(db, {
    id,
    ownerId: actor.userId,
    procedureCode: procedure.row.code,
    data,
    at: deps.clock.now(),
  });
  return id;
}

/** The actor's draft of this procedure; anyone else's, or another procedure's, is not found. */
export async function getDraft(
  deps: AppDeps,
  context: ActionContext,
  input: { procedureCode: string; draftId: string },
): Promise<Draft> {
  const actor = requireActor(context);
  const row = await findDraftOf(deps.database.db, input.draftId, actor.userId);
  if (!row || row.procedure_code !== input.procedureCode) throw new AppError('NOT_FOUND');
  return {
    id: row.id,
    procedureCode: row.procedure_code,
    data: readDraftData(row.data),
    updatedAt: row.updated_at,
  };
}

/** Changes a draft under its row lock, so concurrent steps of one draft never lose each other's work. */
async function changeDraft(
  deps: AppDeps,
  actor: Actor,
  input: { procedureCode: string; draftId: string },
  change: (data: TDraftData) => TDraftData,
): Promise<TDraftData> {
  return deps.database.db.transaction().execute(async (tx) => {
    const row = await lockDraftOf(tx, input.draftId, actor.userId);
    if (!row || row.procedure_code !== input.procedureCode) throw new AppError('NOT_FOUND');
    const data = change(readDraftData(row.data));
    await updateDraftData(tx, row.id, actor.userId, data, deps.clock.now());
    return data;
  });
}

export interface DetailsInput {
  applicant: TDraftApplicant;
  unitCode: string;
  formData: Record<string, string>;
}

/** Checks the details step; per-field message keys named as the form names its fields. */
export function checkDetails(procedure: ApplyProcedure, input: DetailsInput): FieldErrors {
  const fields: FieldErrors = {};
  const applicant = ZApplicant.safeParse(applicantForSubmission(input.applicant));
  if (!applicant.success) Object.assign(fields, fieldErrorsFromIssues(applicant.error.issues, 'applicant'));
  if (procedure.record.level === 'commune') {
    if (!input.unitCode) fields.unitCode = { key: 'applications.errors.unitRequired' };
    else if (!procedure.units.some((u) => u.code === input.unitCode))
      fields.unitCode = { key: 'applications.errors.unitNotHandling' };
  }
  const form = validateFormData(procedure.form, input.formData);
  if (!form.ok) Object.assign(fields, form.fields);
  return fields;
}

/** Saves the details step when it is right; otherwise changes nothing and says what is wrong. */
export async function saveDetails(
  deps: AppDeps,
  context: ActionContext,
  procedure: ApplyProcedure,
  input: { draftId: string } & DetailsInput,
): Promise<void> {
  const actor = requireActor(context);
  const fields = checkDetails(procedure, input);
  if (Object.keys(fields).length > 0) {
    // The draft must still be the actor's before they learn anything about it.
    await getDraft(deps, context, { procedureCode: procedure.row.code, draftId: input.draftId });
    throw new AppError('VALIDATION_FAILED', { fields });
  }
  await changeDraft(deps, actor, { procedureCode: procedure.row.code, draftId: input.draftId }, (data) => ({
    ...data,
    applicant: input.applicant,
    unitCode: procedure.record.level === 'commune' ? input.unitCode : '',
    formData: input.formData,
    detailsDone: true,
  }));
}

/**
 * Keeps an uploaded file for one component of a draft (replacing the one it had): the file is
 * checked and stored by the files service first, then recorded in the draft.
 */
export async function addDraftDocument(
  deps: AppDeps,
  context: ActionContext,
  procedure: ApplyProcedure,
  input: { draftId: string; componentId: string; bytes: Uint8Array; name: string; truncated: boolean },
): Promise<void> {
  const actor = requireActor(context);
  const key = { procedureCode: procedure.row.code, draftId: input.draftId };
  await getDraft(deps, context, key);
  if (!procedure.components.some((c) => c.id === input.componentId))
    throw new AppError('VALIDATION_FAILED', {
      fields: { componentId: { key: 'applications.errors.unknownComponent' } },
    });
  if (input.bytes.length === 0 && !input.name)
    throw new AppError('VALIDATION_FAILED', {
      fields: { [`documents.${input.componentId}`]: { key: 'applications.apply.errors.chooseFile' } },
    });
  let stored: Awaited<ReturnType<typeof uploadFile>>;
  try {
    stored = await uploadFile(deps, context, {
      bytes: input.bytes,
      name: input.name,
      truncated: input.truncated,
    });
  } catch (error) {
    if (error instanceof AppError && error.code.startsWith('FILE_'))
      throw new AppError(error.code, {
        ...error.options,
        fields: {
          [`documents.${input.componentId}`]: {
            key: `errors.${error.code}`,
            params: error.options.params ?? {},
          },
        },
      });
    throw error;
  }
  await changeDraft(deps, actor, key, (data) => ({
    ...data,
    documents: [
      ...data.documents.filter((d) => d.componentId !== input.componentId),
      {
        componentId: input.componentId,
        fileId: stored.id,
        name: stored.name,
        size: stored.size,
        mediaType: stored.mediaType,
      },
    ],
  }));
}

export async function removeDraftDocument(
  deps: AppDeps,
  context: ActionContext,
  procedure: ApplyProcedure,
  input: { draftId: string; fileId: string },
): Promise<void> {
  const actor = requireActor(context);
  await changeDraft(deps, actor, { procedureCode: procedure.row.code, draftId: input.draftId }, (data) => ({
    ...data,
    documents: data.documents.filter((d) => d.fileId !== input.fileId),
  }));
}

/** The required components a draft still lacks, as field errors. */
export function missingDocuments(procedure: ApplyProcedure, data: TDraftData): FieldErrors {
  const fields: FieldErrors = {};
  for (const component of procedure.components) {
    if (component.required && !data.documents.some((d) => d.componentId === component.id))
      fields[`documents.${component.id}`] = {
        key: 'applications.errors.documentMissing',
        params: { name: component.name.slice(0, 120) },
      };
  }
  return fields;
}

/** Ends the documents step: every required component must have its file. */
export async function completeDocuments(
  deps: AppDeps,
  context: ActionContext,
  procedure: ApplyProcedure,
  input: { draftId: string },
): Promise<void> {
  const actor = requireActor(context);
  const key = { procedureCode: procedure.row.code, draftId: input.draftId };
  const draft = await getDraft(deps, context, key);
  const fields = missingDocuments(procedure, draft.data);
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  await changeDraft(deps, actor, key, (data) => ({ ...data, documentsDone: true }));
}

function applicantForSubmission(applicant: TDraftApplicant) {
  return {
    fullName: applicant.fullName,
    idNumber: applicant.idNumber,
    phone: applicant.phone,
    ...(applicant.email.trim() ? { email: applicant.email.trim() } : {}),
    ...(applicant.address.trim() ? { address: applicant.address } : {}),
  };
}

/** The submission a draft stands for, exactly the same each time it is built. */
export function submissionOf(procedure: ApplyProcedure, draft: Draft): TSubmitApplication {
  const parsed = ZSubmitApplication.safeParse({
    procedureCode: procedure.row.code,
    ...(procedure.record.level === 'commune' && draft.data.unitCode ? { unitCode: draft.data.unitCode } : {}),
    applicant: applicantForSubmission(draft.data.applicant),
    formData: draft.data.formData,
    documents: draft.data.documents.map((d) => ({ componentId: d.componentId, fileId: d.fileId })),
  });
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', { fields: fieldErrorsFromIssues(parsed.error.issues) });
  return parsed.data;
}

export const draftIdempotencyKey = (draftId: string) => `draft-${draftId}`;

/**
 * Submits a draft. The idempotency key is the draft's, so a second click (or a resent form) finds
 * the application the first made; the draft is deleted once the application exists.
 */
export async function submitDraft(
  deps: AppDeps,
  context: ActionContext,
  procedure: ApplyProcedure,
  input: { draftId: string },
): Promise<{ application: ApplicationRow; replayed: boolean }> {
  const actor = requireActor(context);
  const db = deps.database.db;
  const key = draftIdempotencyKey(input.draftId);
  const draftRow = await findDraftOf(db, input.draftId, actor.userId);
  if (!draftRow || draftRow.procedure_code !== procedure.row.code) {
    const earlier = await findByIdempotencyKey(db, actor.userId, key);
    if (earlier && earlier.procedure_code === procedure.row.code)
      return { application: earlier, replayed: true };
    throw new AppError('NOT_FOUND');
  }
  const earlier = await findByIdempotencyKey(db, actor.userId, key);
  if (earlier) {
    await deleteDraftOf(db, input.draftId, actor.userId);
    return { application: earlier, replayed: true };
  }
  const draft: Draft = {
    id: draftRow.id,
    procedureCode: draftRow.procedure_code,
    data: readDraftData(draftRow.data),
    updatedAt: draftRow.updated_at,
  };
  const fields = {
    ...(draft.data.detailsDone ? {} : checkDetails(procedure, draft.data)),
    ...missingDocuments(procedure, draft.data),
  };
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  const result = await submitApplication(deps, context, {
    ...submissionOf(procedure, draft),
    idempotencyKey: key,
  });
  await deleteDraftOf(db, input.draftId, actor.userId);
  return result;
}

export async function deleteDraft(deps: AppDeps, context: ActionContext, draftId: string): Promise<void> {
  const actor = requireActor(context);
  if (!(await deleteDraftOf(deps.database.db, draftId, actor.userId))) throw new AppError('NOT_FOUND');
}

export async function listMyDrafts(deps: AppDeps, context: ActionContext, procedureCode?: string) {
  const actor = requireActor(context);
  const rows = await listDraftsOf(deps.database.db, actor.userId, procedureCode);
  return rows.map((row) => ({
    id: row.id,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    updatedAt: row.updated_at,
    data: readDraftData(row.data),
  }));
}

/** One page of the actor's own applications (as applicant or submitter), latest first, and how many in all. */
export async function listMyApplications(deps: AppDeps, context: ActionContext, page: number) {
  const actor = requireActor(context);
  const db = deps.database.db;
  const [items, total] = await Promise.all([
    listApplicationsOfApplicant(
      db,
      actor.userId,
      MY_APPLICATIONS_PAGE_SIZE,
      (page - 1) * MY_APPLICATIONS_PAGE_SIZE,
    ),
    countApplicationsOfApplicant(db, actor.userId),
  ]);
  return { items, total, page, pageSize: MY_APPLICATIONS_PAGE_SIZE };
}

/** An application with everything its pages show, for someone who may see it. */
export async function loadMyApplication(deps: AppDeps, context: ActionContext, code: string) {
  const application = await getApplicationFor(deps, context, code);
  const details = await loadApplicationDetails(deps, context.actor, application);
  const procedure = await findProcedureByCode(deps.database.db, application.procedure_code);
  const counter = await counterOfUnitId(deps, application.receiving_unit_id, application.receiving_agency_id);
  return {
    application,
    details,
    record: procedure?.record ?? null,
    counter,
    isApplicant: context.actor ? isApplicantOf(context.actor, application) : false,
  };
}

/**
 * The applicant sends a supplement: the application must be theirs and waiting for one before any
 * file is stored; then the files are stored and attached, and the event written (submitSupplement).
 */
export async function sendSupplement(
  deps: AppDeps,
  context: ActionContext,
  input: {
    code: string;
    expectedVersion: number;
    note?: string | undefined;
    uploads: { bytes: Uint8Array; name: string; truncated: boolean }[];
  },
): Promise<ApplicationRow> {
  const actor = requireActor(context);
  const application = await getApplicationFor(deps, context, input.code);
  if (!isApplicantOf(actor, application)) throw new AppError('NOT_APPLICANT');
  if (application.status !== STATUS.SUPPLEMENT_REQUESTED) throw new AppError('ACTION_NOT_ALLOWED');
  if (application.version !== input.expectedVersion) throw new AppError('VERSION_CONFLICT');
  const fileIds: string[] = [];
  for (const upload of input.uploads) fileIds.push((await uploadFile(deps, context, upload)).id);
  return submitSupplement(deps, context, {
    code: input.code,
    expectedVersion: input.expectedVersion,
    fileIds,
    note: input.note,
  });
}
