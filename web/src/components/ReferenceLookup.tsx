import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { ApiError, errorKey } from '../api/errors';
import { useSession, type Role } from '../auth/session';

/** The roles that may read a situation (GET /situations/by-reference/:reference, as GET /situations/:id). */
export const LOOKUP_ROLES: Role[] = ['AGENCY_REP', 'COORDINATOR', 'PRIVACY_OFFICER'];

/** The i18n key of what a failed look-up says. */
function messageKey(err: unknown): string {
  if (!(err instanceof ApiError)) return 'errors.code.NETWORK';
  if (err.status === 404) return 'lookup.notFound';
  if (err.status === 400) return 'lookup.malformed';
  if (err.status === 409 && err.details?.reason === 'AMBIGUOUS_REFERENCE') return 'lookup.ambiguous';
  return errorKey(err);
}

/** A situation reference, `CODE-YEAR-NNNN` in any case: the server's rule (common/authz/table-resolver.ts REFERENCE). */
const REFERENCE_SHAPE = /^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{4,9}$/i;

/**
 * "Go to reference" in the header: a situation's reference (any case) → its page, at whichever of
 * the user's tables holds it (the table selector follows), or a message said next to the field.
 * The reference is de-identified; the answer primes the situation's query.
 */
export function ReferenceLookup() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function go(e: FormEvent) {
    e.preventDefault();
    const wanted = reference.trim();
    // Only something shaped like a reference is sent (it goes in the request's path, so into
    // proxies' access logs): a name typed by mistake never leaves the browser.
    if (!REFERENCE_SHAPE.test(wanted)) {
      setMessage('lookup.malformed');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const s = await unwrap(api.GET('/api/v1/situations/by-reference/{reference}', { params: { path: { reference: wanted } } }));
      queryClient.setQueryData(['situation', s.id], s);
      if (s.tableId !== session.tableId && session.tableIds.includes(s.tableId)) session.setTableId(s.tableId);
      setReference('');
      void navigate(`/situations/${s.id}`);
    } catch (err) {
      setMessage(messageKey(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form role="search" className="st-lookup" aria-label={t('lookup.label')} onSubmit={(e) => void go(e)} data-testid="reference-lookup">
      <label htmlFor="reference-lookup">{t('lookup.label')}</label>
      <input
        id="reference-lookup"
        name="reference"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        placeholder={t('lookup.example')}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? 'reference-lookup-message' : 'reference-lookup-hint'}
      />
      <span id="reference-lookup-hint" className="st-visually-hidden">
        {t('lookup.hint')}
      </span>
      <button type="submit" className="st-button st-button--secondary" disabled={busy}>
        {t('lookup.go')}
      </button>
      {message && (
        <p id="reference-lookup-message" className="st-lookup__message" role="alert" data-testid="reference-lookup-message">
          {t(message)}
        </p>
      )}
    </form>
  );
}
