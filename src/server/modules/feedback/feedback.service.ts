// Feedback and recommendations (phản ánh, kiến nghị): received from anyone (the web form, Open311,
// or staff recording a counter visit or a hotline call), routed (triaged) to the responsible unit,
// answered within a time limit in working days from the deployment's calendar, the answer published
// when the sender agreed, the unit's heads reminded once before the deadline and once after it.
//
// Other modules use:
//   submitFeedback(deps, context, input)        what the web form and the Open311 API both call
//   listFeedbackUnits(deps)                     the units feedback can be about (the deploying unit's tree)
import { createHash, randomInt } from 'node:crypto';
import { grantsAllow, type Role } from '../../../shared/auth/roles.js';
import { addWorkingMinutes, classifyInProgress } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError, type ErrorCode, type FieldErrors } from '../../../shared/errors.js';
import {
  type FeedbackChannel,
  type FeedbackLocation,
  MAX_FEEDBACK_FILES,
  type TFeedbackAnswer,
  type TFeedbackClose,
  type TFeedbackPublicQuery,
  type TFeedbackSettings,
  type TFeedbackStaffQuery,
  type TFeedbackSubmit,
  type TFeedbackTriage,
} from '../../../shared/feedback/schema.js';
import {
  FEEDBACK_ACTION_ROLES,
  FEEDBACK_ACTION_TARGET,
  FEEDBACK_ACTIONS,
  type FeedbackAction,
  type FeedbackStatus,
  feedbackActionAllowed,
  isFeedbackOpen,
} from '../../../shared/feedback/workflow.js';
import { MAX_FILE_BYTES } from '../../../shared/files/limits.js';
import { isLocale, type Locale } from '../../../shared/i18n/index.js';
import { requireAccess } from '../../auth/access.js';
import type { ActionContext, Actor, AppDeps, Queryable } from '../../context.js';
import { type Upload, uploadProblem } from '../../plugins/multipart-form.js';
import { findDescendantUnitIds } from '../applications/applications.repository.js';
import { appendAudit } from '../audit/audit.repository.js';
import { computeDueDate, loadCalendarSettings, loadWorkingCalendar } from '../calendar/calendar.service.js';
import { findProcedureByCode } from '../catalog/catalog.repository.js';
import { discardUpload, recordUpload, type WrittenUpload, writeUpload } from '../files/files.service.js';
import { insertNotifications, type NewNotification } from '../notifications/notifications.repository.js';
import { enqueueNotifications } from '../notifications/notifications.service.js';
import { countAgainst, type RateLimit, retryAfterSeconds } from '../rate-limit/rate-limit.service.js';
import { findAncestorIds, findSubtreeOn } from '../units/units.repository.js';
import {
  type FeedbackScope,
  type FeedbackView,
  findAgencyOfUnit,
  findFeedbackAttachments,
  findFeedbackByCode,
  findFeedbackRecipients,
  findFeedbackSettings,
  findOpenFeedbackForReminders,
  findStaffUser,
  insertFeedback,
  insertFeedbackAttachments,
  insertFeedbackEvent,
  listFeedbackEvents,
  listFeedbackForStaff,
  listPublishedFeedback,
  lockFeedbackByCode,
  markReminded,
  nextFeedbackNumber,
  type StaffQueue,
  updateFeedback,
  updateFeedbackSettings,
} from './feedback.repository.js';
import { feedbackMessageEmail, feedbackReminderEmail } from './feedback.templates.js';

export type { FeedbackScope, FeedbackView };

const STAFF_ROLES: readonly Role[] = [
  'counter_officer',
  'specialist',
  'unit_head',
  'signing_leader',
  'administrator',
];
const overseeing = (role: Role) => role === 'signing_leader' || role === 'administrator';
const MINUTES_PER_WORKING_DAY = 8 * 60;

