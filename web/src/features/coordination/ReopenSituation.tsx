import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { timelineKey } from '../timeline/SituationTimeline';

type Situation = Schemas['SituationView'];

/** The shortest rationale the server accepts (domain/reopen.ts MIN_REOPEN_RATIONALE). */
const MIN_RATIONALE = 20;

/**
 * A coordinator reopens a closed situation, with a de-identified rationale: within the table's
 * reopening period and while its identity is kept (the server answers 409 or 410 otherwise, and
 * the reason is shown). It returns to the status it was closed from; the closure stays in the timeline.
 * Rendered for coordinators: nothing unless the situation is closed, then what was done once it is reopened.
 */
export function ReopenSituation({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const text = rationale.trim();
    setTooShort(text.length < MIN_RATIONALE);
    if (text.length < MIN_RATIONALE) {
      field.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await unwrap(
        api.POST('/api/v1/situations/{id}/reopen', {
          params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } },
          body: { rationale: text },
        }),
      );
      setDone(true);
      queryClient.setQueryData(['situation', situation.id], next);
      void queryClient.invalidateQueries({ queryKey: ['situation', situation.id] });
      void queryClient.invalidateQueries({ queryKey: timelineKey(situation.id) });
      void queryClient.invalidateQueries({ queryKey: ['situations'] });
    } catch (err) {
      setError(err); // the rationale stays in the field
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <p className="st-alert st-alert--success" role="status" data-testid="reopen-done">
        {t('reopen.done', { reference: situation.reference, status: t(`status.${situation.status}`) })}
      </p>
    );
  if (situation.status !== 'CLOSED') return null;
  return (
    <section aria-labelledby="reopen-title" className="st-section" data-testid="reopen">
      <h2 id="reopen-title">{t('reopen.title')}</h2>
      <p>{t('reopen.intro')}</p>
      <ErrorSummary error={error} fieldLabels={{ rationale: t('reopen.rationale') }} fieldIds={{ rationale: 'reopen-rationale' }} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="reopen-rationale">
            {t('reopen.rationale')}
          </label>
          <p className="st-hint" id="reopen-rationale-hint">
            {t('reopen.hint', { min: MIN_RATIONALE })}
          </p>
          {tooShort && (
            <p className="st-field-error" id="reopen-rationale-short" role="alert">
              {t('reopen.tooShort', { min: MIN_RATIONALE })}
            </p>
          )}
          <FieldError id="reopen-rationale-error" error={error} field="rationale" />
          <textarea
            ref={field}
            className="ontario-input st-textarea"
            id="reopen-rationale"
            rows={3}
            maxLength={4000}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            aria-invalid={tooShort || undefined}
            aria-describedby={`reopen-rationale-hint${tooShort ? ' reopen-rationale-short' : ''} reopen-rationale-error`}
          />
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={busy} data-testid="reopen-submit">
          {t('reopen.submit')}
        </button>
      </form>
    </section>
  );
}
