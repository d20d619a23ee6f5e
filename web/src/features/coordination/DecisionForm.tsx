import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useTaxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { adviceWithSectors } from '../../sector-rules';

type Situation = Schemas['SituationView'];
export type DecisionOutcome = Schemas['DecisionDto']['outcome'];

/** A rationale against the advice needs this many characters (the server's rule). */
export const MIN_AGAINST_ADVICE = 20;
/** What a deferral must say the table needs (the server's rule). */
export const MIN_INFORMATION_NEEDED = 20;

/** What was typed in a decision form, kept by its owner (the board's in-memory drafts, say) across refusals. */
export interface DecisionDraft {
  outcome: '' | DecisionOutcome;
  rationale: string;
  informationNeeded: string;
  /** the sectors ticked, once the coordinator changed them (absent: as the referral names them) */
  sectorsNeeded?: string[];
}

/** The sectors a referral names as needed; for one from before they were asked, those its threshold counted. */
function namedSectors(s: Situation): string[] {
  return s.sectorsNeeded ?? s.threshold?.criteria.find((c) => c.name === 'SECTORS')?.sectors ?? [];
}

interface Props {
  situation: Situation;
  /** the meeting the decision is taken at, if any */
  meetingId?: string;
  draft: DecisionDraft;
  recorded(next: Situation, message: string): Promise<void> | void;
  /** true when the refusal was handled by the owner (a conflict shown over the form) */
  refused(err: unknown): Promise<boolean> | boolean;
}

const OUTCOMES: DecisionOutcome[] = ['AER', 'NOT_AER', 'DEFERRED'];

/**
 * The table's decision on a referral awaiting it: accept, reject, or defer for more information
 * (the question goes to the originating agency, which answers by editing its referral). Names the
 * version read (If-Match).
 */
