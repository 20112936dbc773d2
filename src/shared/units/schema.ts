import { z } from 'zod';

export const UNIT_CODE_PATTERN = /^[0-9A-Za-z.]{1,20}$/;
const ZIsoDate = z.iso.date();

export const ZUnitParams = z.object({ code: z.string().regex(UNIT_CODE_PATTERN) });
export const ZUnitQuery = z.object({ date: ZIsoDate.optional() });

export const ZAgency = z.object({
  code: z.string(),
  kind: z.enum(['peoples_committee', 'office', 'department', 'vertical', 'public_service']),
  name: z.string(),
  hasCounter: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});

export interface TUnitNode {
  code: string;
  type: string;
  name: string;
  fullName: string;
  hasCounter: boolean;
  address: string | null;
  phone: string | null;
  validFrom: string;
  validTo: string | null;
  agencies: z.infer<typeof ZAgency>[];
  children: TUnitNode[];
}

export const ZUnitNode: z.ZodType<TUnitNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    type: z.string(),
    name: z.string(),
    fullName: z.string(),
    hasCounter: z.boolean(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    agencies: z.array(ZAgency),
    children: z.array(ZUnitNode),
  }),
);

export const ZUnitSummary = z.object({
  code: z.string(),
  type: z.string(),
  name: z.string(),
  fullName: z.string(),
});
export const ZUnitList = z.object({ items: z.array(ZUnitSummary) });
