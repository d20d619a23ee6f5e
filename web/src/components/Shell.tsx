import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { SignInForm } from '../pages/SignIn';
import { appRoutes } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';
import { LOOKUP_ROLES, ReferenceLookup } from './ReferenceLookup';

/** Header (name, table, language, sign-out), navigation by role, skip link, main, re-authentication. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a navigation, focus moves to the new screen (not on the first load).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const nav = session.user && !session.passwordChangeRequired ? appRoutes.filter((r) => r.navKey && session.hasRole(...r.roles)) : [];
  // for members of a table who may read its situations (at any of their tables: the look-up finds the table)
  const lookup = !!session.user && !session.passwordChangeRequired && session.user.roles.some((r) => (LOOKUP_ROLES as string[]).includes(r.role));
  return (
    <>
      <a className="st-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="st-header">
        <div className="st-header__bar">
          <span className="st-header__name">{t('app.name')}</span>
          {lookup && <ReferenceLookup />}
          <div className="st-header__actions">
            {session.tableIds.length > 1 && (
              <label className="st-table-select">
                <span>{t('app.table')}</span>
                <select value={session.tableId ?? ''} onChange={(e) => session.setTableId(e.target.value)}>
                  {session.tableIds.map((id, i) => (
                    <option key={id} value={id}>
                      {t('app.tableN', { n: i + 1 })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <LanguageSwitch />
            {session.user && (
              <>
                <span className="st-header__user" data-testid="signed-in-as">
                  {session.user.displayName}
                </span>
                {!session.passwordChangeRequired && (
                  <NavLink to="/notification-preferences" className="st-header__link" data-testid="notification-preferences-link">
                    {t('app.notificationPrefs')}
                  </NavLink>
                )}
                <button type="button" className="st-button st-button--secondary" onClick={() => void session.signOut('user')} data-testid="sign-out">
                  {t('app.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
        {nav.length > 0 && (
          <nav className="st-nav" aria-label={t('app.navigation')}>
            <ul>
              {nav.map((r) => (
                <li key={r.path}>
                  <NavLink to={`/${r.path}`} end>
                    {t(r.navKey!)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1} className="st-main" inert={session.reauthRequired || undefined}>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="st-footer">
        <p>{t('app.footer')}</p>
      </footer>
      {session.reauthRequired && <ReauthDialog />}
    </>
  );
}

/** The token stopped working: sign in again over the current screen, so that nothing typed is lost. */
function ReauthDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="st-dialog" aria-labelledby="reauth-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="reauth-title">{t('reauth.title')}</h2>
      <p>{t('reauth.explain')}</p>
      <SignInForm embedded />
      <button type="button" className="st-button st-button--tertiary" onClick={() => void session.signOut('user')}>
        {t('app.signOut')}
      </button>
    </dialog>
  );
}
