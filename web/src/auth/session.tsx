import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setUnauthorizedHandler } from '../lib/api';
import { authApi, type User } from './api';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' }
  | { status: 'signed-in'; user: User }
  | { status: 'error'; error: unknown };

interface SessionValue {
  state: SessionState;
  user: User | null;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
  /** Reads /auth/me again (roles may have changed). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** How often roles are re-read while the tab is in use, so a grant shows up without signing in again. */
const REFRESH_MS = 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const user = await authApi.me();
      setState({ status: 'signed-in', user });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
      else setState((prev) => (prev.status === 'signed-in' ? prev : { status: 'error', error }));
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthorizedHandler(() => setState({ status: 'signed-out', reason: 'expired' }));
    // Coming back to the tab re-reads the roles (an admin may have changed them meanwhile).
    let last = Date.now();
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - last > REFRESH_MS / 4) {
        last = Date.now();
        void refresh();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(onVisible, REFRESH_MS);
    return () => {
      setUnauthorizedHandler(undefined);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [refresh]);

  const signedIn = useCallback((user: User) => setState({ status: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // Already signed out is fine; anything else (offline) is the caller's to show.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ state, user: state.status === 'signed-in' ? state.user : null, signedIn, signOut, refresh }),
    [state, signedIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
