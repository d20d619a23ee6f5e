import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, setAccessToken, setUnauthorizedHandler, unwrap, type Schemas } from '../api/client';
import { clearDrafts } from '../drafts';

export type User = Schemas['UserView'];
export type Role = 'AGENCY_REP' | 'COORDINATOR' | 'PRIVACY_OFFICER' | 'ANALYST' | 'ADMIN' | 'REGIONAL_ANALYST';
export type SignOutReason = 'user' | 'expired' | 'elsewhere';

interface SessionState {
  user: User;
  /** epoch ms at which the token expires: the session ends then (idle sign-out) */
  expiresAt: number;
  passwordChangeRequired: boolean;
}

export interface Session {
  user: User | null;
  passwordChangeRequired: boolean;
  /** a request answered 401: the token is no longer valid; sign in again over the current screen */
  reauthRequired: boolean;
  /** why the last session ended (shown once on the sign-in screen) */
  endedBecause: SignOutReason | null;
  /** whose session that was (a way back to where it ended is for the same person only) */
  endedUserId: string | null;
  expiresAt: number | null;
  signIn(email: string, password: string): Promise<Schemas['LoginResponse']>;
  signOut(reason?: SignOutReason): Promise<void>;
  passwordChanged(): Promise<void>;
  /** reads the user again (their roles, what they must still accept) */
  refreshUser(): Promise<void>;
  /** the confidentiality agreement version the user must accept before their roles at the current table are active, or null */
  pendingUndertaking: { tableId: string; version: number } | null;
  /** the table the screens work on (a user may hold roles at several) */
  tableId: string | null;
  setTableId(id: string): void;
  tableIds: string[];
  /** roles at the current table, plus ADMIN for administrators and REGIONAL_ANALYST for an analyst of a region */
  roles: Role[];
  /** the regions whose figures the user reads as REGIONAL_ANALYST (docs/evaluation.md, section 7), with their names once read */
  regions: { id: string; name: string }[];
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<Session | null>(null);
const CHANNEL = 'situation-table-session';

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState | null>(null);
  const [reauthRequired, setReauthRequired] = useState(false);
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(null);
  const [endedUserId, setEndedUserId] = useState<string | null>(null);
  const userId = useRef<string | null>(null);
  useEffect(() => {
    if (state) userId.current = state.user.id;
  }, [state]);
  const [tableId, setTableId] = useState<string | null>(null);
  const channel = useRef<BroadcastChannel | null>(null);

  const end = useCallback(
    (reason: SignOutReason) => {
      setAccessToken(null);
      queryClient.clear();
      clearDrafts();
      setState(null);
      setReauthRequired(false);
      setTableId(null);
      setEndedBecause(reason);
      setEndedUserId(userId.current);
    },
    [queryClient],
  );

  const signOut = useCallback(
    async (reason: SignOutReason = 'user') => {
      // Revoke the token on the server (best effort: it may already be expired or revoked).
      await unwrap(api.POST('/api/v1/auth/logout')).catch(() => undefined);
      channel.current?.postMessage('signed-out');
      end(reason);
    },
    [end],
  );

  // Every tab of this browser signs out together (the message carries no identity, no token).
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const c = new BroadcastChannel(CHANNEL);
    c.onmessage = (e) => {
      if (e.data === 'signed-out') end('elsewhere');
    };
    channel.current = c;
    return () => c.close();
  }, [end]);

  useEffect(() => {
    setUnauthorizedHandler(() => setReauthRequired(true));
    return () => setUnauthorizedHandler(null);
  }, []);

  // Idle sign-out: the session ends when its token does.
  useEffect(() => {
    if (!state) return;
    const ms = Math.max(0, state.expiresAt - Date.now());
    const timer = setTimeout(() => void signOut('expired'), ms);
    return () => clearTimeout(timer);
  }, [state, signOut]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      if (state && state.user.id !== res.user.id) end('user'); // another person: nothing of the last one stays
      setAccessToken(res.accessToken);
      setState({ user: res.user, expiresAt: Date.now() + res.expiresIn * 1000, passwordChangeRequired: res.passwordChangeRequired });
      setReauthRequired(false);
      setEndedBecause(null);
      return res;
    },
    [state, end],
  );

  const passwordChanged = useCallback(async () => {
    // The server revoked the user's other tokens; this one stays valid. Fetch the user again.
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    setState((s) => (s ? { ...s, user: me, passwordChangeRequired: false } : s));
  }, []);

  const refreshUser = useCallback(async () => {
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    setState((s) => (s ? { ...s, user: me } : s));
  }, []);

  const tableIds = useMemo(() => [...new Set((state?.user.roles ?? []).map((r) => r.tableId))], [state]);
  const currentTable = tableId && tableIds.includes(tableId) ? tableId : (tableIds[0] ?? null);
  const roles = useMemo(() => {
    const r: Role[] = (state?.user.roles ?? []).filter((g) => g.tableId === currentTable).map((g) => g.role);
    if (state?.user.isAdmin) r.push('ADMIN');
    return r;
  }, [state, currentTable]);

  // The user's regions come with the user (`regionIds`): the role is known at sign-in, so the first
  // screen lands at once. Their names are read only for a regional analyst.
  const regionIds = useMemo(() => state?.user.regionIds ?? [], [state]);
  const regionQuery = useQuery({
    queryKey: ['session', 'regions', state?.user.id, regionIds],
    queryFn: () => unwrap(api.GET('/api/v1/regions')),
    enabled: !!state && !state.passwordChangeRequired && regionIds.length > 0,
    staleTime: 5 * 60_000,
  });
  const regions = useMemo(() => (regionQuery.data ?? []).map((r) => ({ id: r.id, name: r.name })), [regionQuery.data]);
  const allRoles = useMemo(() => (regionIds.length > 0 ? [...roles, 'REGIONAL_ANALYST' as const] : roles), [roles, regionIds]);

  const value: Session = {
    user: state?.user ?? null,
    passwordChangeRequired: state?.passwordChangeRequired ?? false,
    // a 401 answered after the session ended (a request in flight at the expiry) asks nobody to sign in again
    reauthRequired: reauthRequired && !!state,
    endedBecause,
    endedUserId,
    expiresAt: state?.expiresAt ?? null,
    signIn,
    signOut,
    passwordChanged,
    refreshUser,
    pendingUndertaking: (state?.user.pendingUndertakings ?? []).find((u) => u.tableId === currentTable) ?? null,
    tableId: currentTable,
    setTableId,
    tableIds,
    roles: allRoles,
    regions,
    hasRole: (...wanted: Role[]) => wanted.some((w) => allRoles.includes(w)),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
