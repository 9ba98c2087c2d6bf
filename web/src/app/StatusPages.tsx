import type { Role } from '../auth/api';
import { Link } from '../lib/router';
import { paths } from './paths';

/** The page for a URL that is no page of this app. */
export function NotFoundPage() {
  return (
    <section className="status-page" aria-labelledby="status-title">
      <p className="status-page__code" aria-hidden="true">
        404
      </p>
      <h1 id="status-title">Page not found</h1>
      <p className="muted">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link to={paths.home} className="btn btn--primary btn--md">
        Go to the start page
      </Link>
    </section>
  );
}

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a');

/** A page the signed-in person's roles do not open. */
export function ForbiddenPage({ roles }: { roles: readonly Role[] }) {
  const needed = roles.map((r) => `${article(r)} ${r}`).join(' or ');
  return (
    <section className="status-page" aria-labelledby="status-title">
      <p className="status-page__code" aria-hidden="true">
        403
      </p>
      <h1 id="status-title">You don't have access to this page</h1>
      <p className="muted">This page is for {needed}. Ask an admin if you need it.</p>
      <Link to={paths.chat} className="btn btn--secondary btn--md">
        Back to chat
      </Link>
    </section>
  );
}
