import { useState, type ReactNode } from 'react';
import { displayName, hasAnyRole } from '../auth/api';
import { useSession } from '../auth/session';
import { errorMessage } from '../lib/api';
import { Link, matchPath, navigate, useLocation } from '../lib/router';
import { IconButton, useToast } from '../ui';
import { CloseIcon, LogOutIcon, MenuIcon, UserIcon } from '../ui/icons';
import { paths } from './paths';
import { routes } from './routes';
import { ThemeToggle } from './ThemeToggle';

/** The frame around every signed-in page: header with navigation for the person's roles, then the page. */
export function Shell({ children, layout = 'page' }: { children: ReactNode; layout?: 'page' | 'full' }) {
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const toast = useToast();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuPath, setMenuPath] = useState(pathname);
  // The mobile menu closes when the page changes.
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }

  const links = routes.filter(
    (r) => r.nav && r.access !== 'guest' && (r.access === 'public' || hasAnyRole(user, r.access)),
  );
  // A section's link stays current on its inner pages (a conversation, a report under triage).
  const isCurrent = (path: string) => !!matchPath(path, pathname) || pathname.startsWith(`${path}/`);

  const onSignOut = async () => {
    try {
      await signOut();
      navigate(paths.signIn, { replace: true });
    } catch (error) {
      toast(`Could not sign out: ${errorMessage(error)}`, 'danger');
    }
  };

  return (
    <div className={`shell shell--${layout}`}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="header">
        <Link to={paths.chat} className="brand" aria-label="rlhf-portal, go to chat">
          <img src="/favicon.svg" alt="" width={26} height={26} />
          <span className="brand__name">rlhf-portal</span>
        </Link>
        <IconButton
          className="header__menu-button"
          label={menuOpen ? 'Close menu' : 'Open menu'}
          icon={menuOpen ? <CloseIcon /> : <MenuIcon />}
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((open) => !open)}
        />
        <nav id="site-nav" className={`nav ${menuOpen ? 'nav--open' : ''}`} aria-label="Main">
          <ul className="nav__links">
            {links.map((r) => (
              <li key={r.path}>
                <Link to={r.path} className="nav__link" aria-current={isCurrent(r.path) ? 'page' : undefined}>
                  {r.nav!.icon}
                  {r.nav!.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="nav__end">
            <ThemeToggle />
            {user && (
              <Link
                to={paths.account}
                className="nav__link nav__account"
                aria-current={pathname === paths.account ? 'page' : undefined}
                title={user.email}
              >
                <UserIcon size={16} />
                <span className="nav__account-name">{displayName(user)}</span>
                <span className="visually-hidden">(account)</span>
              </Link>
            )}
            <IconButton label="Sign out" icon={<LogOutIcon />} onClick={() => void onSignOut()} />
          </div>
        </nav>
      </header>
      <main id="main" className={layout === 'full' ? 'main main--full' : 'main'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
