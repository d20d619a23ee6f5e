import { RetentionNotices } from '../coordination/RetentionNotices';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { live } from '../../api/queries';
import { declineReasonLabel } from '../../pages/agency/LeadAnswer';
import { locale } from '../../i18n';
import { CheckboxGrid } from '../../components/CheckboxGrid';
import { instantToSend, localNow } from '../../datetime';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { StaleNotice } from '../../components/StaleNotice';
import { DecisionForm } from '../coordination/DecisionForm';
import { useLabels, useTableAgencies, useTaxonomy } from '../coordination/reference';
import { SituationSummary } from '../coordination/SituationSummary';
import { barrierFieldLinks, barriersBody, SystemBarriersFieldset, type BarrierChoice } from '../barriers/SystemBarriers';
import { BoardAgencyMobilizations } from '../mobilization/AgencyMobilizations';
import { ThresholdAdvice } from '../coordination/ThresholdAdvice';
import type { BoardDraft } from './drafts';

type Situation = Schemas['SituationView'];

/** 409 because the situation moved on (another coordinator acted first), not because the meeting closed. */
function isConflict(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 409 && (err.code === 'VERSION_MISMATCH' || err.code === 'INVALID_TRANSITION');
}

interface PanelProps {
  situationId: string;
  reference: string;
  meetingId: string;
  tableId: string | null;
  editable: boolean;
  draft: BoardDraft;
  onStatus(situationId: string, status: string): void;
  onClose(): void;
}

/** What the panel last showed of a situation: a change of it is someone else's write. */
const stampOf = (s: Situation) => `${s.version ?? ''}:${s.status}`;

/**
 * One situation on the board: its de-identified facts, the threshold advice, and the one action
 * its status calls for (decide, assign, mobilise, close), plus a status update. The situation is
 * read again every few seconds (polling, `live`): when someone else changed it, the panel says so
 * in a polite live region and shows its new state; what was typed stays (in the form when it still
 * applies, otherwise under "what you typed and did not send"). Every write names the version read
 * (If-Match): when another coordinator acted between two reads the server answers 409, the panel
 * says so (an alert) and keeps the state the user acted on until they ask for the current one.
 */
