import { Link, useLocation } from '../lib/router';

export interface SectionLink {
  to: string;
  label: string;
}

/** Tabs between the pages of one section (admin, operator, review); a tab stays current on its inner pages. */
export function SectionNav({ label, links }: { label: string; links: SectionLink[] }) {
  const { pathname } = useLocation();
  return (
    <nav className="section-nav" aria-label={label}>
      {links.map((link) => (
        <Link
          key={link.to}
          to={link.to}
          className="section-nav__link"
          aria-current={pathname === link.to || pathname.startsWith(`${link.to}/`) ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
