import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiProblem, get, post, tokenStore, whenSessionEnds } from './api';

export type Role = 'ADMIN' | 'REGISTRAR' | 'EXAMINER' | 'LEARNER';

/** GET /v1/auth/me: who is signed in, and what they are scoped to. */
export interface Me {
  userId: string;
  username: string;
  role: Role;
  displayName: string;
  scopeName: string | null;
  passwordChangeRequired: boolean;
  institutionId: string | null;
  certificationBodyId: string | null;
  learnerId: string | null;
}

interface Session {
  me: Me | null;
  /** True once the stored token (if any) has been checked. */
  ready: boolean;
  /** Set when the API ended the session (an expired token): the login page says so. */
  ended: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [ended, setEnded] = useState(false);

  const refresh = useCallback(async () => {
    if (!tokenStore.get()) {
      setMe(null);
      return;
    }
    try {
      const signedIn = await get<Me>('/v1/auth/me');
      tokenStore.setRole(signedIn.role);
      setMe(signedIn);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 401) throw error;
      setMe(null);
    }
  }, []);

  useEffect(() => {
    whenSessionEnds(() => {
      setMe(null);
      setEnded(true);
    });
    void refresh().finally(() => setReady(true));
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      ready,
      ended,
      async login(username, password) {
        const { accessToken } = await post<{ accessToken: string }>('/v1/auth/login', {
          username,
          password,
        });
        tokenStore.set(accessToken);
        const signedIn = await get<Me>('/v1/auth/me');
        tokenStore.setRole(signedIn.role);
        setEnded(false);
        setMe(signedIn);
        return signedIn;
      },
      async logout() {
        try {
          await api('POST', '/v1/auth/logout', { body: {} });
        } finally {
          tokenStore.clear();
          setMe(null);
        }
      },
      refresh,
    }),
    [me, ready, ended, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; pages under the signed-in layout only. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
