import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Situation, Taxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { timelineKey } from '../../features/timeline/SituationTimeline';
import { formatDateTime } from '../../i18n';
import { barrierFieldLinks, barriersBody, SystemBarriersFieldset, suggestedBarrier, type BarrierChoice } from '../../features/barriers/SystemBarriers';

type ReasonCode = NonNullable<Schemas['LeadAnswerDto']['reasonCode']>;

/** The label of a decline reason (GET /taxonomy labels.leadDeclineReasons), or its code. */
export const declineReasonLabel = (taxonomy: Taxonomy | undefined, code: string): string => taxonomy?.labels.leadDeclineReasons.find((r) => r.code === code)?.label ?? code;

/**
 * The lead agency's answer (issue 16), as everyone who reads the situation sees it: pending (and
 * flagged after 24 hours), accepted, or declined with its reason and note.
 */
export function LeadAnswerStatus({ situation, taxonomy, agencyName }: { situation: Situation; taxonomy?: Taxonomy; agencyName: (id: string) => string }) {
  const { t } = useTranslation();
  const d = situation.leadAnswerDetail;
  // still "waiting" once the situation has moved on (closed, or back for a new assignment) is no longer true: nothing to wait for
  if (!situation.leadAnswer || (situation.leadAnswer === 'PENDING' && situation.status !== 'ASSIGNED')) return null;
  return (
    <section aria-labelledby="lead-answer-status-title" className="st-section" data-testid="lead-answer-status">
      <h2 id="lead-answer-status-title">{t('leadAnswer.statusTitle')}</h2>
      <p data-testid="lead-answer-state">
        <strong>{t(`leadAnswer.state.${situation.leadAnswer}`)}</strong>
      </p>
      {situation.leadAnswerOverdue && (
        <p className="st-alert st-alert--error" data-testid="lead-answer-overdue">
          {t('leadAnswer.overdue')}
        </p>
      )}
      {d && (
        <dl className="st-summary">
          <dt>{t('leadAnswer.by')}</dt>
          <dd>
            {agencyName(d.agencyId)}, <time dateTime={d.answeredAt}>{formatDateTime(d.answeredAt)}</time>
          </dd>
          {d.reasonCode && (
            <>
              <dt>{t('leadAnswer.reason')}</dt>
              <dd data-testid="lead-answer-reason">{declineReasonLabel(taxonomy, d.reasonCode)}</dd>
            </>
          )}
          {d.note && (
            <>
              <dt>{t('leadAnswer.note')}</dt>
              <dd className="st-narrative">{d.note}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

/** For the lead agency's representatives while the lead awaits their answer: accept, or decline with a reason. */
export function LeadAnswerForm({ situation, taxonomy }: { situation: Situation; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [barriers, setBarriers] = useState<BarrierChoice[]>([]);
  const [barriersTouched, setBarriersTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const proposed = suggestedBarrier('LEAD_DECLINE', reason);
  function chooseReason(next: string) {
    setReason(next);
    // proposed, never inferred: ticked only while the user has not chosen barriers; the user sends or unticks it
    const s = suggestedBarrier('LEAD_DECLINE', next);
    if (!barriersTouched) setBarriers(s ? [{ code: s, service: '', note: '' }] : []);
  }

  async function send(body: Schemas['LeadAnswerDto']) {
    setBusy(true);
    setError(null);
    try {
      const data = await unwrap(
        api.POST('/api/v1/situations/{id}/lead-answer', { params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } }, body }),
      );
      queryClient.setQueryData(['situation', situation.id], data);
      void queryClient.invalidateQueries({ queryKey: ['situation', situation.id] });
      void queryClient.invalidateQueries({ queryKey: timelineKey(situation.id) });
      void queryClient.invalidateQueries({ queryKey: ['situations'] });
    } catch (err) {
      setError(err); // what was typed stays
    } finally {
      setBusy(false);
    }
  }
  function decline(e: FormEvent) {
    e.preventDefault();
    void send({
      answer: 'DECLINE',
      ...(reason ? { reasonCode: reason as ReasonCode } : {}),
      ...(note.trim() ? { note } : {}),
      ...(barriers.length ? { systemBarriers: barriersBody(barriers) } : {}),
    });
  }
  const reasons = (taxonomy?.labels.leadDeclineReasons ?? []).map((r) => ({ value: r.code, label: r.label }));

  return (
    <section aria-labelledby="lead-answer-title" className="st-section" data-testid="lead-answer-form">
      <h2 id="lead-answer-title">{t('leadAnswer.title')}</h2>
      <p>{t('leadAnswer.intro')}</p>
      <ErrorSummary
        error={error}
        fieldLabels={{
          reasonCode: t('leadAnswer.reason'),
          note: t('leadAnswer.note'),
          systemBarriers: t('barriers.legend'),
          ...barrierFieldLinks(barriers, 'la-barrier', t('barriers.note')).labels,
        }}
        fieldIds={{ reasonCode: 'la-reason', note: 'la-note', ...barrierFieldLinks(barriers, 'la-barrier', t('barriers.note')).ids }}
      />
      {!declining ? (
        <p>
          <button type="button" className="st-button st-button--primary" disabled={busy} onClick={() => void send({ answer: 'ACCEPT' })}>
            {t('leadAnswer.accept')}
          </button>{' '}
          <button type="button" className="st-button st-button--secondary" disabled={busy} onClick={() => setDeclining(true)}>
            {t('leadAnswer.decline')}
          </button>
        </p>
      ) : (
        <form onSubmit={decline} noValidate>
          <LabelledSelect
            id="la-reason"
            label={t('leadAnswer.reason')}
            value={reason}
            onChange={chooseReason}
            options={reasons}
            placeholder={t('leadAnswer.pickReason')}
            required
            error={error}
            field="reasonCode"
          />
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="la-note">
              {t('leadAnswer.note')}
            </label>
            <p className="ontario-hint" id="la-note-hint">
              {t('leadAnswer.noteHint')}
            </p>
            <textarea
              className="ontario-input st-textarea"
              id="la-note"
              rows={3}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby="la-note-hint la-note-error"
            />
            <FieldError id="la-note-error" error={error} field="note" />
          </div>
          <SystemBarriersFieldset
            idPrefix="la-barrier"
            taxonomy={taxonomy}
            chosen={barriers}
            onChange={(next) => {
              setBarriersTouched(true);
              setBarriers(next);
            }}
            error={error}
            proposed={proposed}
          />
          <button type="submit" className="st-button st-button--danger" disabled={busy || !reason}>
            {t('leadAnswer.confirmDecline')}
          </button>{' '}
          <button type="button" className="st-button st-button--secondary" onClick={() => setDeclining(false)}>
            {t('leadAnswer.cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
