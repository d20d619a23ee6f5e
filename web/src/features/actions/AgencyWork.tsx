import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { codeIn, type Situation, type Taxonomy } from '../../api/queries';
import { ErrorSummary } from '../../components/ErrorMessage';
import { FormGroup } from '../../components/FormGroup';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { instantToSend, localNow } from '../../datetime';
import { formatDate, formatDateTime } from '../../i18n';
import { timelineKey } from '../timeline/SituationTimeline';
import { barrierFieldLinks, barriersBody, SystemBarriersFieldset, suggestedBarrier, type BarrierChoice } from '../barriers/SystemBarriers';
import './actions.css';

type Action = Schemas['ActionView'];
type Attempt = Schemas['ContactAttemptView'];
type ReasonCode = NonNullable<Schemas['UpdateActionDto']['reasonCode']>;
type Outcome = Schemas['CreateContactAttemptDto']['outcome'];

const REASONS: readonly ReasonCode[] = ['PERSON_DECLINED', 'NOT_REACHED', 'NOT_ELIGIBLE', 'NO_CAPACITY', 'CIRCUMSTANCES_CHANGED', 'OTHER'];
const OUTCOMES: readonly Outcome[] = ['REACHED', 'NO_ANSWER', 'MESSAGE_LEFT', 'DECLINED', 'WRONG_CONTACT_DETAILS', 'OTHER'];

export const actionsKey = (situationId: string) => ['actions', situationId] as const;
export const attemptsKey = (situationId: string) => ['contact-attempts', situationId] as const;

/** A calendar day (YYYY-MM-DD) in the reader's language, without moving it across a time zone. */
const day = (date: string) => formatDate(`${date}T12:00:00Z`, 'UTC');
const label = (list: { code: string; label: string }[] | undefined, code: string | null | undefined) => (code ? (list?.find((l) => l.code === code)?.label ?? code) : '');

export interface WorkRights {
  /** the agencies the user may record for (empty: may not record) */
  agencies: string[];
  /** may the user change an action of this agency? */
  mayChange: (ownerAgencyId: string) => boolean;
}

/**
 * The agencies' part of the intervention (issue 16): the actions each intervening agency takes,
 * with due dates and status (overdue flagged), and the attempts to contact the person. Lists for
 * every reader of the situation; forms for a coordinator (any intervening agency) and the
 * representatives of the lead and assisting agencies (their own), while ASSIGNED or MOBILIZED.
 * The text typed is de-identified text: the server checks it (422 shows what it found).
 */
export function AgencyWork({ situation, taxonomy, agencyName, rights }: { situation: Situation; taxonomy?: Taxonomy; agencyName: (id: string) => string; rights: WorkRights }) {
  const open = situation.status === 'ASSIGNED' || situation.status === 'MOBILIZED';
  const may = open ? rights : { agencies: [], mayChange: () => false };
  return (
    <>
      <ActionsSection situation={situation} taxonomy={taxonomy} agencyName={agencyName} rights={may} />
      <ContactAttempts situation={situation} taxonomy={taxonomy} agencyName={agencyName} rights={may} />
    </>
  );
}

function useRefreshWork(situationId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [actionsKey(situationId), attemptsKey(situationId), timelineKey(situationId), ['situation', situationId]])
      void queryClient.invalidateQueries({ queryKey: key });
  };
}

