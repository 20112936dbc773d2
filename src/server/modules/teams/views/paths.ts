// The registry's addresses, in one place so pages, redirects and tests agree.
export const TEAMS_PATH = '/to-cong-nghe-so';
export const MY_TEAMS_PATH = `${TEAMS_PATH}/cua-toi`;
export const ADMIN_TEAMS_PATH = '/quan-tri/to-cong-nghe-so';
export const ADMIN_NEW_TEAM_PATH = `${ADMIN_TEAMS_PATH}/moi`;

export const teamPath = (code: string) => `${TEAMS_PATH}/${encodeURIComponent(code)}`;
export const unitTeamsPath = (unitCode: string) => `${TEAMS_PATH}?unit=${encodeURIComponent(unitCode)}`;
export const adminTeamPath = (code: string) => `${ADMIN_TEAMS_PATH}/${encodeURIComponent(code)}`;
export const adminMembersPath = (code: string) => `${adminTeamPath(code)}/thanh-vien`;
export const adminRemoveMemberPath = (code: string, id: number) => `${adminMembersPath(code)}/${id}/xoa`;
export const adminLeaderPath = (code: string, id: number) => `${adminMembersPath(code)}/${id}/to-truong`;
