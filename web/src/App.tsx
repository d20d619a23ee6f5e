import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession, type Role } from './auth/session';
import { Shell } from './components/Shell';
import { usePageTitle } from './components/usePageTitle';
import NotificationPreferencesPage from './features/notifications/NotificationPreferencesPage';
import ChangePasswordPage from './pages/ChangePassword';
import SignInPage from './pages/SignIn';
import { appRoutes } from './routes';
import { UndertakingGate } from './features/undertaking/UndertakingGate';
import type { ReactNode } from 'react';

export function App() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route path="signin" element={<SignInPage />} />
        <Route path="password" element={<RequireUser allowTemporary>{<ChangePasswordPage />}</RequireUser>} />
        <Route path="notification-preferences" element={<RequireUser>{<NotificationPreferencesPage />}</RequireUser>} />
        <Route index element={<RequireUser>{<Home />}</RequireUser>} />
        {appRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={<RequireUser roles={r.roles}>{r.element}</RequireUser>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Signed in (else the sign-in screen, back here after), password chosen, and one of `roles`. */
function RequireUser({ children, roles, allowTemporary = false }: { children: ReactNode; roles?: Role[]; allowTemporary?: boolean }) {
  const session = useSession();
  const location = useLocation();
  // Back here after signing in, for the same person only (SignIn), and not after a sign-out on
  // purpose (here or in another tab): the next one at this browser starts on their own first screen.
  if (!session.user)
    return (
      <Navigate
        to="/signin"
        replace
        state={session.endedBecause === 'user' || session.endedBecause === 'elsewhere' ? undefined : { from: location.pathname, userId: session.endedUserId }}
      />
    );
  if (session.passwordChangeRequired && !allowTemporary) return <Navigate to="/password" replace />;
  if (roles && !session.hasRole(...roles)) return <NotAllowed />;
  // A table screen: the table's confidentiality agreement first, while its current version is not accepted.
  if (roles && session.pendingUndertaking && roles.some((r) => r !== 'ADMIN')) return <UndertakingGate />;
  return <>{children}</>;
}

/** The first screen of the user's first role. */
function Home() {
  const session = useSession();
  const first = appRoutes.find((r) => r.navKey && session.hasRole(...r.roles));
  if (first) return <Navigate to={`/${first.path}`} replace />;
  return <NoRole />;
}

function NoRole() {
  const { t } = useTranslation();
  usePageTitle(t('app.noRoleTitle'));
  return (
    <>
      <h1>{t('app.noRoleTitle')}</h1>
      <p>{t('app.noRole')}</p>
    </>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  usePageTitle(t('errors.status.403'));
  return (
    <>
      <h1>{t('errors.status.403')}</h1>
      <p>{t('app.notAllowed')}</p>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('app.notFoundTitle'));
  return (
    <>
      <h1>{t('app.notFoundTitle')}</h1>
      <p>{t('app.notFound')}</p>
    </>
  );
}
