import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { describedBy, FormGroup } from '../../components/FormGroup';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { localNow } from '../../datetime';
import { formatDateTime } from '../../i18n';
import { BREACH_OUTCOMES, breachesKey, breachKey, useVersionedWrite, localToIso, METHODS, useBreach, type BreachDetail, type BreachOutcome, type NotificationMethod } from './api';

/** One record of the breach log (issue 17): what happened, who was affected (by reference), containment, notifications, closure. */
export default function BreachDetailPage() {
  const { t } = useTranslation();
  const { breachId = '' } = useParams();
  const { tableId } = useSession();
  usePageTitle(t('oversight.breach.title'));
  const query = useBreach(tableId, breachId);
  const b = query.data;
  return (
    <>
      <p>
        <Link to="/audit/breaches">{t('oversight.breach.back')}</Link>
      </p>
      <h1>{b ? t('oversight.breach.heading', { kind: t(`oversight.kind.${b.kind}`) }) : t('oversight.breach.title')}</h1>
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {b && <BreachView b={b} />}
    </>
  );
}

function BreachView({ b }: { b: BreachDetail }) {
  const { t } = useTranslation();
  const open = b.status === 'OPEN';
  return (
    <>
      <dl className="st-dl" data-testid="breach-facts" data-status={b.status}>
        <dt>{t('oversight.cases.status')}</dt>
        <dd>{b.outcome ? `${t(`oversight.breachStatus.${b.status}`)} — ${t(`oversight.breachOutcome.${b.outcome}`)}` : t(`oversight.breachStatus.${b.status}`)}</dd>
        <dt>{t('oversight.breach.description')}</dt>
        <dd className="st-narrative">{b.description}</dd>
        <dt>{t('oversight.breach.discoveredAt')}</dt>
        <dd>{formatDateTime(b.discoveredAt)}</dd>
        <dt>{t('oversight.breach.occurredAt')}</dt>
        <dd>{b.occurredAt ? formatDateTime(b.occurredAt) : t('oversight.breach.unknown')}</dd>
        <dt>{t('oversight.breach.situations')}</dt>
        <dd data-testid="breach-situations">{b.situations.map((s) => s.reference).join(', ') || '—'}</dd>
        <dt>{t('oversight.breach.recorded')}</dt>
        <dd>{t('oversight.case.openedBy', { at: formatDateTime(b.recordedAt), name: b.recordedByName ?? '—' })}</dd>
        <dt>{t('oversight.breach.ipc')}</dt>
        <dd data-testid="breach-ipc">{b.ipcNotifiedAt ? formatDateTime(b.ipcNotifiedAt) : t('oversight.breach.notYet')}</dd>
        <dt>{t('oversight.breach.persons')}</dt>
        <dd>
          {b.personsNotifiedAt && b.personsNotificationMethod
            ? t('oversight.breach.personsValue', { at: formatDateTime(b.personsNotifiedAt), method: t(`oversight.method.${b.personsNotificationMethod}`) })
            : t('oversight.breach.notYet')}
        </dd>
        {b.anomalyCaseIds.length > 0 && (
          <>
            <dt>{t('oversight.breach.cases')}</dt>
            <dd>
              {b.anomalyCaseIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link to={`/audit/cases/${id}`}>{t('oversight.breach.caseN', { n: i + 1 })}</Link>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="containment" className="st-section">
        <h2 id="containment">{t('oversight.breach.containment')}</h2>
        {b.containmentSteps.length === 0 ? (
          <p>{t('oversight.breach.noSteps')}</p>
        ) : (
          <ol data-testid="containment-steps">
            {b.containmentSteps.map((s) => (
              <li key={s.id}>
                <time dateTime={s.takenAt}>{formatDateTime(s.takenAt)}</time> — <span className="st-narrative">{s.description}</span>
              </li>
            ))}
          </ol>
        )}
        {open && <AddStep b={b} />}
      </section>
      {open && <Notifications b={b} />}
      {open && <CloseBreach b={b} />}
    </>
  );
}

const useBreachWrite = (b: BreachDetail) => useVersionedWrite(b, breachKey, breachesKey);

function AddStep({ b }: { b: BreachDetail }) {
  const { t } = useTranslation();
  const w = useBreachWrite(b);
  const [takenAt, setTakenAt] = useState(localNow);
  const [description, setDescription] = useState('');
  async function add(e: FormEvent) {
    e.preventDefault();
    const ok = await w.run((header) =>
      unwrap(
        api.POST('/api/v1/tables/{tableId}/breaches/{breachId}/containment-steps', {
          params: { path: { tableId: w.tableId, breachId: b.id }, header },
          body: { takenAt: localToIso(takenAt), description },
        }),
      ),
    );
    if (ok) setDescription('');
  }
  return (
    <form onSubmit={(e) => void add(e)} noValidate data-testid="step-form">
      <ErrorSummary error={w.error} fieldLabels={{ takenAt: t('oversight.breach.takenAt'), description: t('oversight.breach.step') }} />
      <LabelledInput id="step-taken" label={t('oversight.breach.takenAt')} type="datetime-local" step={1} value={takenAt} onChange={setTakenAt} error={w.error} field="takenAt" />
      <FormGroup id="step-description" label={t('oversight.breach.step')} hint={t('oversight.deidentifiedHint')} error={w.error} field="description">
        <textarea
          id="step-description"
          className="ontario-input ontario-textarea"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-describedby={describedBy('step-description', t('oversight.deidentifiedHint'), 'description')}
        />
      </FormGroup>
      <button type="submit" className="st-button st-button--secondary" disabled={w.busy}>
        {t('oversight.breach.addStep')}
      </button>
    </form>
  );
}

/** `datetime-local` value of an ISO instant (local time), or empty. */
function toLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 19);
}

function Notifications({ b }: { b: BreachDetail }) {
  const { t } = useTranslation();
  const w = useBreachWrite(b);
  const [ipc, setIpc] = useState(toLocal(b.ipcNotifiedAt));
  const [persons, setPersons] = useState(toLocal(b.personsNotifiedAt));
  const [method, setMethod] = useState<string>(b.personsNotificationMethod ?? '');
  async function save(e: FormEvent) {
    e.preventDefault();
    await w.run((header) =>
      unwrap(
        api.PUT('/api/v1/tables/{tableId}/breaches/{breachId}/notifications', {
          params: { path: { tableId: w.tableId, breachId: b.id }, header },
          body: {
            ipcNotifiedAt: ipc ? localToIso(ipc) : null,
            personsNotifiedAt: persons ? localToIso(persons) : null,
            personsNotificationMethod: (method || null) as NotificationMethod | null,
          },
        }),
      ),
    );
  }
  return (
    <section aria-labelledby="notifications" className="st-section">
      <h2 id="notifications">{t('oversight.breach.notifications')}</h2>
      <p>{t('oversight.breach.notificationsIntro')}</p>
      <form onSubmit={(e) => void save(e)} noValidate data-testid="notifications-form">
        <ErrorSummary
          error={w.error}
          fieldLabels={{ ipcNotifiedAt: t('oversight.breach.ipc'), personsNotifiedAt: t('oversight.breach.persons'), personsNotificationMethod: t('oversight.breach.method') }}
        />
        <LabelledInput id="notify-ipc" label={t('oversight.breach.ipc')} type="datetime-local" step={1} value={ipc} onChange={setIpc} error={w.error} field="ipcNotifiedAt" />
        <LabelledInput
          id="notify-persons"
          label={t('oversight.breach.persons')}
          type="datetime-local"
          step={1}
          value={persons}
          onChange={setPersons}
          error={w.error}
          field="personsNotifiedAt"
        />
        <LabelledSelect
          id="notify-method"
          label={t('oversight.breach.method')}
          value={method}
          onChange={setMethod}
          placeholder={t('oversight.breach.notYet')}
          options={METHODS.map((m) => ({ value: m, label: t(`oversight.method.${m}`) }))}
          error={w.error}
          field="personsNotificationMethod"
        />
        <button type="submit" className="st-button st-button--secondary" disabled={w.busy}>
          {t('oversight.breach.saveNotifications')}
        </button>
      </form>
    </section>
  );
}

function CloseBreach({ b }: { b: BreachDetail }) {
  const { t } = useTranslation();
  const w = useBreachWrite(b);
  const [outcome, setOutcome] = useState('');
  async function close(e: FormEvent) {
    e.preventDefault();
    await w.run((header) =>
      unwrap(
        api.POST('/api/v1/tables/{tableId}/breaches/{breachId}/closure', {
          params: { path: { tableId: w.tableId, breachId: b.id }, header },
          body: { outcome: outcome as BreachOutcome },
        }),
      ),
    );
  }
  return (
    <section aria-labelledby="close-breach" className="st-section">
      <h2 id="close-breach">{t('oversight.breach.close')}</h2>
      <form onSubmit={(e) => void close(e)} noValidate>
        <ErrorSummary error={w.error} fieldLabels={{ outcome: t('oversight.case.outcome') }} />
        <LabelledSelect
          id="breach-outcome"
          label={t('oversight.case.outcome')}
          value={outcome}
          onChange={setOutcome}
          placeholder={t('oversight.choose')}
          options={BREACH_OUTCOMES.map((o) => ({ value: o, label: t(`oversight.breachOutcome.${o}`) }))}
          error={w.error}
          field="outcome"
        />
        <button type="submit" className="st-button st-button--primary" disabled={w.busy}>
          {t('oversight.breach.closeButton')}
        </button>
      </form>
    </section>
  );
}
