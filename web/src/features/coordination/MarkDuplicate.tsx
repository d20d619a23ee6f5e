import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { timelineKey } from '../timeline/SituationTimeline';

type Situation = Schemas['SituationView'];

/** A situation reference (any case) or a situation id: the server's rule (domain/duplicate.ts DUPLICATE_OF_PATTERN). */
const ORIGINAL_SHAPE = /^(?:[A-Za-z][A-Za-z0-9]{1,11}-\d{4}-\d{4,9}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/**
 * A coordinator closes a referral awaiting the decision (SUBMITTED or DEFERRED) as a duplicate of
 * another referral of the table, named by its reference: the reference is checked for its shape in
 * the page, then confirmed (the referral keeps only its stub, which cannot be undone), then sent;
 * the server's refusals (no such referral at this table, itself, a rejected, withdrawn or duplicate
 * original, a referral changed meanwhile) are shown next to the field. Nothing for other statuses.
 * `onDone`: for a list the referral leaves once marked (triage), to say it where it stays.
 */
export function MarkDuplicate({ situation, headingLevel = 2, onDone }: { situation: Situation; headingLevel?: 2 | 3; onDone?: (marked: Situation) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [original, setOriginal] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [malformed, setMalformed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Situation | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const ids = `dup-${situation.id}`;

  function review(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const wanted = original.trim();
    const bad = !ORIGINAL_SHAPE.test(wanted);
    setMalformed(bad);
    if (bad) {
      field.current?.focus();
      return;
    }
    setConfirming(true);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const next = await unwrap(
        api.POST('/api/v1/situations/{id}/duplicate', {
          params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } },
          body: { duplicateOf: original.trim() },
        }),
      );
      setDone(next);
      onDone?.(next);
      queryClient.setQueryData(['situation', situation.id], next);
      void queryClient.invalidateQueries({ queryKey: ['situation'] });
      void queryClient.invalidateQueries({ queryKey: timelineKey(situation.id) });
      void queryClient.invalidateQueries({ queryKey: ['situations'] });
    } catch (err) {
      setError(err); // the reference stays in the field, for correction
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <p className="st-alert st-alert--success" role="status" data-testid="duplicate-done">
        {t('duplicate.done', { reference: done.reference, original: done.duplicateOfReference ?? '' })}
      </p>
    );
  if (situation.status !== 'SUBMITTED' && situation.status !== 'DEFERRED') return null;
  return (
    <section aria-labelledby={`${ids}-title`} className="st-section" data-testid="mark-duplicate">
      <Heading id={`${ids}-title`}>{t('duplicate.title')}</Heading>
      {!open ? (
        <button type="button" className="st-button st-button--secondary" onClick={() => setOpen(true)} data-testid="duplicate-start">
          {t('duplicate.start')}
        </button>
      ) : (
        <>
          <p>{t('duplicate.intro')}</p>
          <ErrorSummary error={error} fieldLabels={{ duplicateOf: t('duplicate.original') }} fieldIds={{ duplicateOf: `${ids}-original` }} />
          <form onSubmit={review} noValidate>
            <div className="ontario-form-group">
              <label className="ontario-label" htmlFor={`${ids}-original`}>
                {t('duplicate.original')}
              </label>
              <p className="st-hint" id={`${ids}-hint`}>
                {t('duplicate.hint')}
              </p>
              {malformed && (
                <p className="st-field-error" id={`${ids}-malformed`} role="alert" data-testid="duplicate-malformed">
                  {t('duplicate.malformed')}
                </p>
              )}
              <FieldError id={`${ids}-error`} error={error} field="duplicateOf" />
              <input
                ref={field}
                className="ontario-input ontario-input--20-char-width"
                id={`${ids}-original`}
                name="duplicateOf"
                value={original}
                onChange={(e) => {
                  setOriginal(e.target.value);
                  setConfirming(false);
                }}
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                aria-invalid={malformed || !!error || undefined}
                aria-describedby={`${ids}-hint${malformed ? ` ${ids}-malformed` : ''} ${ids}-error`}
                data-testid="duplicate-original"
              />
            </div>
            {!confirming && (
              <>
                <button type="submit" className="st-button st-button--primary" data-testid="duplicate-review">
                  {t('duplicate.review')}
                </button>
                <button type="button" className="st-button st-button--secondary" onClick={() => setOpen(false)}>
                  {t('duplicate.cancel')}
                </button>
              </>
            )}
          </form>
          {confirming && (
            <div className="st-alert st-alert--warning" data-testid="duplicate-confirm">
              <p>{t('duplicate.confirm', { reference: situation.reference, original: original.trim().toUpperCase() })}</p>
              <button type="button" className="st-button st-button--danger" onClick={() => void confirm()} disabled={busy} data-testid="duplicate-yes">
                {t('duplicate.yes')}
              </button>
              <button type="button" className="st-button st-button--secondary" onClick={() => setConfirming(false)}>
                {t('duplicate.no')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
