import { paths } from '../app/paths';
import { Link, useLocation } from '../lib/router';
import './admin-nav.css';

const LINKS = [
  { to: paths.manageUsers, label: 'Users' },
  { to: paths.manageContests, label: 'Contests' },
  { to: paths.manageFilter, label: 'Content filter' },
  { to: paths.manageCredits, label: 'Credits' },
];

/** The admin's pages, one click apart (the header links to the first). */
export function AdminNav() {
  const { pathname } = useLocation();
  return (
    <nav className="admin-nav" aria-label="Admin">
      {LINKS.map((link) => {
        const current = pathname === link.to || pathname.startsWith(`${link.to}/`);
        return (
          <Link
            key={link.to}
            to={link.to}
            className={`admin-nav__link ${current ? 'admin-nav__link--current' : ''}`}
            aria-current={current ? 'page' : undefined}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
