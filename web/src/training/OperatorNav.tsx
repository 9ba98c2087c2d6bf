import { paths } from '../app/paths';
import { Link, useLocation } from '../lib/router';
import './OperatorNav.css';

const LINKS = [
  { to: paths.manageModels, label: 'Models' },
  { to: paths.manageTraining, label: 'Training runs' },
  { to: paths.manageDatasets, label: 'Datasets' },
];

/** The operator's pages, one click apart. */
export function OperatorNav() {
  const { pathname } = useLocation();
  return (
    <nav className="operator-nav" aria-label="Operator">
      {LINKS.map((link) => {
        const current = pathname === link.to || pathname.startsWith(`${link.to}/`);
        return (
          <Link
            key={link.to}
            to={link.to}
            className={`operator-nav__link ${current ? 'operator-nav__link--current' : ''}`}
            aria-current={current ? 'page' : undefined}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