export function DecisionForm({ situation: s, meetingId, draft, recorded, refused }: Props) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState(draft.outcome);
  const [rationale, setRationale] = useState(draft.rationale);
  const [informationNeeded, setInformationNeeded] = useState(draft.informationNeeded);
  const initialSectors = namedSectors(s);
  const [sectors, setSectors] = useState<string[]>(draft.sectorsNeeded ?? initialSectors);
  const [missing, setMissing] = useState<'outcome' | 'rationale' | 'informationNeeded' | 'sectorsNeeded' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const taxonomy = useTaxonomy();
  const id = `p-${s.id}`;
  const deferring = outcome === 'DEFERRED';
  // The table may adjust the sectors (not when deferring): the advice compared against counts those ticked.
  const adjusted = !deferring && (sectors.length !== initialSectors.length || sectors.some((c) => !initialSectors.includes(c)));
  const advice = s.threshold && (adjusted ? adviceWithSectors(s.threshold, sectors) : s.threshold.meets);
  const against = outcome !== '' && !deferring && advice !== undefined && advice !== (outcome === 'AER');
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/situations/{id}/decision', {
          params: { path: { id: s.id }, ...(s.version !== undefined ? { header: { 'If-Match': String(s.version) } } : {}) },
          body: {
            outcome: outcome as DecisionOutcome,
            ...(deferring ? { informationNeeded: informationNeeded.trim() } : rationale.trim() ? { rationale: rationale.trim() } : {}),
            ...(adjusted ? { sectorsNeeded: sectors as Schemas['DecisionDto']['sectorsNeeded'] } : {}),
            ...(meetingId ? { meetingId } : {}),
          },
        }),
      ),
    onSuccess: (next) => {
      draft.outcome = '';
      draft.rationale = '';
      draft.informationNeeded = '';
      delete draft.sectorsNeeded;
      const done =
        next.status === 'DEFERRED'
          ? t('meeting.done.deferred', { ref: s.reference })
          : t('meeting.done.decision', { ref: s.reference, outcome: t(`meeting.outcome.${next.decision?.outcome ?? outcome}`) });
      void recorded(next, done);
    },
    onError: async (e) => {
      if (!(await refused(e))) setError(e);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!outcome) return setMissing('outcome');
    if (deferring && informationNeeded.trim().length < MIN_INFORMATION_NEEDED) return setMissing('informationNeeded');
    if (!deferring && sectors.length === 0) return setMissing('sectorsNeeded');
    if (against && rationale.trim().length < MIN_AGAINST_ADVICE) return setMissing('rationale');
    setMissing(null);
    mutation.mutate();
  }
  const serverInvalid = (field: string) => (error instanceof ApiError && error.fieldNames().includes(field)) || undefined;
  return (
    <form onSubmit={submit} noValidate className="st-board-form" data-testid="decision-form" aria-labelledby={`${id}-dec-title`}>
      <h4 id={`${id}-dec-title`}>{t('meeting.decision.title')}</h4>
      <ErrorSummary
        error={error}
        fieldLabels={{ rationale: t('meeting.decision.rationale'), informationNeeded: t('meeting.decision.informationNeeded'), sectorsNeeded: t('meeting.decision.sectorsNeeded') }}
        fieldIds={{ rationale: `${id}-rationale`, informationNeeded: `${id}-info-needed`, sectorsNeeded: `${id}-sectors` }}
      />
      <fieldset className="ontario-fieldset" aria-describedby={missing === 'outcome' ? `${id}-outcome-missing` : undefined}>
        <legend className="ontario-fieldset__legend">{t('meeting.decision.outcome')}</legend>
        {missing === 'outcome' && (
          <p className="st-field-error" id={`${id}-outcome-missing`} role="alert">
            {t('meeting.decision.chooseOutcome')}
          </p>
        )}
        {/* a deferred referral waits for its agency's answer: it is decided, not deferred again */}
        {OUTCOMES.filter((o) => o !== 'DEFERRED' || s.status !== 'DEFERRED').map((o) => (
          <div className="st-check" key={o}>
            <input
              className="st-check__input"
              type="radio"
              id={`${id}-outcome-${o}`}
              name={`${id}-outcome`}
              value={o}
              checked={outcome === o}
              onChange={() => {
                setOutcome(o);
                draft.outcome = o;
              }}
            />
            <label className="st-check__label" htmlFor={`${id}-outcome-${o}`}>
              {t(`meeting.decision.${o}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {deferring ? (
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor={`${id}-info-needed`}>
            {t('meeting.decision.informationNeeded')}
            <span className="ontario-label__flag">{t('coord.required')}</span>
          </label>
          <p className="st-hint" id={`${id}-info-needed-hint`}>
            {t('meeting.decision.informationNeededHint', { n: MIN_INFORMATION_NEEDED })} {t('coord.deidentifiedHint')}
          </p>
          {missing === 'informationNeeded' && (
            <p className="st-field-error" id={`${id}-info-needed-missing`} role="alert">
              {t('meeting.decision.informationNeededTooShort', { n: MIN_INFORMATION_NEEDED })}
            </p>
          )}
          <FieldError id={`${id}-info-needed-error`} error={error} field="informationNeeded" />
          <textarea
            className="ontario-input ontario-textarea"
            id={`${id}-info-needed`}
            rows={3}
            value={informationNeeded}
            required
            aria-invalid={missing === 'informationNeeded' || serverInvalid('informationNeeded') || (error instanceof ApiError && error.findings.length > 0) || undefined}
            aria-describedby={[`${id}-info-needed-hint`, missing === 'informationNeeded' ? `${id}-info-needed-missing` : '', `${id}-info-needed-error`].filter(Boolean).join(' ')}
            onChange={(e) => {
              setInformationNeeded(e.target.value);
              draft.informationNeeded = e.target.value;
            }}
          />
        </div>
      ) : (
        <>
          <fieldset
            className="ontario-fieldset"
            id={`${id}-sectors`}
            tabIndex={-1}
            data-testid="decision-sectors"
            aria-describedby={[`${id}-sectors-hint`, missing === 'sectorsNeeded' ? `${id}-sectors-missing` : '', `${id}-sectors-advice`].filter(Boolean).join(' ')}
          >
            <legend className="ontario-fieldset__legend">{t('meeting.decision.sectorsNeeded')}</legend>
            <p className="st-hint" id={`${id}-sectors-hint`}>
              {t('meeting.decision.sectorsHint')}
            </p>
            {missing === 'sectorsNeeded' && (
              <p className="st-field-error" id={`${id}-sectors-missing`} role="alert">
                {t('meeting.decision.sectorsMissing')}
              </p>
            )}
            <FieldError id={`${id}-sectors-error`} error={error} field="sectorsNeeded" />
            <ul className="st-checklist">
              {taxonomy.data?.sectors.map((sector) => (
                <li key={sector.code}>
                  <input
                    type="checkbox"
                    id={`${id}-sector-${sector.code}`}
                    checked={sectors.includes(sector.code)}
                    onChange={(e) => {
                      const next = e.target.checked ? [...sectors.filter((c) => c !== sector.code), sector.code] : sectors.filter((c) => c !== sector.code);
                      setSectors(next);
                      draft.sectorsNeeded = next;
                    }}
                  />
                  <label htmlFor={`${id}-sector-${sector.code}`}>{sector.label}</label>
                </li>
              ))}
            </ul>
            {adjusted && (
              <p className="st-hint" id={`${id}-sectors-advice`} role="status" data-testid="adjusted-advice">
                {advice ? t('meeting.decision.adjustedMeets') : t('meeting.decision.adjustedBelow')}
              </p>
            )}
          </fieldset>
          {against && (
            <p className="st-alert st-alert--warning st-alert--inline" id={`${id}-against`} data-testid="against-advice">
              {t('meeting.decision.againstAdvice', { n: MIN_AGAINST_ADVICE })}
            </p>
          )}
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor={`${id}-rationale`}>
              {t('meeting.decision.rationale')}
              <span className="ontario-label__flag">{against ? t('coord.required') : t('coord.optional')}</span>
            </label>
            <p className="st-hint" id={`${id}-rationale-hint`}>
              {t('coord.deidentifiedHint')}
            </p>
            {missing === 'rationale' && (
              <p className="st-field-error" id={`${id}-rationale-missing`} role="alert">
                {t('meeting.decision.rationaleTooShort', { n: MIN_AGAINST_ADVICE })}
              </p>
            )}
            <FieldError id={`${id}-rationale-error`} error={error} field="rationale" />
            <textarea
              className="ontario-input ontario-textarea"
              id={`${id}-rationale`}
              rows={3}
              value={rationale}
              required={against}
              aria-invalid={missing === 'rationale' || serverInvalid('rationale')}
              aria-describedby={[`${id}-rationale-hint`, against ? `${id}-against` : '', missing === 'rationale' ? `${id}-rationale-missing` : '', `${id}-rationale-error`]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => {
                setRationale(e.target.value);
                draft.rationale = e.target.value;
              }}
            />
          </div>
        </>
      )}
      <button type="submit" className="st-button st-button--primary" disabled={mutation.isPending} data-testid="record-decision">
        {deferring ? t('meeting.decision.submitDefer') : t('meeting.decision.submit')}
      </button>
    </form>
  );
}
