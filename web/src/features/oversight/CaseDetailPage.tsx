import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { describedBy, FormGroup } from '../../components/FormGroup';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../i18n';
import { CASE_OUTCOMES, caseKey, casesKey, useVersionedWrite, useBreaches, useCase, type AnomalyCaseDetail, type CaseOutcome } from './api';

/** One anomaly case (issue 17): its flag, notes (de-identified), assignee and closure with an outcome. */
export default function CaseDetailPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const { tableId } = useSession();
  usePageTitle(t('oversight.case.title'));
  const query = useCase(tableId, caseId);
  const c = query.data;
  return (
    <>
      <p>
        <Link to="/audit/cases">{t('oversight.case.back')}</Link>
      </p>
      <h1>{c ? t('oversight.case.heading', { kind: t(`audit.anomalies.kind.${c.kind}`, { defaultValue: c.kind }) }) : t('oversight.case.title')}</h1>
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {c && <CaseView c={c} />}
    </>
  );
}

function CaseView({ c }: { c: AnomalyCaseDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="st-dl" data-testid="case-facts" data-status={c.status}>
        <dt>{t('oversight.cases.status')}</dt>
        <dd>{c.outcome ? `${t(`oversight.status.${c.status}`)} — ${t(`oversight.outcome.${c.outcome}`)}` : t(`oversight.status.${c.status}`)}</dd>
        <dt>{t('audit.field.actor')}</dt>
        <dd>{c.actorName ?? '—'}</dd>
        <dt>{t('oversight.cases.window')}</dt>
        <dd>{t('oversight.cases.windowValue', { from: formatDate(c.windowFrom), to: formatDate(c.windowTo) })}</dd>
        <dt>{t('audit.anomalies.count')}</dt>
        <dd>{c.flagCount}</dd>
        <dt>{t('oversight.breach.situations')}</dt>
        <dd data-testid="case-situations">{c.situations.map((s) => s.reference).join(', ') || '—'}</dd>
        <dt>{t('oversight.cases.opened')}</dt>
        <dd>{t('oversight.case.openedBy', { at: formatDateTime(c.openedAt), name: c.openedByName ?? '—' })}</dd>
        <dt>{t('oversight.cases.assignee')}</dt>
        <dd data-testid="case-assignee">{c.assigneeName ?? t('oversight.cases.unassigned')}</dd>
        {c.closedAt && (
          <>
            <dt>{t('oversight.case.closed')}</dt>
            <dd>{t('oversight.case.openedBy', { at: formatDateTime(c.closedAt), name: c.closedByName ?? '—' })}</dd>
          </>
        )}
        {c.breachId && (
          <>
            <dt>{t('oversight.case.breach')}</dt>
            <dd>
              <Link to={`/audit/breaches/${c.breachId}`}>{t('oversight.case.seeBreach')}</Link>
            </dd>
          </>
        )}
      </dl>
      <Notes c={c} />
      {c.status === 'OPEN' && <Assign c={c} />}
      {c.status === 'OPEN' && <Close c={c} />}
    </>
  );
}

const useCaseWrite = (c: AnomalyCaseDetail) => useVersionedWrite(c, caseKey, casesKey);

function Notes({ c }: { c: AnomalyCaseDetail }) {
  const { t } = useTranslation();
  const w = useCaseWrite(c);
  const [text, setText] = useState('');
  async function add(e: FormEvent) {
    e.preventDefault();
    const ok = await w.run((header) =>
      unwrap(api.POST('/api/v1/tables/{tableId}/anomaly-cases/{caseId}/notes', { params: { path: { tableId: w.tableId, caseId: c.id }, header }, body: { text } })),
    );
    if (ok) setText('');
  }
  return (
    <section aria-labelledby="case-notes" className="st-section">
      <h2 id="case-notes">{t('oversight.case.notes')}</h2>
      {c.notes.length === 0 ? (
        <p>{t('oversight.case.noNotes')}</p>
      ) : (
        <ul data-testid="case-notes">
          {c.notes.map((n) => (
            <li key={n.id}>
              <p className="st-narrative">{n.text}</p>
              <p className="st-hint">{t('oversight.case.openedBy', { at: formatDateTime(n.createdAt), name: n.authorName ?? '—' })}</p>
            </li>
          ))}
        </ul>
      )}
      {c.status === 'OPEN' && (
        <form onSubmit={(e) => void add(e)} noValidate>
          <ErrorSummary error={w.error} fieldLabels={{ text: t('oversight.case.note') }} fieldIds={{ text: 'case-note' }} />
          <FormGroup id="case-note" label={t('oversight.case.note')} hint={t('oversight.deidentifiedHint')} error={w.error} field="text">
            <textarea
              id="case-note"
              className="ontario-input ontario-textarea"
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={3}
              aria-describedby={describedBy('case-note', t('oversight.deidentifiedHint'), 'text')}
            />
          </FormGroup>
          <button type="submit" className="st-button st-button--secondary" disabled={w.busy}>
            {t('oversight.case.addNote')}
          </button>
        </form>
      )}
    </section>
  );
}

