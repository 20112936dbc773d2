// Roles are scoped to a unit (and optionally an agency). What each role may do is this table.

export const ROLES = [
  'citizen',
  'counter_officer',
  'specialist',
  'unit_head',
  'signing_leader',
  'team_member',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'units.import': ['administrator'],
  'units.manage': ['administrator'],
  'catalog.manage': ['administrator'],
  'users.manage': ['administrator'],
  'audit.read': ['administrator'],
  'calendar.manage': ['administrator'],
  'teams.manage': ['administrator'],
  'stats.targets': ['administrator'],
  'news.manage': ['administrator'],
  'hotlines.manage': ['administrator'],
  'comments.moderate': ['administrator'],
  'evaluations.manage': ['administrator'],
  'evaluations.read': ['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator'],
  'staff.workspace': ['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator'],
  'feedback.handle': ['counter_officer', 'specialist', 'unit_head', 'signing_leader', 'administrator'],
  'feedback.settings': ['administrator'],
  'capacity.manage': ['unit_head', 'administrator'],
  'capacity.grant': ['administrator'],
  'capacity.results': ['unit_head', 'signing_leader', 'administrator'],
  'staffScores.read': ['unit_head', 'signing_leader', 'administrator'],
  'staffScores.configure': ['signing_leader', 'administrator'],
  'staffScores.review': ['unit_head', 'signing_leader'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export interface RoleGrant {
  role: Role;
  unitId: number | null;
  agencyId: number | null;
}

/** Whether one of `grants` allows `permission`, within `unitPath` (the unit and its ancestors) when given. */
export function grantsAllow(
  grants: readonly RoleGrant[],
  permission: Permission,
  unitPath?: readonly number[],
): boolean {
  const roles: readonly Role[] = PERMISSIONS[permission];
  return grants.some(
    (grant) =>
      roles.includes(grant.role) &&
      (unitPath === undefined || (grant.unitId !== null && unitPath.includes(grant.unitId))),
  );
}
