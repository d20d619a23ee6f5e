import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { ErrorSummary } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { appRoutes } from '../routes';

/** The sign-in form; also used in the re-authentication dialog (`embedded`). */
export function SignInForm({ embedded = false, onDone }: { embedded?: boolean; onDone?: (userId: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const [email, setEmail] = useState(embedded ? (session.user?.email ?? '') : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await session.signIn(email.trim(), password);
      setPassword('');
      onDone?.(signedIn.user.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const prefix = embedded ? 'reauth' : 'signin';
  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? `${prefix}-error` : undefined}>
      <div id={`${prefix}-error`}>
        <ErrorSummary error={error} />
      </div>
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${prefix}-email`}>
          {t('signIn.email')}
        </label>
        <input
          className="ontario-input"
          id={`${prefix}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${prefix}-password`}>
          {t('signIn.password')}
        </label>
        <input
          className="ontario-input"
          id={`${prefix}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <button type="submit" className="st-button st-button--primary" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

export default function SignInPage() {
  const { t } = useTranslation();
  // While the user types, fetch the screens that follow a sign-in (the SPA's route chunks), so
  // that the first screen after it does not wait for them.
  useEffect(() => {
    const warm = () => void Promise.all(appRoutes.map((r) => r.preload?.())).catch(() => undefined);
    const id = setTimeout(warm, 200);
    return () => clearTimeout(id);
  }, []);
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  usePageTitle(t('signIn.title'));
  // Back to where the session ended, for the same person only: after an expiry at a shared
  // computer, the next person starts on their own first screen.
  const back = location.state as { from?: string; userId?: string | null } | null;
  const returnTo = (userId: string) => (back?.from && back.from !== '/signin' && (!back.userId || back.userId === userId) ? back.from : '/');
  return (
    <div className="st-narrow">
      <h1>{t('signIn.title')}</h1>
      {session.endedBecause && session.endedBecause !== 'user' && (
        <div className="st-alert st-alert--info" role="status">
          {t(`signIn.ended.${session.endedBecause}`)}
        </div>
      )}
      {session.endedBecause === 'user' && (
        <div className="st-alert st-alert--success" role="status">
          {t('signIn.ended.user')}
        </div>
      )}
      <SignInForm onDone={(userId) => navigate(returnTo(userId), { replace: true })} />
    </div>
  );
}
