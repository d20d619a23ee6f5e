import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorSummary, FieldError } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';

/** Choose a password: required after a temporary one (passwordChangeRequired), available anytime. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  usePageTitle(t('password.title'));
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(newPassword !== confirm);
    if (newPassword !== confirm) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
      await session.passwordChanged();
      navigate('/', { replace: true, state: { passwordChanged: true } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = { currentPassword: t('password.current'), newPassword: t('password.new') };
  const ids = { currentPassword: 'pw-current', newPassword: 'pw-new' };
  return (
    <div className="st-narrow">
      <h1>{t('password.title')}</h1>
      {session.passwordChangeRequired && <p className="ontario-lead-statement">{t('password.required')}</p>}
      <ErrorSummary error={error} fieldLabels={labels} fieldIds={ids} />
      <form onSubmit={submit} noValidate>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="pw-current">
            {t('password.current')}
          </label>
          <input
            className="ontario-input"
            id="pw-current"
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
            aria-describedby="pw-current-error"
          />
          <FieldError id="pw-current-error" error={error} field="currentPassword" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="pw-new">
            {t('password.new')}
          </label>
          <p className="st-hint" id="pw-new-hint">
            {t('password.hint')}
          </p>
          <input
            className="ontario-input"
            id="pw-new"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            aria-describedby="pw-new-hint pw-new-error"
          />
          <FieldError id="pw-new-error" error={error} field="newPassword" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="pw-confirm">
            {t('password.confirm')}
          </label>
          <input
            className="ontario-input"
            id="pw-confirm"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch || undefined}
            aria-describedby={mismatch ? 'pw-confirm-error' : undefined}
          />
          {mismatch && (
            <p className="st-field-error" id="pw-confirm-error" role="alert">
              {t('password.mismatch')}
            </p>
          )}
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </div>
  );
}
