import { hasAnyRole, type Role } from '../auth/api';
import { useSession } from '../auth/session';
import { paths } from '../app/paths';
import { Link, useLocation } from '../lib/router';

const SECTIONS: { path: string; label: string; roles: Role[] }[] = [
  { path: paths.reviewTriage, label: 'Triage', roles: ['trainer', 'admin'] },
  { path: paths.reviewRanking, label: 'Ranking', roles: ['trainer'] },
  { path: paths.reviewDemonstrations, label: 'Demonstrations', roles: ['trainer'] },
];

/** Links between the review pages the person's roles open. */
export function ReviewNav() {
  const { user } = useSession();
  const { pathname } = useLocation();
  const shown = SECTIONS.filter((s) => hasAnyRole(user, s.roles));
  if (shown.length < 2) return null;
  return (
    <nav className="review-nav" aria-label="Review">
      {shown.map((s) => (
        <Link
          key={s.path}
          to={s.path}
          className="review-nav__link"
          aria-current={pathname === s.path || pathname.startsWith(`${s.path}/`) ? 'page' : undefined}
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
