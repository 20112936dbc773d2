// Requests and answers of the community digital team registry (tổ công nghệ số cộng đồng), one
// schema per request, shared by the API (and so the OpenAPI document) and the administrators' forms.
// Every message is an i18n key under `teams.errors` or `validation`.
import { z } from 'zod';

/** Team codes: capitals, digits, dots and dashes ('TCNS-03979-01'); typed in any case. */
export const TEAM_CODE_PATTERN = /^[A-Z0-9][A-Z0-9.-]{1,39}$/;
export const TEAM_CODE_MAX = 40;
export const TEAM_NAME_MAX = 150;
export const VILLAGE_MAX = 100;
export const PERSON_NAME_MAX = 150;
export const USERNAME_MAX = 100;
/** A team's public contact: a mobile number (10 digits) or a landline with its area code (11 digits). */
export const TEAM_PHONE_PATTERN = /^(0\d{9,10}|\+84\d{9,10})$/;
export const TEAMS_PAGE_SIZE = 20;
export const MAX_TEAMS_PAGE_SIZE = 100;
const UNIT_CODE_PATTERN = /^[0-9A-Za-z.]{1,20}$/;

/** Spaces, dots and dashes are for reading: '0212 3866 123' is kept as '02123866123'. */
export const normalizeTeamPhone = (value: string) => value.replace(/[\s.()-]/g, '');

export const ZTeamCode = z
  .string()
  .trim()
  .min(1)
  .max(TEAM_CODE_MAX, 'teams.errors.codeFormat')
  .transform((code) => code.toUpperCase())
  .pipe(z.string().regex(TEAM_CODE_PATTERN, 'teams.errors.codeFormat'))
  .meta({
    description: 'Team code: letters, digits, dots and dashes, 2-40 characters (e.g. TCNS-03979-01).',
  });

// Names are one line of printable text: control characters (a NUL byte above all) are refused.
const PRINTABLE = /^\P{Cc}*$/u;
const printable = (schema: z.ZodString) => schema.regex(PRINTABLE, 'teams.errors.characters');

/** An optional text: blank (or null) means none. */
const optionalText = (max: number) =>
  printable(z.string().trim().max(max))
    .nullish()
    .transform((value) => (value ? value : null));

const ZTeamPhone = z
  .string()
  .trim()
  .max(30, 'teams.errors.phone')
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const phone = normalizeTeamPhone(value);
    if (!TEAM_PHONE_PATTERN.test(phone)) {
      ctx.addIssue({ code: 'custom', message: 'teams.errors.phone' });
      return z.NEVER;
    }
    return phone;
  })
  .meta({ description: 'Public contact number: 10-digit mobile or 11-digit landline; spaces allowed.' });

const ZUnitCode = z
  .string()
  .trim()
  .min(1)
  .max(20, 'teams.errors.unknownUnit')
  .regex(UNIT_CODE_PATTERN, 'teams.errors.unknownUnit')
  .meta({ description: 'Administrative code of the ward or commune (e.g. 03979).' });

export const ZTeamName = printable(z.string().trim().min(1).max(TEAM_NAME_MAX));

/** Creating a team. A leader's name, when given, adds the leader as the team's first member. */
export const ZTeamCreate = z.object({
  code: ZTeamCode,
  unitCode: ZUnitCode,
  name: ZTeamName,
  village: optionalText(VILLAGE_MAX),
  phone: ZTeamPhone,
  leaderName: optionalText(PERSON_NAME_MAX),
});
export type TTeamCreate = z.output<typeof ZTeamCreate>;

/** Editing a team: its name, village and public contact. The leader is chosen among the members. */
export const ZTeamUpdate = z.object({
  name: ZTeamName,
  village: optionalText(VILLAGE_MAX),
  phone: ZTeamPhone,
});
export type TTeamUpdate = z.output<typeof ZTeamUpdate>;

/** Adding a member: a name, or a user account (by username) whose name is taken when none is given. */
export const ZMemberCreate = z
  .object({
    fullName: optionalText(PERSON_NAME_MAX),
    username: optionalText(USERNAME_MAX).transform((value) => value?.toLowerCase() ?? null),
    phone: ZTeamPhone,
    isLeader: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (!value.fullName && !value.username)
      ctx.addIssue({ code: 'custom', path: ['fullName'], message: 'teams.errors.nameOrUser' });
  });
export type TMemberCreate = z.output<typeof ZMemberCreate>;

/** A unit filter: blank means every unit. */
const ZUnitFilter = z
  .string()
  .trim()
  .max(20, 'teams.errors.unknownUnit')
  .regex(/^[0-9A-Za-z.]*$/, 'teams.errors.unknownUnit')
  .optional()
  .transform((value) => (value ? value : undefined))
  .meta({ description: 'Only the teams of this ward or commune (administrative code).' });

export const ZTeamsQuery = z.object({
  unit: ZUnitFilter,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_TEAMS_PAGE_SIZE).default(TEAMS_PAGE_SIZE),
});
export type TTeamsQuery = z.output<typeof ZTeamsQuery>;

/** A team code in an address, in any case; 400 in the API (404 on pages) when it cannot be one. */
const ZCodeParam = z
  .string()
  .max(TEAM_CODE_MAX, 'teams.errors.codeFormat')
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{1,39}$/, 'teams.errors.codeFormat');
export const ZTeamParams = z.object({ code: ZCodeParam });
export const ZMemberParams = z.object({
  code: ZCodeParam,
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'teams.errors.memberId')
    .transform(Number),
});

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

export const ZTeamSummary = z.object({
  code: z.string(),
  name: z.string(),
  village: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  leaderName: z.string().nullable(),
  /** The team's public contact (usually the leader's); members' own numbers are never published. */
  phone: z.string().nullable(),
  memberCount: z.number().int(),
  /** Applications members submitted online on citizens' behalf, with this team. */
  assistedSubmissions: z.number().int(),
});
export type TTeamSummary = z.output<typeof ZTeamSummary>;

export const ZTeamList = z.object({ items: z.array(ZTeamSummary), total: z.number().int() });

export const ZTeamMember = z.object({
  id: z.number().int(),
  fullName: z.string(),
  isLeader: z.boolean(),
});
export type TTeamMember = z.output<typeof ZTeamMember>;

export const ZTeamDetail = ZTeamSummary.extend({ members: z.array(ZTeamMember) });
export type TTeamDetail = z.output<typeof ZTeamDetail>;