export function SituationPanel({ situationId, reference, meetingId, tableId, editable, draft, onStatus, onClose }: PanelProps) {
  const { t } = useTranslation();
  const label = useLabels();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  const liveNotice = useRef<HTMLDivElement>(null);
  const [conflict, setConflict] = useState<{ now: Situation | null; was: Situation | undefined } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const seen = useRef<string | null>(null);
  const situation = useQuery({
    queryKey: ['situation', situationId],
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}', { params: { path: { id: situationId } } })),
    staleTime: 0,
    ...live,
  });
  const latest = situation.data;
  const stamp = latest ? stampOf(latest) : null;
  useEffect(() => {
    if (!latest || stamp === null) return;
    const before = seen.current;
    seen.current = stamp;
    if (before === null || before === stamp) return;
    // Read again and different, and not by this panel (its own writes set `seen` first).
    setDone(null);
    setChanged(latest.status);
    onStatus(situationId, latest.status);
    // The control that had the focus may be gone with the form it was in: the focus goes to the notice, not to the page's top.
    if (!document.activeElement || document.activeElement === document.body) liveNotice.current?.focus();
  }, [stamp, latest, situationId, onStatus]);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    if (done || conflict) notice.current?.focus();
  }, [done, conflict]);

  // While a conflict is shown, the panel keeps the state the user acted on (their form, as typed).
  const s = conflict?.was ?? latest;
  async function recorded(next: Situation, message: string) {
    seen.current = stampOf(next);
    setChanged(null);
    queryClient.setQueryData(['situation', situationId], next);
    onStatus(situationId, next.status);
    setConflict(null);
    setDone(message);
  }
  /** A refusal: a conflict is shown over the form (with the current state); anything else is the form's own error. */
  async function refused(err: unknown): Promise<boolean> {
    if (!isConflict(err)) return false;
    setDone(null);
    setChanged(null);
    const was = latest;
    const now = await unwrap(api.GET('/api/v1/situations/{id}', { params: { path: { id: situationId } } })).catch(() => null);
    if (now) seen.current = stampOf(now);
    setConflict({ now, was });
    if (now) onStatus(situationId, now.status);
    return true;
  }
  function showCurrent() {
    if (conflict?.now && (!latest || (latest.version ?? 0) <= (conflict.now.version ?? 0))) queryClient.setQueryData(['situation', situationId], conflict.now);
    else void situation.refetch();
    setConflict(null);
    heading.current?.focus();
  }

  const status = s?.status;
  const common = { situation: s!, draft, meetingId, editable, recorded, refused };
  return (
    <div className="st-board-panel" data-testid="situation-panel" data-reference={reference}>
      <h3 className="st-board-panel__title" tabIndex={-1} ref={heading}>
        {t('meeting.panelTitle', { ref: reference })}
        {status && <span className={`st-status st-status--${status.toLowerCase()}`}> {t(`coord.status.${status}`)}</span>}
      </h3>
      {conflict && (
        <div className="st-alert st-alert--warning" role="alert" tabIndex={-1} ref={notice} data-testid="conflict">
          <h4 className="st-alert__title">{t('meeting.conflict.title')}</h4>
          <p>
            {conflict.now ? t('meeting.conflict.now', { ref: reference, status: t(`coord.status.${conflict.now.status}`) }) : t('meeting.conflict.unknown', { ref: reference })}
          </p>
          <p>{t('meeting.conflict.kept')}</p>
          <button type="button" className="st-button st-button--secondary" onClick={showCurrent} data-testid="show-current">
            {t('meeting.conflict.showCurrent')}
          </button>
        </div>
      )}
      <div className={changed && !conflict ? 'st-alert st-alert--info' : undefined} role="status" tabIndex={-1} ref={liveNotice} data-testid="live-change">
        {!conflict && changed && t('meeting.live.changed', { ref: reference, status: t(`coord.status.${changed}`) })}
      </div>
      {done && !conflict && (
        <div className="st-alert st-alert--success" role="status" tabIndex={-1} ref={notice} data-testid="action-done">
          {done}
        </div>
      )}
      <ErrorSummary error={latest ? null : situation.error} />
      <StaleNotice error={latest && situation.error} />
      {situation.isPending && <p role="status">{t('app.loading')}</p>}
      {s && (
        <>
          <RetentionNotices situation={s} />
          <SituationSummary situation={s} tableId={tableId} level={4} />
          {s.status === 'SUBMITTED' && s.threshold && <ThresholdAdvice threshold={s.threshold} id={`p-${situationId}-adv`} headingLevel={4} />}
          {s.decision && s.status !== 'SUBMITTED' && (
            <p>
              {t('meeting.decided', { outcome: t(`meeting.outcome.${s.decision.outcome}`) })}
              {s.decision.againstAdvice ? ` ${t('meeting.againstAdviceNote')}` : ''}
            </p>
          )}
          {(s.leadAgencyId || s.leadAnswer === 'DECLINED') && <AssignmentFacts situation={s} tableId={tableId} />}
          {s.conclusion && <p>{t('meeting.closedWith', { conclusion: label('conclusions', s.conclusion), consent: label('consentStatuses', s.consentStatus) })}</p>}
          {editable && (
            <>
              {(s.status === 'SUBMITTED' || s.status === 'DEFERRED') && <DecisionForm {...common} />}
              {s.status === 'ACCEPTED' && <AssignmentForm {...common} tableId={tableId} />}
              {s.status === 'ASSIGNED' && <MobilizationForm {...common} />}
            </>
          )}
          {(s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && (
            <BoardAgencyMobilizations situation={s} tableId={tableId} meetingId={meetingId} editable={editable} recorded={recorded} refused={refused} />
          )}
          {editable && (
            <>
              {(s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && <ClosureForm {...common} />}
              {(s.status === 'ACCEPTED' || s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && <UpdateForm {...common} />}
            </>
          )}
          {!conflict && <UnsentText draft={draft} status={s.status} editable={editable} />}
        </>
      )}
      <button type="button" className="st-button st-button--tertiary" onClick={onClose}>
        {t('meeting.closePanel', { ref: reference })}
      </button>
    </div>
  );
}

interface FormProps {
  situation: Situation;
  draft: BoardDraft;
  meetingId: string;
  editable: boolean;
  recorded(next: Situation, message: string): Promise<void>;
  refused(err: unknown): Promise<boolean>;
}

/** A form's own error (400, 422, 403 …): a conflict goes to the panel instead. */
function useFormError(refused: FormProps['refused']) {
  const [error, setError] = useState<unknown>(null);
  return {
    error,
    clear: () => setError(null),
    async handle(err: unknown) {
      if (!(await refused(err))) setError(err);
    },
  };
}

function ifMatch(s: Situation): { header: { 'If-Match': string } } | Record<string, never> {
  return s.version !== undefined ? { header: { 'If-Match': String(s.version) } } : {};
}

function AssignmentForm({ situation: s, draft, meetingId, recorded, refused, tableId }: FormProps & { tableId: string | null }) {
  const { t } = useTranslation();
  const label = useLabels();
  const agencies = useTableAgencies(tableId);
  const [lead, setLead] = useState(draft.leadAgencyId);
  // After a decline: the agency that declined is marked, never proposed again (the coordinator may still choose it).
  const declined = s.leadAnswer === 'DECLINED' ? s.leadAnswerDetail?.agencyId : undefined;
  const [assisting, setAssisting] = useState<string[]>(draft.assistingAgencyIds);
  const [missing, setMissing] = useState(false);
  const err = useFormError(refused);
  const id = `p-${s.id}`;
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/situations/{id}/assignment', {
          params: { path: { id: s.id }, ...ifMatch(s) },
          body: { leadAgencyId: lead, assistingAgencyIds: assisting.filter((a) => a !== lead), meetingId },
        }),
      ),
    onSuccess: (next) => {
      draft.leadAgencyId = '';
      draft.assistingAgencyIds = [];
      const name = agencies.data?.find((a) => a.agencyId === lead)?.name ?? '';
      void recorded(next, t('meeting.done.assignment', { ref: s.reference, lead: name }));
    },
    onError: (e) => void err.handle(e),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    err.clear();
    if (!lead) return setMissing(true);
    setMissing(false);
    mutation.mutate();
  }
  const list = agencies.data ?? [];
  return (
    <form onSubmit={submit} noValidate className="st-board-form" data-testid="assignment-form" aria-labelledby={`${id}-asg-title`}>
      <h4 id={`${id}-asg-title`}>{t('meeting.assignment.title')}</h4>
      <ErrorSummary
        error={err.error}
        fieldLabels={{ leadAgencyId: t('meeting.assignment.lead'), assistingAgencyIds: t('meeting.assignment.assisting') }}
        fieldIds={{ leadAgencyId: `${id}-lead` }}
      />
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-lead`}>
          {t('meeting.assignment.lead')}
          <span className="ontario-label__flag">{t('coord.required')}</span>
        </label>
        {missing && (
          <p className="st-field-error" id={`${id}-lead-missing`} role="alert">
            {t('meeting.assignment.chooseLead')}
          </p>
        )}
        <FieldError id={`${id}-lead-error`} error={err.error} field="leadAgencyId" />
        <select
          className="ontario-input ontario-dropdown"
          id={`${id}-lead`}
          value={lead}
          required
          aria-invalid={missing || undefined}
          aria-describedby={[missing ? `${id}-lead-missing` : '', `${id}-lead-error`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setLead(e.target.value);
            draft.leadAgencyId = e.target.value;
          }}
        >
          <option value="">{t('meeting.assignment.chooseLeadOption')}</option>
          {list.map((a) => (
            <option key={a.agencyId} value={a.agencyId}>
              {a.name} ({label('sectors', a.sector)}){a.agencyId === declined ? ` — ${t('leadAnswer.declinedMark')}` : ''}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="ontario-fieldset">
        <legend className="ontario-fieldset__legend">{t('meeting.assignment.assisting')}</legend>
        <CheckboxGrid
          idPrefix={`${id}-assist`}
          options={list.filter((a) => a.agencyId !== lead).map((a) => ({ value: a.agencyId, label: `${a.name} (${label('sectors', a.sector)})` }))}
          chosen={assisting}
          onChange={(next) => {
            setAssisting(next);
            draft.assistingAgencyIds = next;
          }}
        />
      </fieldset>
      <button type="submit" className="st-button st-button--primary" disabled={mutation.isPending} data-testid="record-assignment">
        {t('meeting.assignment.submit')}
      </button>
    </form>
  );
}

/** A person or a family always has a consent status: the server refuses NOT_APPLICABLE for them (issue 17). */
const PERSONS = new Set(['PERSON', 'FAMILY']);

function ClosureForm({ situation: s, draft, meetingId, recorded, refused }: FormProps) {
  const { t } = useTranslation();
  const { data: taxonomy } = useTaxonomy();
  const [conclusion, setConclusion] = useState(draft.conclusion);
  const [consent, setConsent] = useState(draft.consentStatus);
  const [note, setNote] = useState(draft.closureNote);
  // a closure reopened: its barriers, to keep or change (the closure's list replaces them)
  const [barriers, setBarriers] = useState<BarrierChoice[]>(() =>
    (s.systemBarriers ?? []).filter((b) => b.context === 'CLOSURE').map((b) => ({ code: b.code, service: b.service ?? '', note: b.note ?? '' })),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const err = useFormError(refused);
  const id = `p-${s.id}`;
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/situations/{id}/closure', {
          params: { path: { id: s.id }, ...ifMatch(s) },
          body: {
            conclusion: conclusion as Schemas['ClosureDto']['conclusion'],
            consentStatus: consent as Schemas['ClosureDto']['consentStatus'],
            ...(note.trim() ? { note: note.trim() } : {}),
            systemBarriers: barriersBody(barriers),
            meetingId,
          },
        }),
      ),
    onSuccess: (next) => {
      draft.conclusion = '';
      draft.consentStatus = '';
      draft.closureNote = '';
      void recorded(next, t('meeting.done.closure', { ref: s.reference }));
    },
    onError: (e) => void err.handle(e),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    err.clear();
    const m = [...(conclusion ? [] : ['conclusion']), ...(consent ? [] : ['consentStatus'])];
    setMissing(m);
    if (m.length) return;
    mutation.mutate();
  }
  const groups = ['RISK_LOWERED', 'STILL_AER', 'OTHER'];
  return (
    <form onSubmit={submit} noValidate className="st-board-form" data-testid="closure-form" aria-labelledby={`${id}-cls-title`}>
      <h4 id={`${id}-cls-title`}>{t('meeting.closure.title')}</h4>
      <ErrorSummary
        error={err.error}
        fieldLabels={{
          conclusion: t('meeting.closure.conclusion'),
          consentStatus: t('meeting.closure.consent'),
          note: t('meeting.closure.note'),
          systemBarriers: t('barriers.legend'),
          ...barrierFieldLinks(barriers, `${id}-barrier`, t('barriers.note')).labels,
        }}
        fieldIds={{
          conclusion: `${id}-conclusion`,
          consentStatus: `${id}-consent`,
          note: `${id}-closure-note`,
          ...barrierFieldLinks(barriers, `${id}-barrier`, t('barriers.note')).ids,
        }}
      />
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-conclusion`}>
          {t('meeting.closure.conclusion')}
          <span className="ontario-label__flag">{t('coord.required')}</span>
        </label>
        {missing.includes('conclusion') && (
          <p className="st-field-error" id={`${id}-conclusion-missing`} role="alert">
            {t('meeting.closure.chooseConclusion')}
          </p>
        )}
        <select
          className="ontario-input ontario-dropdown"
          id={`${id}-conclusion`}
          value={conclusion}
          required
          aria-invalid={missing.includes('conclusion') || undefined}
          aria-describedby={missing.includes('conclusion') ? `${id}-conclusion-missing` : undefined}
          onChange={(e) => {
            setConclusion(e.target.value);
            draft.conclusion = e.target.value;
          }}
        >
          <option value="">{t('meeting.closure.chooseOption')}</option>
          {groups.map((g) => (
            <optgroup key={g} label={t(`meeting.conclusionGroup.${g}`)}>
              {(taxonomy?.conclusions ?? [])
                .filter((c) => c.group === g)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-consent`}>
          {t('meeting.closure.consent')}
          <span className="ontario-label__flag">{t('coord.required')}</span>
        </label>
        {missing.includes('consentStatus') && (
          <p className="st-field-error" id={`${id}-consent-missing`} role="alert">
            {t('meeting.closure.chooseConsent')}
          </p>
        )}
        <select
          className="ontario-input ontario-dropdown"
          id={`${id}-consent`}
          value={consent}
          required
          aria-invalid={missing.includes('consentStatus') || undefined}
          aria-describedby={missing.includes('consentStatus') ? `${id}-consent-missing` : undefined}
          onChange={(e) => {
            setConsent(e.target.value);
            draft.consentStatus = e.target.value;
          }}
        >
          <option value="">{t('meeting.closure.chooseOption')}</option>
          {(taxonomy?.consentStatuses ?? [])
            .filter((c) => !(c.code === 'NOT_APPLICABLE' && PERSONS.has(s.situationType)))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
        </select>
      </div>
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-closure-note`}>
          {t('meeting.closure.note')}
          <span className="ontario-label__flag">{t('coord.optional')}</span>
        </label>
        <p className="st-hint" id={`${id}-closure-note-hint`}>
          {t('coord.deidentifiedHint')}
        </p>
        <FieldError id={`${id}-closure-note-error`} error={err.error} field="note" />
        <textarea
          className="ontario-input ontario-textarea"
          id={`${id}-closure-note`}
          rows={2}
          value={note}
          aria-describedby={`${id}-closure-note-hint ${id}-closure-note-error`}
          onChange={(e) => {
            setNote(e.target.value);
            draft.closureNote = e.target.value;
          }}
        />
      </div>
      <SystemBarriersFieldset idPrefix={`${id}-barrier`} taxonomy={taxonomy} chosen={barriers} onChange={setBarriers} error={err.error} />
      <button type="submit" className="st-button st-button--primary" disabled={mutation.isPending} data-testid="record-closure">
        {t('meeting.closure.submit')}
      </button>
    </form>
  );
}

/**
 * The lead agency's mobilisation (the coordinator records it for the lead; the other agencies' in
 * BoardAgencyMobilizations): when it started, "now" by
 * default (sent as the moment of sending when left so), and the services engaged, from the taxonomy.
 */
function MobilizationForm({ situation: s, draft, meetingId, recorded, refused }: FormProps) {
  const { t } = useTranslation();
  const label = useLabels();
  const { data: taxonomy } = useTaxonomy();
  const [initialAt] = useState(localNow);
  const [at, setAt] = useState(draft.mobilizedAt || initialAt);
  const [services, setServices] = useState<string[]>(draft.services);
  const [missing, setMissing] = useState<string[]>([]);
  const err = useFormError(refused);
  const id = `p-${s.id}`;
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/situations/{id}/mobilization', {
          params: { path: { id: s.id }, ...ifMatch(s) },
          body: { mobilizedAt: instantToSend(at, initialAt), services, meetingId },
        }),
      ),
    onSuccess: (next) => {
      draft.mobilizedAt = '';
      draft.services = [];
      const names = (next.services ?? services).map((c) => label('services', c)).join(', ');
      void recorded(next, t('meeting.done.mobilization', { ref: s.reference, services: names }));
    },
    onError: (e) => void err.handle(e),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    err.clear();
    const m = [...(at && !Number.isNaN(Date.parse(at)) ? [] : ['mobilizedAt']), ...(services.length ? [] : ['services'])];
    setMissing(m);
    if (m.length) return;
    mutation.mutate();
  }
  const serverSaid = (field: string) => err.error instanceof ApiError && err.error.fieldNames().includes(field);
  const invalid = (field: string) => missing.includes(field) || serverSaid(field) || undefined;
  return (
    <form onSubmit={submit} noValidate className="st-board-form" data-testid="mobilization-form" aria-labelledby={`${id}-mob-title`}>
      <h4 id={`${id}-mob-title`}>{t('meeting.mobilization.title')}</h4>
      <ErrorSummary
        error={err.error}
        fieldLabels={{ mobilizedAt: t('meeting.mobilization.when'), services: t('meeting.mobilization.services') }}
        fieldIds={{ mobilizedAt: `${id}-mobilized-at`, services: `${id}-services` }}
      />
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-mobilized-at`}>
          {t('meeting.mobilization.when')}
          <span className="ontario-label__flag">{t('coord.required')}</span>
        </label>
        <p className="st-hint" id={`${id}-mobilized-at-hint`}>
          {t('meeting.mobilization.whenHint')}
        </p>
        {missing.includes('mobilizedAt') && (
          <p className="st-field-error" id={`${id}-mobilized-at-missing`} role="alert">
            {t('meeting.mobilization.chooseWhen')}
          </p>
        )}
        <FieldError id={`${id}-mobilized-at-error`} error={err.error} field="mobilizedAt" />
        <input
          className="ontario-input ontario-input--20-char-width"
          id={`${id}-mobilized-at`}
          type="datetime-local"
          lang={locale()}
          step={1}
          value={at}
          required
          aria-invalid={invalid('mobilizedAt')}
          aria-describedby={[`${id}-mobilized-at-hint`, missing.includes('mobilizedAt') ? `${id}-mobilized-at-missing` : '', `${id}-mobilized-at-error`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setAt(e.target.value);
            draft.mobilizedAt = e.target.value === initialAt ? '' : e.target.value;
          }}
        />
      </div>
      <fieldset
        className="ontario-fieldset"
        id={`${id}-services`}
        tabIndex={-1}
        aria-describedby={
          [missing.includes('services') ? `${id}-services-missing` : '', serverSaid('services') ? `${id}-services-error` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        <legend className="ontario-fieldset__legend">
          {t('meeting.mobilization.services')}
          <span className="ontario-label__flag">{t('coord.required')}</span>
        </legend>
        {missing.includes('services') && (
          <p className="st-field-error" id={`${id}-services-missing`} role="alert">
            {t('meeting.mobilization.chooseServices')}
          </p>
        )}
        <FieldError id={`${id}-services-error`} error={err.error} field="services" />
        <CheckboxGrid
          idPrefix={`${id}-service`}
          options={(taxonomy?.services ?? []).map((sv) => ({ value: sv.code, label: sv.label }))}
          chosen={services}
          onChange={(next) => {
            setServices(next);
            draft.services = next;
          }}
        />
      </fieldset>
      <button type="submit" className="st-button st-button--primary" disabled={mutation.isPending} data-testid="record-mobilization">
        {t('meeting.mobilization.submit')}
      </button>
    </form>
  );
}

function UpdateForm({ situation: s, draft, meetingId, refused }: FormProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState(draft.updateNote);
  const [saved, setSaved] = useState(false);
  const err = useFormError(refused);
  const id = `p-${s.id}`;
  const mutation = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/situations/{id}/updates', { params: { path: { id: s.id } }, body: { note: note.trim(), meetingId } })),
    onSuccess: () => {
      draft.updateNote = '';
      setNote('');
      setSaved(true);
    },
    onError: (e) => void err.handle(e),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    err.clear();
    setSaved(false);
    if (note.trim()) mutation.mutate();
  }
  return (
    <form onSubmit={submit} noValidate className="st-board-form" data-testid="update-form" aria-labelledby={`${id}-upd-title`}>
      <h4 id={`${id}-upd-title`}>{t('meeting.update.title')}</h4>
      <ErrorSummary error={err.error} fieldLabels={{ note: t('meeting.update.note') }} fieldIds={{ note: `${id}-update-note` }} />
      {saved && (
        <p className="st-alert st-alert--success st-alert--inline" role="status">
          {t('meeting.update.saved')}
        </p>
      )}
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${id}-update-note`}>
          {t('meeting.update.note')}
        </label>
        <p className="st-hint" id={`${id}-update-note-hint`}>
          {t('coord.deidentifiedHint')}
        </p>
        <FieldError id={`${id}-update-note-error`} error={err.error} field="note" />
        <textarea
          className="ontario-input ontario-textarea"
          id={`${id}-update-note`}
          rows={2}
          value={note}
          aria-describedby={`${id}-update-note-hint ${id}-update-note-error`}
          onChange={(e) => {
            setNote(e.target.value);
            draft.updateNote = e.target.value;
          }}
        />
      </div>
      <button type="submit" className="st-button st-button--secondary" disabled={mutation.isPending}>
        {t('meeting.update.submit')}
      </button>
    </form>
  );
}

