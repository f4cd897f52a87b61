import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import {
  ApiError,
  type ApiErrorBody,
  csrfHeaders,
  setCsrfToken,
  setSignedOutHandler,
} from './api/client';

export type AdminRole = 'owner' | 'operator' | 'viewer';

export interface Admin {
  id: string;
  username: string;
  role: AdminRole;
  totpEnabled: boolean;
}

interface SessionAnswer {
  admin: Admin;
  csrfToken: string;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'setup' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; admin: Admin };

export interface SignInForm {
  username: string;
  password: string;
  totp?: string;
}

export interface SetupForm {
  apiKey: string;
  username: string;
  password: string;
}

interface Session {
  state: SessionState;
  signIn: (form: SignInForm) => Promise<void>;
  setUp: (form: SetupForm) => Promise<void>;
  signOut: () => Promise<void>;
  /** Viewers read only: every change control is disabled for them. */
  canChange: boolean;
  isOwner: boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...csrfHeaders(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed as ApiErrorBody | undefined);
  return parsed as T;
}

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
        const answer = await call<SessionAnswer>('GET', '/v1/admin/session');
        if (!stale) signedIn(answer);
      } catch {
        const { needed } = await call<{ needed: boolean }>('GET', '/v1/admin/setup');
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
    signIn: async (form) => signedIn(await call<SessionAnswer>('POST', '/v1/admin/session', form)),
    setUp: async (form) => signedIn(await call<SessionAnswer>('POST', '/v1/admin/setup', form)),
    signOut: async () => {
      await call('DELETE', '/v1/admin/session').catch(() => undefined);
      signedOut();
    },
    canChange: role === 'owner' || role === 'operator',
    isOwner: role === 'owner',
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
