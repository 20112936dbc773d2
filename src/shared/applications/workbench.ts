import { z } from 'zod';

export const QUEUES = ['new', 'mine', 'due_soon', 'overdue', 'supplement', 'to_return', 'all'] as const;
export type Queue = (typeof QUEUES)[number];
export const WORKBENCH_PAGE_SIZE_MAX = 100;

export const ZWorkbenchQuery = z.object({
  queue: z.enum(QUEUES).default('new'),
  q: z.string().trim().max(100).optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  procedure: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(WORKBENCH_PAGE_SIZE_MAX).default(25),
});
export type TWorkbenchQuery = z.output<typeof ZWorkbenchQuery>;

export const ZWorkbenchItem = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.number().int(),
  step: z.string().nullable(),
  version: z.number().int(),
  channel: z.string(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  progress: z.enum(['on_time', 'due_soon', 'overdue']).nullable(),
  /** The deadline of the step it stands at (per-step limits inside the total), null while none runs. */
  stepDueAt: z.string().nullable(),
  stepLate: z.boolean(),
});
export const ZWorkbenchList = z.object({
  queue: z.enum(QUEUES),
  items: z.array(ZWorkbenchItem),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});