function AssignmentFacts({ situation: s, tableId }: { situation: Situation; tableId: string | null }) {
  const { t } = useTranslation();
  const agencies = useTableAgencies(tableId);
  const name = (id: string) => agencies.data?.find((a) => a.agencyId === id)?.name ?? id;
  const taxonomy = useTaxonomy();
  const d = s.leadAnswerDetail;
  return (
    <>
      {s.leadAgencyId && (
        <p data-testid="assignment-facts">
          {t('meeting.assignedTo', { lead: name(s.leadAgencyId) })}
          {(s.assistingAgencyIds ?? []).length > 0 && ` ${t('meeting.assistedBy', { agencies: s.assistingAgencyIds!.map(name).join(', ') })}`}
        </p>
      )}
      {s.leadAnswer && (
        <p data-testid="panel-lead-answer" data-answer={s.leadAnswer}>
          {d?.answer === 'DECLINED' && d.reasonCode
            ? t('leadAnswer.declinedBy', { agency: name(d.agencyId), reason: declineReasonLabel(taxonomy.data, d.reasonCode) })
            : t(`leadAnswer.state.${s.leadAnswer}`)}
        </p>
      )}
      {d?.answer === 'DECLINED' && d.note && <p className="st-hint">{d.note}</p>}
      {s.leadAnswerOverdue && (
        <p className="st-alert st-alert--error" data-testid="panel-lead-overdue">
          {t('leadAnswer.overdue')}
        </p>
      )}
    </>
  );
}

