import { Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { hasAnyRole } from '../auth/api';
import { SessionProvider, useSession } from '../auth/session';
import { errorMessage } from '../lib/api';
import { matchPath, navigate, useLocation } from '../lib/router';
import { Alert, Button, Loading, ToastProvider } from '../ui';
import { ErrorBoundary } from './ErrorBoundary';
import { ForbiddenPage, NotFoundPage } from './StatusPages';
import { paths, safeNext } from './paths';
import { routes, type PageRoute } from './routes';
import { PublicShell } from './PublicShell';
import { Shell } from './Shell';

export function App() {
  return (
    <ToastProvider>
      <SessionProvider>
        <Router />
      </SessionProvider>
    </ToastProvider>
  );
}

function findRoute(pathname: string): { route: PageRoute; params: Record<string, string> } | null {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const params = matchPath(route.path, normalised);
    if (params) return { route, params };
  }
  return null;
}

/** Sends the browser elsewhere without adding a history entry. */
function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Router() {
  const location = useLocation();
  const session = useSession();
  const match = findRoute(location.pathname);
  const title =
    session.state.status === 'signed-in' ||
    match?.route.access === 'guest' ||
    match?.route.access === 'public' ||
    !match
      ? (match?.route.title ?? 'Page not found')
      : undefined;
  const announced = useDocumentTitle(title);
  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
      <RouteContent location={location} match={match} session={session} />
    </>
  );
}

/** Picks what to show for the URL and applies the page's access rule (the route guard). */
function RouteContent({
  location,
  match,
  session: { state, user, refresh },
}: {
  location: ReturnType<typeof useLocation>;
  match: ReturnType<typeof findRoute>;
  session: ReturnType<typeof useSession>;
}) {
  if (state.status === 'loading') return <Loading label="Starting" />;
  if (state.status === 'error') {
    return (
      <main className="centered-page">
        <Alert
          tone="danger"
          title="The app could not start"
          actions={
            <Button size="sm" onClick={() => void refresh()}>
              Try again
            </Button>
          }
        >
          {errorMessage(state.error)}
        </Alert>
      </main>
    );
  }

  if (location.pathname === paths.home) return <Redirect to={user ? paths.chat : paths.signIn} />;

  if (!match) {
    return user ? (
      <Shell>
        <NotFoundPage />
      </Shell>
    ) : (
      <main className="centered-page">
        <NotFoundPage />
      </main>
    );
  }

  const { route, params } = match;
  if (route.access === 'guest') {
    if (user) return <Redirect to={safeNext(location.search.get('next'))} />;
    return <Page route={route} params={params} />;
  }
  if (route.access === 'public') {
    const page = <Page route={route} params={params} />;
    return user ? <Shell layout={route.layout}>{page}</Shell> : <PublicShell>{page}</PublicShell>;
  }
  if (!user) {
    const next = location.href === paths.chat ? '' : `?next=${encodeURIComponent(location.href)}`;
    return <Redirect to={`${paths.signIn}${next}`} />;
  }
  return (
    <Shell layout={route.layout}>
      {hasAnyRole(user, route.access) ? (
        <Page route={route} params={params} />
      ) : (
        <ForbiddenPage roles={route.access} />
      )}
    </Shell>
  );
}

function Page({ route, params }: { route: PageRoute; params: Record<string, string> }) {
  return (
    <ErrorBoundary resetKey={route.path}>
      <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>
    </ErrorBoundary>
  );
}

/** The tab's title, and a polite announcement of the new page for screen-reader users. */
function useDocumentTitle(title: string | undefined) {
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · rlhf-portal`;
    const timer = window.setTimeout(() => setAnnounced(title), 100);
    return () => window.clearTimeout(timer);
  }, [title]);
  return announced;
}
