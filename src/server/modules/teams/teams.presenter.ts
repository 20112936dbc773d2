// What leaves the server about teams: codes, names and the team's public contact. Members' own phone
// numbers and linked accounts are shown to administrators only (presentAdminMember), never published.
import type { Locale } from '../../../shared/i18n/index.js';
import type { TTeamDetail, TTeamMember, TTeamSummary } from '../../../shared/teams/schema.js';
import type { MemberRow, MemberTeam, TeamDetail, TeamRow, UnitChoice, UnitSummary } from './teams.service.js';

const unitNameOf = (row: TeamRow, locale: Locale) =>
  (locale === 'en' ? row.unitNameEn : row.unitName) ?? row.unitName ?? row.unitCode;

export function presentTeamSummary(
  row: TeamRow & { assistedSubmissions: number },
  locale: Locale,
): TTeamSummary {
  return {
    code: row.code,
    name: row.name,
    village: row.village,
    unit: { code: row.unitCode, name: unitNameOf(row, locale) },
    leaderName: row.leaderName,
    phone: row.phone,
    memberCount: row.memberCount,
    assistedSubmissions: row.assistedSubmissions,
  };
}

export function presentMember(row: MemberRow): TTeamMember {
  return { id: row.id, fullName: row.fullName, isLeader: row.isLeader };
}

export function presentTeamDetail(detail: TeamDetail, locale: Locale): TTeamDetail {
  return {
    ...presentTeamSummary({ ...detail.team, assistedSubmissions: detail.assistedSubmissions }, locale),
    members: detail.members.map(presentMember),
  };
}

export interface AdminMember extends TTeamMember {
  phone: string | null;
  username: string | null;
}

/** A member as administrators see it: with the contact and the linked account. */
export function presentAdminMember(row: MemberRow): AdminMember {
  return { ...presentMember(row), phone: row.phone, username: row.username };
}

export interface UnitSummaryView {
  code: string;
  name: string;
  teams: number;
  members: number;
  assistedSubmissions: number;
}

export function presentUnitSummary(unit: UnitSummary, locale: Locale): UnitSummaryView {
  return {
    code: unit.code,
    name: locale === 'en' ? unit.nameEn : unit.name,
    teams: unit.teams,
    members: unit.members,
    assistedSubmissions: unit.assistedSubmissions,
  };
}

export function presentUnitChoice(unit: UnitChoice, locale: Locale) {
  return { value: unit.code, label: locale === 'en' ? unit.nameEn : unit.name };
}

export interface MemberTeamView {
  code: string;
  name: string;
  village: string | null;
  unitName: string;
  isLeader: boolean;
}

export function presentMemberTeam(team: MemberTeam, locale: Locale): MemberTeamView {
  return {
    code: team.code,
    name: team.name,
    village: team.village,
    unitName: locale === 'en' ? team.unitNameEn : team.unitName,
    isLeader: team.isLeader,
  };
}