/**
 * After a conflict, a change by someone else or the meeting's closing: text typed for an action that no longer applies to the situation as it now is
 * (a rationale once it is decided, say), shown so that it can be copied into what comes next.
 */
function UnsentText({ draft, status, editable }: { draft: BoardDraft; status: string; editable: boolean }) {
  const { t } = useTranslation();
  const open = editable && ['ACCEPTED', 'ASSIGNED', 'MOBILIZED'].includes(status);
  const texts = [
    [t('meeting.decision.rationale'), editable && status === 'SUBMITTED' ? '' : draft.rationale],
    [t('meeting.closure.note'), editable && (status === 'ASSIGNED' || status === 'MOBILIZED') ? '' : draft.closureNote],
    [t('meeting.update.note'), open ? '' : draft.updateNote],
  ].filter(([, v]) => v.trim());
  if (!texts.length) return null;
  return (
    <div className="st-unsent" data-testid="unsent-text">
      <h4>{t('meeting.conflict.unsentTitle')}</h4>
      <p className="st-hint">{t('meeting.conflict.unsentHint')}</p>
      {texts.map(([name, value]) => (
        <div key={name}>
          <p className="st-unsent__label">{name}</p>
          <p className="st-unsent__text">{value}</p>
        </div>
      ))}
    </div>
  );
}