function Assign({ c }: { c: AnomalyCaseDetail }) {
  const { t } = useTranslation();
  const w = useCaseWrite(c);
  const [assignee, setAssignee] = useState(c.assigneeId ?? '');
  async function save(e: FormEvent) {
    e.preventDefault();
    await w.run((header) =>
      unwrap(
        api.PUT('/api/v1/tables/{tableId}/anomaly-cases/{caseId}/assignee', {
          params: { path: { tableId: w.tableId, caseId: c.id }, header },
          body: { assigneeId: assignee || null },
        }),
      ),
    );
  }
  return (
    <section aria-labelledby="case-assign" className="st-section">
      <h2 id="case-assign">{t('oversight.case.assign')}</h2>
      <form onSubmit={(e) => void save(e)} noValidate className="st-inline-form">
        <ErrorSummary error={w.error} fieldLabels={{ assigneeId: t('oversight.cases.assignee') }} />
        <LabelledSelect
          id="case-assignee-select"
          label={t('oversight.cases.assignee')}
          value={assignee}
          onChange={setAssignee}
          placeholder={t('oversight.cases.unassigned')}
          options={c.assignable.map((u) => ({ value: u.userId, label: u.displayName }))}
          error={w.error}
          field="assigneeId"
        />
        <button type="submit" className="st-button st-button--secondary" disabled={w.busy}>
          {t('oversight.case.saveAssignee')}
        </button>
      </form>
    </section>
  );
}

function Close({ c }: { c: AnomalyCaseDetail }) {
  const { t } = useTranslation();
  const w = useCaseWrite(c);
  const breaches = useBreaches(w.tableId, 'OPEN');
  const [outcome, setOutcome] = useState('');
  const [breachId, setBreachId] = useState('');
  async function close(e: FormEvent) {
    e.preventDefault();
    await w.run((header) =>
      unwrap(
        api.POST('/api/v1/tables/{tableId}/anomaly-cases/{caseId}/closure', {
          params: { path: { tableId: w.tableId, caseId: c.id }, header },
          body: { outcome: outcome as CaseOutcome, ...(outcome === 'BREACH_SUSPECTED' && breachId ? { breachId } : {}) },
        }),
      ),
    );
  }
  return (
    <section aria-labelledby="case-close" className="st-section">
      <h2 id="case-close">{t('oversight.case.close')}</h2>
      <form onSubmit={(e) => void close(e)} noValidate>
        <ErrorSummary error={w.error} fieldLabels={{ outcome: t('oversight.case.outcome'), breachId: t('oversight.case.breach') }} />
        <LabelledSelect
          id="case-outcome"
          label={t('oversight.case.outcome')}
          value={outcome}
          onChange={setOutcome}
          placeholder={t('oversight.choose')}
          options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`oversight.outcome.${o}`) }))}
          error={w.error}
          field="outcome"
        />
        {outcome === 'BREACH_SUSPECTED' && (
          <>
            <LabelledSelect
              id="case-breach"
              label={t('oversight.case.breach')}
              hint={t('oversight.case.breachHint')}
              value={breachId}
              onChange={setBreachId}
              placeholder={t('oversight.choose')}
              options={(breaches.data?.items ?? []).map((b) => ({
                value: b.id,
                label: t('oversight.breach.option', { kind: t(`oversight.kind.${b.kind}`), at: formatDate(b.discoveredAt) }),
              }))}
              error={w.error}
              field="breachId"
            />
            <p>
              <Link to="/audit/breaches">{t('oversight.case.recordBreach')}</Link>
            </p>
          </>
        )}
        <button type="submit" className="st-button st-button--primary" disabled={w.busy}>
          {t('oversight.case.closeButton')}
        </button>
      </form>
    </section>
  );
}
