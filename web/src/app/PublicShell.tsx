import type { ReactNode } from 'react';
import { Link, useLocation } from '../lib/router';
import { paths } from './paths';
import { ThemeToggle } from './ThemeToggle';
import './public-shell.css';

/** The frame around a public page (e.g. contest results) for signed-out visitors. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { href } = useLocation();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="header">
        <Link to={paths.compete} className="brand" aria-label="rlhf-portal, go to contests">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span className="brand__name">rlhf-portal</span>
        </Link>
        <div className="public-header__end">
          <ThemeToggle />
          <Link
            to={`${paths.signIn}?next=${encodeURIComponent(href)}`}
            className="btn btn--secondary btn--sm"
          >
            Sign in
          </Link>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
