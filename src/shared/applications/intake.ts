import { z } from 'zod';
import { NOTE_MAX, ZApplicant } from './schema.js';

export const INTAKE_DECISIONS = ['accept', 'refuse', 'incomplete'] as const;

/** An application handed in at the counter, checked against the procedure's list of documents. */
export const ZCounterIntake = z.object({
  procedureCode: z.string().trim().min(1).max(40),
  unitCode: z
    .string()
    .regex(/^[0-9A-Za-z.]{1,20}$/)
    .optional(),
  applicant: ZApplicant,
  formData: z.record(z.string(), z.unknown()).default({}),
  /** Components the officer found in the file. */
  checkedComponents: z.array(z.string().min(1).max(40)).max(200).default([]),
  /** Optional scans, per component. */
  documents: z
    .array(z.object({ componentId: z.string().min(1).max(40), fileId: z.uuid() }))
    .max(30)
    .default([]),
  decision: z.enum(INTAKE_DECISIONS),
  note: z.string().trim().max(NOTE_MAX).optional(),
});
export type TCounterIntake = z.output<typeof ZCounterIntake>;

export const ZIntakeResult = z.object({
  decision: z.enum(INTAKE_DECISIONS),
  code: z.string().nullable(),
  status: z.number().int().nullable(),
  version: z.number().int().nullable(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** Required documents not found: what the guidance slip lists. */
  missing: z.array(z.object({ id: z.string(), name: z.string() })),
});
