import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ok, type Schemas, setCsrfToken, setSignedOutHandler } from './api/client';

export type Admin = Schemas['AdminDto'];
export type AdminRole = Admin['role'];
type SessionAnswer = Schemas['AdminSessionDto'];

export type SessionState =
  | { status: 'loading' }
  | { status: 'setup' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; admin: Admin };

export type SignInForm = Schemas['SignInDto'];
export type SetupForm = Schemas['FirstOwnerDto'];

interface Session {
  state: SessionState;
  signIn: (form: SignInForm) => Promise<void>;
  setUp: (form: SetupForm) => Promise<void>;
  signOut: () => Promise<void>;
  /** The signed-in admin as an answer of the service has it now (its role or TOTP changed). */
  adminChanged: (admin: Admin) => void;
  /** Viewers read only: every change control is disabled for them. */
  canChange: boolean;
  isOwner: boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setState({ status: 'signedIn', admin: answer.admin });
  }, []);

  const signedOut = useCallback(() => {
    setCsrfToken(undefined);
    setState({ status: 'signedOut' });
  }, []);

  useEffect(() => {
    setSignedOutHandler(signedOut);
    let stale = false;
    const load = async () => {
      try {
        const answer = await ok(api.GET('/v1/admin/session'));
        if (!stale) signedIn(answer);
      } catch {
        const { needed } = await ok(api.GET('/v1/admin/setup'));
        if (!stale) setState({ status: needed ? 'setup' : 'signedOut' });
      }
    };
    load().catch(() => !stale && setState({ status: 'signedOut' }));
    return () => {
      stale = true;
      setSignedOutHandler(undefined);
    };
  }, [signedIn, signedOut]);

  const role = state.status === 'signedIn' ? state.admin.role : undefined;
  const value: Session = {
    state,
    signIn: async (form) => signedIn(await ok(api.POST('/v1/admin/session', { body: form }))),
    setUp: async (form) => signedIn(await ok(api.POST('/v1/admin/setup', { body: form }))),
    signOut: async () => {
      await ok(api.DELETE('/v1/admin/session')).catch(() => undefined);
      signedOut();
    },
    adminChanged: (admin) =>
      setState((now) =>
        now.status === 'signedIn' && now.admin.id === admin.id
          ? { status: 'signedIn', admin: pickAdmin(admin) }
          : now,
      ),
    canChange: role === 'owner' || role === 'operator',
    isOwner: role === 'owner',
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The AdminDto fields of an answer that may carry more (an AdminAccountDto). */
function pickAdmin({ id, username, role, totpEnabled }: Admin): Admin {
  return { id, username, role, totpEnabled };
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