// Anyone may send feedback without signing in; a sliding window per address keeps a script from
// flooding the units' queues (staff recording calls are not counted).
export const SUBMIT_LIMIT: RateLimit = { bucket: 'feedback-submit', max: 20, windowMs: 10 * 60_000 };
// Wrong access keys, per item and per address, as for application tracking.
export const KEY_LIMIT_CODE: RateLimit = { bucket: 'feedback-key-code', max: 10, windowMs: 60_000 };
export const KEY_LIMIT_ADDRESS: RateLimit = { bucket: 'feedback-key-address', max: 30, windowMs: 60_000 };

const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { fields: { [field]: params ? { key, params } : { key } } });

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export interface FeedbackSettings {
  timeLimitDays: number;
  updatedAt: Date;
}

export async function getFeedbackSettings(deps: AppDeps, options: { db?: Queryable } = {}) {
  const row = await findFeedbackSettings(options.db ?? deps.database.db);
  return { timeLimitDays: row.time_limit_days, updatedAt: row.updated_at } satisfies FeedbackSettings;
}

/** Administrators set the time limit new items get (items already received keep theirs). */
export async function changeFeedbackSettings(
  deps: AppDeps,
  context: ActionContext,
  input: TFeedbackSettings,
): Promise<FeedbackSettings> {
  const actor = requireAccess(context.actor, 'feedback.settings');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const before = await findFeedbackSettings(tx);
    await updateFeedbackSettings(tx, { timeLimitDays: input.timeLimitDays, userId: actor.userId, at: now });
    await appendAudit(tx, context, now, {
      action: 'feedback.settings.update',
      targetType: 'feedback_settings',
      targetId: 1,
      details: { timeLimitDays: { from: before.time_limit_days, to: input.timeLimitDays } },
    });
  });
  return { timeLimitDays: input.timeLimitDays, updatedAt: now };
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

export interface FeedbackUnit {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  address: string | null;
}

/** The units feedback can be about: the deploying unit (first) and every unit below it in force today. */
export async function listFeedbackUnits(
  deps: AppDeps,
  options: { db?: Queryable } = {},
): Promise<FeedbackUnit[]> {
  const rows = await findSubtreeOn(
    options.db ?? deps.database.db,
    deps.config.homeUnitCode,
    vietnamDate(deps.clock.now()),
  );
  const home = deps.config.homeUnitCode;
  return rows
    .map((row) => ({
      id: row.unitId,
      code: row.code,
      name: row.fullName,
      nameEn: row.fullNameEn,
      address: row.address,
    }))
    .sort((a, b) => (a.code === home ? -1 : b.code === home ? 1 : a.name.localeCompare(b.name, 'vi')));
}

// ---------------------------------------------------------------------------------------------
// Receiving
// ---------------------------------------------------------------------------------------------

