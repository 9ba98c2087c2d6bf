import { hasAnyRole, type Role } from '../auth/api';
import { useSession } from '../auth/session';
import { paths } from '../app/paths';
import { SectionNav } from '../ui';

const SECTIONS: { to: string; label: string; roles: Role[] }[] = [
  { to: paths.reviewTriage, label: 'Triage', roles: ['trainer', 'admin'] },
  { to: paths.reviewRanking, label: 'Ranking', roles: ['trainer'] },
  { to: paths.reviewDemonstrations, label: 'Demonstrations', roles: ['trainer'] },
];

/** Links between the review pages the person's roles open. */
export function ReviewNav() {
  const { user } = useSession();
  const shown = SECTIONS.filter((s) => hasAnyRole(user, s.roles));
  if (shown.length < 2) return null;
  return <SectionNav label="Review" links={shown} />;
}
