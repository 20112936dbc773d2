// Every administration area, for the hub page at /quan-tri and the "Quản trị" link in the header.
import { grantsAllow, type Permission } from '../../shared/auth/roles.js';
import type { PageContext } from './page-context.js';

/** Each administration area: where it is, what it is called, and who may open it. */
export const ADMIN_SECTIONS: readonly { href: string; key: string; permission: Permission }[] = [
  { href: '/quan-tri/thu-tuc', key: 'procedures', permission: 'catalog.manage' },
  { href: '/quan-tri/lich', key: 'calendar', permission: 'calendar.manage' },
  { href: '/quan-tri/to-cong-nghe-so', key: 'teams', permission: 'teams.manage' },
  { href: '/quan-tri/chi-tieu', key: 'targets', permission: 'stats.targets' },
  { href: '/quan-tri/tieu-chi-danh-gia', key: 'evaluationCriteria', permission: 'evaluations.manage' },
  { href: '/quan-tri/tin-tuc', key: 'news', permission: 'news.manage' },
  { href: '/quan-tri/binh-luan', key: 'comments', permission: 'comments.moderate' },
  { href: '/quan-tri/duong-day-nong', key: 'hotlines', permission: 'hotlines.manage' },
  { href: '/can-bo/kiem-tra/ngan-hang', key: 'capacityBanks', permission: 'capacity.manage' },
  { href: '/can-bo/kiem-tra/dot', key: 'capacityCampaigns', permission: 'capacity.manage' },
  { href: '/can-bo/cham-diem/phuong-phap', key: 'staffScoreMethod', permission: 'staffScores.configure' },
];

/** The sections `ctx`'s person may open (empty for everyone else). */
export function adminSectionsFor(ctx: Pick<PageContext, 'actor'>) {
  const grants = ctx.actor?.grants ?? [];
  return ADMIN_SECTIONS.filter((section) => grantsAllow(grants, section.permission));
}
