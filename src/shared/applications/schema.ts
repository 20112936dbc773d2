import { z } from 'zod';
import { PHONE_PATTERN } from '../auth/schema.js';
import { PLAN_STEPS } from './steps.js';
import { ACTIONS, STATUSES } from './workflow.js';

export const APPLICATION_CODE_PATTERN = /^[0-9A-Z.]{3,30}-\d{6}-\d{4}$/;
/** Personal ID numbers (CCCD, 12 digits) and older ID cards (9 digits). */
export const ID_NUMBER_PATTERN = /^(\d{9}|\d{12})$/;
export const NOTE_MAX = 2000;
export const REASON_MIN = 5;

export const ZApplicant = z.object({
  fullName: z.string().trim().min(2).max(150),
  idNumber: z.string().trim().regex(ID_NUMBER_PATTERN, { message: 'applications.errors.idNumber' }),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(PHONE_PATTERN, { message: 'applications.errors.phone' })),
  email: z.email().max(200).optional(),
  address: z.string().trim().max(300).optional(),
});
export type TApplicant = z.output<typeof ZApplicant>;

export const ZDocumentRef = z.object({
  componentId: z.string().min(1).max(40),
  fileId: z.uuid(),
});

export const ZSubmitApplication = z.object({
  procedureCode: z.string().trim().min(1).max(40),
  /** The ward or commune (administrative code) that receives a commune-level application. */
  unitCode: z
    .string()
    .regex(/^[0-9A-Za-z.]{1,20}$/)
    .optional(),
  applicant: ZApplicant,
  formData: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(ZDocumentRef).max(30).default([]),
  /** A community digital team member submits for the applicant: the team's code. */
  assistedBy: z.object({ teamCode: z.string().min(1).max(40) }).optional(),
});
export type TSubmitApplication = z.output<typeof ZSubmitApplication>;

export const ZSubmitResponse = z.object({
  code: z.string(),
  status: z.number().int(),
  version: z.number().int(),
  receivedAt: z.string(),
  dueAt: z.string().optional(),
});

export const ZApplicationCodeParams = z.object({ code: z.string().regex(APPLICATION_CODE_PATTERN) });

export const ZApplicationAction = z.object({
  action: z.enum(ACTIONS),
  expectedVersion: z.number().int().min(1),
  note: z.string().trim().max(NOTE_MAX).optional(),
  /** assign: the specialist's username. */
  assignee: z.string().max(100).optional(),
  /** transfer: the receiving agency's code. */
  toAgency: z.string().max(40).optional(),
  /** issue_apology: the new appointment date and time (ISO 8601). */
  newDueAt: z.iso.datetime({ offset: true }).optional(),
  /** request_fee: the amount due, VND. */
  amountVnd: z.number().int().min(0).max(1_000_000_000_000).optional(),
  /** record_fee_paid: how and the receipt number. */
  paymentMethod: z.enum(['cash', 'transfer']).optional(),
  receiptNumber: z.string().trim().max(50).optional(),
  /** return_result (online), receive_supplement, exempt_fee: uploaded files. */
  fileIds: z.array(z.uuid()).max(30).optional(),
});
export type TApplicationAction = z.output<typeof ZApplicationAction>;

export const ZApplicationEvent = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int(),
  note: z.string().nullable(),
});

export const ZApplicationView = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  channel: z.enum(['online', 'direct', 'postal']),
  status: z
    .number()
    .int()
    .refine((s) => (STATUSES as number[]).includes(s)),
  step: z.string().nullable(),
  version: z.number().int(),
  submittedAt: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** The deadline of the step it stands at now (null while paused, before acceptance or after). */
  stepDueAt: z.string().nullable(),
  /** The planned deadline of each stage of the internal process, shared out of the total. */
  stepPlan: z.partialRecord(z.enum(PLAN_STEPS), z.string()).nullable(),
  finishedAt: z.string().nullable(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
  }),
  receivingAgency: z.string(),
  handlingAgency: z.string().nullable(),
  assignee: z.string().nullable(),
  assisted: z.object({ by: z.string(), team: z.string().nullable() }).nullable(),
  formData: z.record(z.string(), z.unknown()),
  documents: z.array(
    z.object({ componentId: z.string(), fileId: z.string(), name: z.string(), purpose: z.string() }),
  ),
  allowedActions: z.array(z.string()),
  events: z.array(ZApplicationEvent),
});

export const ZTrackQuery = z.object({
  verify: z.string().regex(/^\d{4}$/, { message: 'applications.errors.verify' }),
});
export const ZTrackView = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: z.number().int(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  awaiting: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), status: z.number().int(), action: z.string() })),
});