function ActionsSection({ situation, taxonomy, agencyName, rights }: { situation: Situation; taxonomy?: Taxonomy; agencyName: (id: string) => string; rights: WorkRights }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: actionsKey(situation.id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/situations/{id}/actions', { params: { path: { id: situation.id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const actions = (query.data?.pages ?? []).flatMap((p) => p.items);
  const counts = situation.actions;
  return (
    <section aria-labelledby="actions-title" className="st-section" data-testid="actions">
      <h2 id="actions-title">{t('actions.title')}</h2>
      {counts && (
        <p data-testid="action-counts">
          {t('actions.counts', { planned: counts.planned, done: counts.done, notDone: counts.notDone })}
          {counts.overdue > 0 && <strong className="st-overdue"> {t('actions.overdueCount', { count: counts.overdue })}</strong>}
        </p>
      )}
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {!query.isPending && actions.length === 0 && <p>{t('actions.none')}</p>}
      {actions.length > 0 && (
        <div className="st-table-wrap">
          <table className="st-table st-work-actions" data-testid="actions-table">
            <caption className="st-visually-hidden">{t('actions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actions.description')}</th>
                <th scope="col">{t('actions.owner')}</th>
                <th scope="col">{t('actions.due')}</th>
                <th scope="col">{t('actions.status')}</th>
                <th scope="col">{t('actions.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <ActionRow key={a.id} action={a} taxonomy={taxonomy} agencyName={agencyName} mayChange={rights.mayChange(a.ownerAgencyId)} situationId={situation.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('timeline.more')}
        </button>
      )}
      {rights.agencies.length > 0 && <NewAction situationId={situation.id} agencies={rights.agencies} agencyName={agencyName} />}
    </section>
  );
}

function ActionRow({
  action: a,
  taxonomy,
  agencyName,
  mayChange,
  situationId,
}: {
  action: Action;
  taxonomy?: Taxonomy;
  agencyName: (id: string) => string;
  mayChange: boolean;
  situationId: string;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshWork(situationId);
  const [mode, setMode] = useState<'idle' | 'notDone'>('idle');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [barriers, setBarriers] = useState<BarrierChoice[]>([]);
  const [barriersTouched, setBarriersTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  function chooseReason(next: string) {
    setReason(next);
    // proposed, never inferred: ticked only while the user has not chosen barriers; the user sends or unticks it
    const s = suggestedBarrier('ACTION_NOT_DONE', next);
    if (!barriersTouched) setBarriers(s ? [{ code: s, service: '', note: '' }] : []);
  }
  async function send(body: Schemas['UpdateActionDto']) {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/v1/situations/{id}/actions/{actionId}', { params: { path: { id: situationId, actionId: a.id }, header: { 'If-Match': String(a.version) } }, body }),
      );
      setMode('idle');
      refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function notDone(e: FormEvent) {
    e.preventDefault();
    const reasonCode = codeIn(REASONS, reason);
    void send({
      status: 'NOT_DONE',
      ...(reasonCode ? { reasonCode } : {}),
      ...(note.trim() ? { reasonNote: note } : {}),
      ...(barriers.length ? { systemBarriers: barriersBody(barriers) } : {}),
    });
  }
  const prefix = `act-${a.id.slice(0, 8)}`;
  return (
    <tr data-testid="action-row" data-status={a.status}>
      <td className="st-narrative">
        {a.description}
        {a.status === 'NOT_DONE' && (
          <p className="st-hint">
            {t('actions.reason', { reason: label(taxonomy?.labels.actionNotDoneReasons, a.reasonCode) })}
            {a.reasonNote ? ` — ${a.reasonNote}` : ''}
          </p>
        )}
      </td>
      <td>{a.ownerAgencyName || agencyName(a.ownerAgencyId)}</td>
      <td>
        <time dateTime={a.dueDate}>{day(a.dueDate)}</time>
      </td>
      <td>
        {label(taxonomy?.labels.actionStatuses, a.status)}
        {a.overdue && (
          <>
            {' '}
            <strong className="st-badge st-overdue" data-testid="action-overdue">
              {t('actions.overdue')}
            </strong>
          </>
        )}
        {a.completedAt && (
          <p className="st-hint">
            <time dateTime={a.completedAt}>{formatDateTime(a.completedAt)}</time>
          </p>
        )}
      </td>
      <td>
        {mayChange && a.status === 'PLANNED' && mode === 'idle' && (
          <>
            <button
              type="button"
              className="st-button st-button--secondary"
              disabled={busy}
              onClick={() => void send({ status: 'DONE' })}
              aria-label={t('actions.markDoneOf', { description: a.description })}
            >
              {t('actions.markDone')}
            </button>{' '}
            <button
              type="button"
              className="st-button st-button--secondary"
              disabled={busy}
              onClick={() => setMode('notDone')}
              aria-label={t('actions.markNotDoneOf', { description: a.description })}
            >
              {t('actions.markNotDone')}
            </button>
          </>
        )}
        {mode === 'notDone' && (
          <form onSubmit={notDone} noValidate data-testid="not-done-form">
            <ErrorSummary
              error={error}
              fieldLabels={{
                reasonCode: t('actions.reasonCode'),
                reasonNote: t('actions.reasonNote'),
                systemBarriers: t('barriers.legend'),
                ...barrierFieldLinks(barriers, `${prefix}-barrier`, t('barriers.note')).labels,
              }}
              fieldIds={{ reasonCode: `${prefix}-reason`, reasonNote: `${prefix}-note`, ...barrierFieldLinks(barriers, `${prefix}-barrier`, t('barriers.note')).ids }}
            />
            <LabelledSelect
              id={`${prefix}-reason`}
              label={t('actions.reasonCode')}
              value={reason}
              onChange={chooseReason}
              options={(taxonomy?.labels.actionNotDoneReasons ?? []).map((r) => ({ value: r.code, label: r.label }))}
              placeholder={t('referral.choose')}
              required
              error={error}
              field="reasonCode"
            />
            <LabelledInput
              id={`${prefix}-note`}
              label={t('actions.reasonNote')}
              hint={t('actions.noteHint')}
              value={note}
              onChange={setNote}
              maxLength={1000}
              error={error}
              field="reasonNote"
              autoComplete="off"
            />
            <SystemBarriersFieldset
              idPrefix={`${prefix}-barrier`}
              taxonomy={taxonomy}
              chosen={barriers}
              onChange={(next) => {
                setBarriersTouched(true);
                setBarriers(next);
              }}
              error={error}
              proposed={suggestedBarrier('ACTION_NOT_DONE', reason)}
            />
            <button type="submit" className="st-button st-button--primary" disabled={busy || !reason}>
              {t('actions.confirmNotDone')}
            </button>{' '}
            <button type="button" className="st-button st-button--secondary" onClick={() => setMode('idle')}>
              {t('actions.cancel')}
            </button>
          </form>
        )}
        {mode === 'idle' && <ErrorSummary error={error} />}
      </td>
    </tr>
  );
}

function AgencyChoice({
  id,
  agencies,
  value,
  onChange,
  agencyName,
  error,
  field,
}: {
  id: string;
  agencies: string[];
  value: string;
  onChange: (v: string) => void;
  agencyName: (id: string) => string;
  error: unknown;
  field: string;
}) {
  const { t } = useTranslation();
  if (agencies.length === 1) return <p>{t('actions.forAgency', { agency: agencyName(agencies[0]) })}</p>;
  return (
    <LabelledSelect
      id={id}
      label={t('actions.agency')}
      value={value}
      onChange={onChange}
      options={agencies.map((a) => ({ value: a, label: agencyName(a) }))}
      required
      error={error}
      field={field}
    />
  );
}

function NewAction({ situationId, agencies, agencyName }: { situationId: string; agencies: string[]; agencyName: (id: string) => string }) {
  const { t } = useTranslation();
  const refresh = useRefreshWork(situationId);
  const [owner, setOwner] = useState(agencies[0]);
  const [description, setDescription] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await unwrap(api.POST('/api/v1/situations/{id}/actions', { params: { path: { id: situationId } }, body: { ownerAgencyId: owner, description, dueDate: due } }));
      setDescription('');
      setDue('');
      setDone(true);
      refresh();
    } catch (err) {
      setError(err); // what was typed stays
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate data-testid="new-action" aria-labelledby="new-action-title">
      <h3 id="new-action-title">{t('actions.add')}</h3>
      <ErrorSummary
        error={error}
        fieldLabels={{ ownerAgencyId: t('actions.agency'), description: t('actions.description'), dueDate: t('actions.due') }}
        fieldIds={{ ownerAgencyId: 'na-owner', description: 'na-description', dueDate: 'na-due' }}
      />
      <AgencyChoice id="na-owner" agencies={agencies} value={owner} onChange={setOwner} agencyName={agencyName} error={error} field="ownerAgencyId" />
      <FormGroup id="na-description" label={t('actions.description')} hint={t('actions.noteHint')} error={error} field="description">
        <textarea
          className="ontario-input st-textarea"
          id="na-description"
          rows={2}
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-describedby="na-description-hint na-description-error"
        />
      </FormGroup>
      <LabelledInput id="na-due" label={t('actions.due')} type="date" value={due} onChange={setDue} error={error} field="dueDate" className="ontario-input--10-char-width" />
      <button type="submit" className="st-button st-button--primary" disabled={busy || !description.trim() || !due}>
        {t('actions.submit')}
      </button>
      {done && (
        <p role="status" className="st-alert st-alert--success">
          {t('actions.added')}
        </p>
      )}
    </form>
  );
}

function ContactAttempts({ situation, taxonomy, agencyName, rights }: { situation: Situation; taxonomy?: Taxonomy; agencyName: (id: string) => string; rights: WorkRights }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: attemptsKey(situation.id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/situations/{id}/contact-attempts', { params: { path: { id: situation.id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const attempts = (query.data?.pages ?? []).flatMap((p) => p.items);
  return (
    <section aria-labelledby="attempts-title" className="st-section" data-testid="contact-attempts">
      <h2 id="attempts-title">{t('attempts.title')}</h2>
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {!query.isPending && attempts.length === 0 && <p>{t('attempts.none')}</p>}
      {attempts.length > 0 && (
        <ul className="st-timeline" data-testid="attempts-list">
          {attempts.map((c: Attempt) => (
            <li key={c.id} data-outcome={c.outcome}>
              <p className="st-timeline__head">
                <span className="st-timeline__kind">{label(taxonomy?.labels.contactOutcomes, c.outcome)}</span> —{' '}
                <time dateTime={c.attemptedAt}>{formatDateTime(c.attemptedAt)}</time>
                <span className="st-timeline__who">, {t('timeline.by', { agency: c.agencyName || agencyName(c.agencyId) })}</span>
              </p>
              {c.note && <blockquote className="st-timeline__note">{c.note}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('timeline.more')}
        </button>
      )}
      {rights.agencies.length > 0 && <NewAttempt situationId={situation.id} agencies={rights.agencies} agencyName={agencyName} taxonomy={taxonomy} />}
    </section>
  );
}

function NewAttempt({ situationId, agencies, agencyName, taxonomy }: { situationId: string; agencies: string[]; agencyName: (id: string) => string; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const refresh = useRefreshWork(situationId);
  const [initialAt] = useState(localNow);
  const [agency, setAgency] = useState(agencies[0]);
  const [at, setAt] = useState(initialAt);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const code = codeIn(OUTCOMES, outcome);
    if (!code) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await unwrap(
        api.POST('/api/v1/situations/{id}/contact-attempts', {
          params: { path: { id: situationId } },
          body: { agencyId: agency, attemptedAt: instantToSend(at, initialAt), outcome: code, ...(note.trim() ? { note } : {}) },
        }),
      );
      setNote('');
      setOutcome('');
      setDone(true);
      refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate data-testid="new-attempt" aria-labelledby="new-attempt-title">
      <h3 id="new-attempt-title">{t('attempts.add')}</h3>
      <ErrorSummary
        error={error}
        fieldLabels={{ agencyId: t('actions.agency'), attemptedAt: t('attempts.when'), outcome: t('attempts.outcome'), note: t('attempts.note') }}
        fieldIds={{ agencyId: 'ca-agency', attemptedAt: 'ca-at', outcome: 'ca-outcome', note: 'ca-note' }}
      />
      <AgencyChoice id="ca-agency" agencies={agencies} value={agency} onChange={setAgency} agencyName={agencyName} error={error} field="agencyId" />
      <LabelledInput
        id="ca-at"
        label={t('attempts.when')}
        type="datetime-local"
        step={1}
        value={at}
        onChange={setAt}
        error={error}
        field="attemptedAt"
        className="ontario-input--20-char-width"
      />
      <LabelledSelect
        id="ca-outcome"
        label={t('attempts.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={(taxonomy?.labels.contactOutcomes ?? []).map((o) => ({ value: o.code, label: o.label }))}
        placeholder={t('referral.choose')}
        required
        error={error}
        field="outcome"
      />
      <LabelledInput
        id="ca-note"
        label={t('attempts.note')}
        hint={t('actions.noteHint')}
        value={note}
        onChange={setNote}
        maxLength={1000}
        error={error}
        field="note"
        autoComplete="off"
      />
      <button type="submit" className="st-button st-button--primary" disabled={busy || !outcome}>
        {t('attempts.submit')}
      </button>
      {done && (
        <p role="status" className="st-alert st-alert--success">
          {t('attempts.added')}
        </p>
      )}
    </form>
  );
}