// Letters and digits that cannot be mistaken for each other (no I, O, 0, 1).
const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newAccessKey(): string {
  let key = '';
  for (let i = 0; i < 8; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return `${key.slice(0, 4)}-${key.slice(4)}`;
}

const hashKey = (key: string) =>
  createHash('sha256').update(key.replace('-', '').toUpperCase()).digest('hex');

export interface SubmitFeedbackInput {
  values: TFeedbackSubmit;
  /** 'web' unless staff record it (values.channel) or it came through Open311. */
  channel: 'web' | 'open311';
  uploads?: Upload[];
  location?: FeedbackLocation;
  locale: Locale;
  ip: string;
}

export interface SubmittedFeedback {
  item: FeedbackView;
  /** Shown once to the sender; only its hash is kept. */
  accessKey: string;
}

/** The uploads' first problem as a field error of `attachments` and its status, or null when they are fine. */
export function uploadsProblem(uploads: Upload[]): { code: ErrorCode; fields: FieldErrors } | null {
  if (uploads.length > MAX_FEEDBACK_FILES)
    return {
      code: 'VALIDATION_FAILED',
      fields: {
        attachments: { key: 'feedback.errors.tooManyFiles', params: { maximum: MAX_FEEDBACK_FILES } },
      },
    };
  for (const upload of uploads) {
    const problem = uploadProblem(upload);
    if (problem)
      return {
        code: problem.code,
        fields: {
          attachments: { key: `errors.${problem.code}`, params: { maxMb: MAX_FILE_BYTES / 1048576 } },
        },
      };
  }
  return null;
}

function checkUploads(uploads: Upload[]): void {
  const problem = uploadsProblem(uploads);
  if (problem)
    throw new AppError(problem.code, { params: { maxMb: MAX_FILE_BYTES / 1048576 }, fields: problem.fields });
}

/**
 * Receives one feedback item: checks everything first (uploads by content, the unit, the procedure),
 * writes the attachments' bytes, then in one transaction takes the day's code, fixes the due date from
 * the working-day calendar and records the item, its files and its first event. Nothing is kept when
 * anything fails.
 */
export async function submitFeedback(
  deps: AppDeps,
  context: ActionContext,
  input: SubmitFeedbackInput,
): Promise<SubmittedFeedback> {
  const { values } = input;
  const uploads = input.uploads ?? [];
  const staffRecording = values.channel !== undefined;
  if (staffRecording) requireAccess(context.actor, 'feedback.handle');
  const channel: FeedbackChannel = values.channel ?? input.channel;
  checkUploads(uploads);
  if (!staffRecording) {
    const wait = await retryAfterSeconds(deps, SUBMIT_LIMIT, input.ip);
    if (wait > 0) throw new AppError('TOO_MANY_REQUESTS', { retryAfter: wait });
  }
  const units = await listFeedbackUnits(deps);
  const unitCode = values.unitCode ?? deps.config.homeUnitCode;
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw fieldError('unitCode', 'feedback.errors.unknownUnit');
  const procedureCode = values.subjectType === 'procedure' ? values.procedureCode : null;
  if (procedureCode && !(await findProcedureByCode(deps.database.db, procedureCode)))
    throw fieldError('procedureCode', 'feedback.errors.unknownProcedure');
  const settings = await getFeedbackSettings(deps);

  const written: WrittenUpload[] = [];
  const accessKey = newAccessKey();
  const now = deps.clock.now();
  let code: string;
  try {
    for (const upload of uploads) written.push(await writeUpload(deps, upload));
    code = await deps.database.db.transaction().execute(async (tx) => {
      const day = vietnamDate(now).slice(2).replaceAll('-', '');
      const number = await nextFeedbackNumber(tx, day);
      const itemCode = `PA-${day}-${String(number).padStart(4, '0')}`;
      const { dueAt } = await computeDueDate(
        deps,
        { receivedAt: now, amount: settings.timeLimitDays, unit: 'working_days' },
        { db: tx },
      );
      const location = input.location;
      const id = await insertFeedback(tx, {
        code: itemCode,
        kind: values.kind,
        subject_type: values.subjectType,
        procedure_code: procedureCode,
        officer_name: values.subjectType === 'officer' ? values.officerName : null,
        unit_id: unit.id,
        channel,
        body: values.body,
        sender_name: values.senderName,
        sender_phone: values.senderPhone,
        sender_email: values.senderEmail,
        sender_address: values.senderAddress,
        sender_user_id: staffRecording ? null : (context.actor?.userId ?? null),
        sender_locale: input.locale,
        recorded_by: staffRecording ? (context.actor?.userId ?? null) : null,
        publish_consent: values.publishConsent,
        access_key_hash: hashKey(accessKey),
        lat: location?.lat ?? null,
        long: location?.long ?? null,
        address: location?.address ?? null,
        address_id: location?.addressId ?? null,
        media_url: location?.mediaUrl ?? null,
        status: 'received',
        received_at: now,
        time_limit_days: settings.timeLimitDays,
        due_at: dueAt,
        created_at: now,
        updated_at: now,
      });
      for (const upload of written)
        await recordUpload(tx, upload, { ownerId: context.actor?.userId ?? null, at: now });
      await insertFeedbackAttachments(
        tx,
        id,
        written.map((w) => w.id),
      );
      await insertFeedbackEvent(tx, {
        feedback_id: id,
        at: now,
        actor_id: staffRecording ? (context.actor?.userId ?? null) : null,
        action: 'receive',
        from_status: null,
        to_status: 'received',
        from_unit_id: null,
        to_unit_id: unit.id,
        to_agency_id: null,
        note: null,
        details: JSON.stringify({ channel, files: written.length }),
      });
      return itemCode;
    });
  } catch (error) {
    for (const upload of written) await discardUpload(deps, upload).catch(() => {});
    throw error;
  }
  if (!staffRecording) await countAgainst(deps, SUBMIT_LIMIT, input.ip);
  const item = await findFeedbackByCode(deps.database.db, code);
  if (!item) throw new AppError('INTERNAL');
  return { item, accessKey };
}

// ---------------------------------------------------------------------------------------------
// Public pages: the look-up, the published answers
// ---------------------------------------------------------------------------------------------

export interface FeedbackStanding {
  item: FeedbackView;
  /** The texts may be shown: the sender's key matched, or the item is published. */
  full: boolean;
}

/**
 * Where an item stands, by its code; with the sender's key (or once published), its texts too. A wrong
 * key is refused and counted against the code and the address, like application tracking.
 */
export async function lookUpFeedback(
  deps: AppDeps,
  input: { code: string; key?: string | undefined; ip: string },
): Promise<FeedbackStanding> {
  if (input.key) {
    const wait = Math.max(
      await retryAfterSeconds(deps, KEY_LIMIT_CODE, input.code),
      await retryAfterSeconds(deps, KEY_LIMIT_ADDRESS, input.ip),
    );
    if (wait > 0) throw new AppError('TOO_MANY_REQUESTS', { retryAfter: wait });
  }
  const item = await findFeedbackByCode(deps.database.db, input.code);
  if (!item) throw new AppError('FEEDBACK_NOT_FOUND');
  if (input.key) {
    if (hashKey(input.key) !== item.access_key_hash) {
      await countAgainst(deps, KEY_LIMIT_CODE, input.code);
      await countAgainst(deps, KEY_LIMIT_ADDRESS, input.ip);
      throw fieldError('key', 'feedback.errors.keyMismatch');
    }
    return { item, full: true };
  }
  return { item, full: item.published_at !== null };
}

/** Published items: answered, with the sender's consent. */
export async function listPublished(deps: AppDeps, query: TFeedbackPublicQuery) {
  return listPublishedFeedback(deps.database.db, {
    kind: query.kind,
    q: query.q || undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
}

/** A published item; anything else is "not found", so unpublished items cannot be told apart. */
export async function getPublished(deps: AppDeps, code: string): Promise<FeedbackView> {
  const item = await findFeedbackByCode(deps.database.db, code);
  if (!item || item.published_at === null) throw new AppError('FEEDBACK_NOT_FOUND');
  return item;
}

// ---------------------------------------------------------------------------------------------
// Staff: scope, queues, actions
// ---------------------------------------------------------------------------------------------

const staffGrants = (actor: Actor) =>
  actor.grants.filter((g) => STAFF_ROLES.includes(g.role) && g.unitId !== null);

/**
 * Which items an officer's roles reach: signing leaders and administrators oversee their unit and
 * everything below; counter officers, specialists and unit heads serve their unit, and when their role
 * names an agency, that agency's items and the unit's items not yet routed to an agency.
 */
export async function feedbackScope(deps: AppDeps, actor: Actor | null): Promise<FeedbackScope> {
  const who = requireAccess(actor, 'feedback.handle');
  const grants = staffGrants(who);
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  const overseen = grants.filter((g) => overseeing(g.role)).map((g) => g.unitId!);
  return {
    overseenUnitIds: await findDescendantUnitIds(deps.database.db, overseen, vietnamDate(deps.clock.now())),
    served: grants
      .filter((g) => !overseeing(g.role))
      .map((g) => ({ unitId: g.unitId!, agencyId: g.agencyId })),
  };
}

/** The actor's staff roles that cover this item (by the scope rule above). */
async function coveringRoles(
  deps: AppDeps,
  db: Queryable,
  actor: Actor | null,
  item: { unit_id: number; agency_id: number | null },
): Promise<Set<Role>> {
  if (!actor) return new Set();
  const grants = staffGrants(actor);
  if (grants.length === 0) return new Set();
  const path = grants.some((g) => overseeing(g.role))
    ? await findAncestorIds(db, item.unit_id, vietnamDate(deps.clock.now()))
    : [];
  return new Set(
    grants
      .filter((g) =>
        overseeing(g.role)
          ? path.includes(g.unitId!)
          : g.unitId === item.unit_id &&
            (g.agencyId === null || item.agency_id === null || g.agencyId === item.agency_id),
      )
      .map((g) => g.role),
  );
}

/** The actions the table allows now, narrowed to those the actor's covering roles may take. */
function actionsFor(status: FeedbackStatus, roles: Set<Role>): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter(
    (action) =>
      feedbackActionAllowed(status, action) &&
      (FEEDBACK_ACTION_ROLES[action] as readonly string[]).some((r) => roles.has(r as Role)),
  );
}

async function thresholds(deps: AppDeps) {
  const now = deps.clock.now();
  const calendar = await loadWorkingCalendar(deps);
  const settings = await loadCalendarSettings(deps);
  const minutes =
    settings.dueSoon.unit === 'working_days'
      ? settings.dueSoon.amount * MINUTES_PER_WORKING_DAY
      : settings.dueSoon.amount * 60;
  return {
    now,
    calendar,
    settings,
    dueSoonBefore: addWorkingMinutes(now, minutes, calendar, settings.officeHours),
  };
}

export type Progress = 'on_time' | 'due_soon' | 'overdue';

/** On time, due soon or overdue, for an item whose clock runs; null once answered or closed. */
export async function progressOf(deps: AppDeps, item: { status: FeedbackStatus; due_at: Date }) {
  if (!isFeedbackOpen(item.status)) return null;
  const { now, calendar, settings } = await thresholds(deps);
  return classifyInProgress(
    { now, dueAt: item.due_at, threshold: settings.dueSoon },
    calendar,
    settings.officeHours,
  );
}

export const STAFF_QUEUES: StaffQueue[] = ['new', 'open', 'due_soon', 'overdue', 'answered', 'closed', 'all'];

/** One page of a queue with each item's standing, and the count of every queue (for the tabs). */
export async function listForStaff(deps: AppDeps, actor: Actor | null, query: TFeedbackStaffQuery) {
  const scope = await feedbackScope(deps, actor);
  const { now, calendar, settings, dueSoonBefore } = await thresholds(deps);
  const db = deps.database.db;
  const result = await listFeedbackForStaff(db, {
    scope,
    queue: query.queue,
    now,
    dueSoonBefore,
    q: query.q || undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = {} as Record<StaffQueue, number>;
  for (const queue of STAFF_QUEUES) {
    counts[queue] = (
      await listFeedbackForStaff(db, {
        scope,
        queue,
        now,
        dueSoonBefore,
        limit: 0,
        offset: 0,
        countOnly: true,
      })
    ).total;
  }
  const items = result.items.map((item) => ({
    item,
    progress: isFeedbackOpen(item.status)
      ? classifyInProgress(
          { now, dueAt: item.due_at, threshold: settings.dueSoon },
          calendar,
          settings.officeHours,
        )
      : null,
  }));
  return { items, total: result.total, counts };
}

export interface StaffFeedbackDetail {
  item: FeedbackView;
  progress: Progress | null;
  allowedActions: FeedbackAction[];
  attachments: Awaited<ReturnType<typeof findFeedbackAttachments>>;
  events: Awaited<ReturnType<typeof listFeedbackEvents>>;
}

/** An item for the staff who serve it; anyone else learns nothing, not even that it exists (404). */
export async function getForStaff(
  deps: AppDeps,
  actor: Actor | null,
  code: string,
): Promise<StaffFeedbackDetail> {
  requireAccess(actor, 'feedback.handle');
  const item = await findFeedbackByCode(deps.database.db, code);
  if (!item) throw new AppError('FEEDBACK_NOT_FOUND');
  const detail = await staffDetail(deps, actor, item);
  if (detail.roles.size === 0) throw new AppError('FEEDBACK_NOT_FOUND');
  return detail;
}

/**
 * An item as its handler sees it right after acting on it: routing it elsewhere may have taken it out
 * of their units (then no action is left to them).
 */
export async function staffViewAfterAction(
  deps: AppDeps,
  actor: Actor | null,
  item: FeedbackView,
): Promise<StaffFeedbackDetail & { visible: boolean }> {
  const detail = await staffDetail(deps, actor, item);
  return { ...detail, visible: detail.roles.size > 0 };
}

async function staffDetail(deps: AppDeps, actor: Actor | null, item: FeedbackView) {
  const db = deps.database.db;
  const roles = await coveringRoles(deps, db, actor, item);
  return {
    item,
    roles,
    progress: await progressOf(deps, item),
    allowedActions: actionsFor(item.status, roles),
    attachments: await findFeedbackAttachments(db, item.id),
    events: await listFeedbackEvents(db, item.id),
  };
}

/** An attachment's bytes, for the staff who serve the item. */
export async function readAttachment(deps: AppDeps, actor: Actor | null, code: string, fileId: string) {
  const detail = await getForStaff(deps, actor, code);
  const file = detail.attachments.find((a) => a.id === fileId);
  if (!file) throw new AppError('FILE_NOT_FOUND');
  return { file, bytes: await deps.storage.get(file.storage_key) };
}

type Row = NonNullable<Awaited<ReturnType<typeof lockFeedbackByCode>>>;

/**
 * One action on one item, in one transaction: the row is locked; the item must be one the actor
 * serves (404), at the version they saw (409), in a status the table allows the action in (409), and
 * the actor's role must allow it (403); then `apply` checks its own fields and writes the change,
 * and the event row and the audit entry are written with it.
 */
async function act(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  action: FeedbackAction,
  expectedVersion: number,
  apply: (
    tx: Queryable,
    row: Row,
    now: Date,
  ) => Promise<{
    changes: Parameters<typeof updateFeedback>[3];
    event: { toUnitId?: number | null; toAgencyId?: number | null; note?: string | null; details?: object };
    notify?: 'answered' | 'closed';
  }>,
): Promise<FeedbackView> {
  const actor = requireAccess(context.actor, 'feedback.handle');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await lockFeedbackByCode(tx, code);
    if (!row) throw new AppError('FEEDBACK_NOT_FOUND');
    const roles = await coveringRoles(deps, tx, actor, row);
    if (roles.size === 0) throw new AppError('FEEDBACK_NOT_FOUND');
    if (row.version !== expectedVersion) throw new AppError('VERSION_CONFLICT');
    if (!feedbackActionAllowed(row.status, action)) throw new AppError('ACTION_NOT_ALLOWED');
    if (!(FEEDBACK_ACTION_ROLES[action] as readonly string[]).some((r) => roles.has(r as Role)))
      throw new AppError('FORBIDDEN');
    const { changes, event, notify } = await apply(tx, row, now);
    const to = FEEDBACK_ACTION_TARGET[action];
    const updated = await updateFeedback(tx, row.id, expectedVersion, {
      ...changes,
      status: to,
      updated_at: now,
    });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await insertFeedbackEvent(tx, {
      feedback_id: row.id,
      at: now,
      actor_id: actor.userId,
      action,
      from_status: row.status,
      to_status: to,
      from_unit_id: row.unit_id,
      to_unit_id: event.toUnitId ?? row.unit_id,
      to_agency_id: event.toAgencyId === undefined ? row.agency_id : event.toAgencyId,
      note: event.note ?? null,
      details: JSON.stringify(event.details ?? {}),
    });
    await appendAudit(tx, context, now, {
      action: `feedback.${action}`,
      targetType: 'feedback',
      targetId: row.code,
      details: { from: row.status, to, ...(event.details ?? {}) },
    });
    if (notify && row.sender_email) {
      const locale: Locale = isLocale(row.sender_locale) ? row.sender_locale : 'vi';
      const email = feedbackMessageEmail(locale, deps.config, {
        kind: notify,
        feedbackKind: row.kind,
        code: row.code,
        text: (notify === 'answered' ? changes.answer : changes.close_reason) ?? '',
        upheld: notify === 'answered' ? (changes.upheld ?? null) : null,
      });
      const notification: NewNotification = {
        dedupe_key: `feedback:${row.id}:${notify}:email:sender`,
        event_id: null,
        application_id: null,
        feedback_id: row.id,
        kind: `feedback_${notify}`,
        channel: 'email',
        audience: 'applicant',
        user_id: row.sender_user_id,
        address: row.sender_email,
        locale,
        subject: email.subject,
        body_text: email.text,
        body_html: email.html,
        created_at: now,
      };
      await insertNotifications(tx, [notification]);
    }
  });
  // The e-mail is recorded with the change; its sending job is queued now (or by the dispatcher's
  // next run, which queues every notification still without one).
  await enqueueNotifications(deps).catch(() => 0);
  const item = await findFeedbackByCode(deps.database.db, code);
  if (!item) throw new AppError('FEEDBACK_NOT_FOUND');
  return item;
}

/** Routes an item to the responsible unit (and agency), noting the officer it is about if identified. */
export async function triageFeedback(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: TFeedbackTriage,
): Promise<FeedbackView> {
  return act(deps, context, code, 'triage', input.expectedVersion, async (tx, row, now) => {
    const errors: FieldErrors = {};
    const units = await listFeedbackUnits(deps, { db: tx });
    const unit = units.find((u) => u.code === input.unitCode);
    if (!unit) errors.unitCode = { key: 'feedback.errors.unknownUnit' };
    const agency =
      unit && input.agencyCode ? await findAgencyOfUnit(tx, unit.id, input.agencyCode) : undefined;
    if (unit && input.agencyCode && !agency) errors.agencyCode = { key: 'feedback.errors.unknownAgency' };
    const officer = input.officerUsername ? await findStaffUser(tx, input.officerUsername) : undefined;
    if (input.officerUsername && !officer) errors.officerUsername = { key: 'feedback.errors.unknownOfficer' };
    if (Object.keys(errors).length > 0 || !unit) throw new AppError('VALIDATION_FAILED', { fields: errors });
    return {
      changes: {
        unit_id: unit.id,
        agency_id: agency?.id ?? null,
        ...(officer ? { officer_id: officer.id } : {}),
        triaged_at: now,
      },
      event: {
        toUnitId: unit.id,
        toAgencyId: agency?.id ?? null,
        note: input.note,
        details: {
          unit: unit.code,
          agency: agency?.code ?? null,
          ...(officer ? { officer: officer.username } : {}),
          fromUnitId: row.unit_id,
        },
      },
    };
  });
}

/** Answers an item, recording whether the feedback was upheld; published when the sender agreed. */
export async function answerFeedback(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: TFeedbackAnswer,
): Promise<FeedbackView> {
  return act(deps, context, code, 'answer', input.expectedVersion, async (_tx, row, now) => {
    const publish = input.publish && row.publish_consent;
    return {
      changes: {
        answer: input.answer,
        upheld: input.upheld,
        answered_at: now,
        answered_by: context.actor?.userId ?? null,
        published_at: publish ? now : null,
      },
      event: {
        details: { upheld: input.upheld, published: publish, onTime: now.getTime() <= row.due_at.getTime() },
      },
      notify: 'answered',
    };
  });
}

/** Dismisses an item without an answer (a duplicate, not a feedback at all), with the reason. */
export async function closeFeedback(
  deps: AppDeps,
  context: ActionContext,
  code: string,
  input: TFeedbackClose,
): Promise<FeedbackView> {
  return act(deps, context, code, 'close', input.expectedVersion, async (_tx, _row, now) => ({
    changes: { closed_at: now, close_reason: input.reason },
    event: { note: input.reason },
    notify: 'closed',
  }));
}

/** Whether the actor may see the staff pages of feedback at all (the navigation asks). */
export function canHandleFeedback(actor: Actor | null): boolean {
  return actor !== null && grantsAllow(actor.grants, 'feedback.handle');
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------

export interface FeedbackReminderRun {
  checked: number;
  reminded: number;
  notifications: number[];
}

/**
 * Reminds the heads of the responsible unit (see findFeedbackRecipients) once when an item turns due
 * soon (the deployment's threshold, one working day by default) and once when it is overdue. An item
 * found already overdue gets the overdue reminder only. Safe to run twice or concurrently: each
 * reminder is marked on the item in the transaction that records its e-mails.
 */
export async function checkFeedbackDeadlines(deps: AppDeps): Promise<FeedbackReminderRun> {
  const db = deps.database.db;
  const calendar = await loadWorkingCalendar(deps);
  const { officeHours, dueSoon } = await loadCalendarSettings(deps);
  const now = deps.clock.now();
  const run: FeedbackReminderRun = { checked: 0, reminded: 0, notifications: [] };
  for (const item of await findOpenFeedbackForReminders(db)) {
    run.checked++;
    const flag = classifyInProgress({ now, dueAt: item.due_at, threshold: dueSoon }, calendar, officeHours);
    const which =
      flag === 'overdue' && item.reminded_overdue_at === null
        ? 'overdue'
        : flag === 'due_soon' && item.reminded_due_soon_at === null
          ? 'due_soon'
          : null;
    if (!which) continue;
    const ids = await db.transaction().execute(async (tx) => {
      if (!(await markReminded(tx, item.id, which, now))) return [];
      // Overdue first seen: the due-soon reminder would only repeat it.
      if (which === 'overdue') await markReminded(tx, item.id, 'due_soon', now);
      run.reminded++;
      const recipients = await findFeedbackRecipients(tx, { unitId: item.unit_id, agencyId: item.agency_id });
      const rows: NewNotification[] = recipients
        .filter((r): r is typeof r & { email: string } => r.email !== null)
        .map((officer) => {
          const locale: Locale = isLocale(officer.locale) ? officer.locale : 'vi';
          const email = feedbackReminderEmail(locale, deps.config, {
            flag: which,
            code: item.code,
            kind: item.kind,
            dueAt: item.due_at,
          });
          return {
            dedupe_key: `feedback:${item.id}:${which}:email:${officer.id}`,
            event_id: null,
            application_id: null,
            feedback_id: item.id,
            kind: `feedback_${which}`,
            channel: 'email',
            audience: 'unit_head',
            user_id: officer.id,
            address: officer.email,
            locale,
            subject: email.subject,
            body_text: email.text,
            body_html: email.html,
            created_at: now,
          };
        });
      return insertNotifications(tx, rows);
    });
    run.notifications.push(...ids);
  }
  await enqueueNotifications(deps);
  return run;
}
