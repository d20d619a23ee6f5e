import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { PeriodFields } from '../../components/PeriodFields';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime, formatNumber } from '../../i18n';
import { dayEnd, dayStart, useAccessPurposes, useAuditActors, useTableSituations, type Anomalies } from './api';

type FlagEntry = Anomalies['flags'][number]['entries'][number];
type Flag = Anomalies['flags'][number];

/** Opens an anomaly case on a flag (its rule, actor and the window shown); an existing case is linked instead. */
function OpenCase({ flag, from, to, tableId, index }: { flag: Flag; from: string; to: string; tableId: string; index: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [caseId, setCaseId] = useState<string | null>(null);
  const [existed, setExisted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    setError(null);
    try {
      const created = await unwrap(
        api.POST('/api/v1/tables/{tableId}/anomaly-cases', { params: { path: { tableId } }, body: { kind: flag.kind as never, actorId: flag.actorId, from, to } }),
      );
      setCaseId(created.id);
      void queryClient.invalidateQueries({ queryKey: ['anomaly-cases', tableId] });
    } catch (err) {
      if (err instanceof ApiError && err.details?.reason === 'ANOMALY_CASE_EXISTS' && typeof err.details.caseId === 'string') {
        setCaseId(err.details.caseId);
        setExisted(true);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (caseId)
    return (
      <p role="status" data-testid="case-opened">
        {existed ? t('oversight.cases.exists') : t('oversight.cases.openedNow')} <Link to={`/audit/cases/${caseId}`}>{t('oversight.cases.see')}</Link>
      </p>
    );
  return (
    <>
      <ErrorSummary error={error} />
      <button type="button" className="st-button st-button--secondary" disabled={busy} onClick={() => void open()} aria-describedby={`flag-${index}`} data-testid="open-case">
        {t('oversight.cases.open')}
      </button>
    </>
  );
}

/** The anomaly flags of the table's trail for a period (the last 30 days unless chosen). */
export default function AnomaliesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.anomalies.title'));
  const situations = useTableSituations(tableId);
  const purposes = useAccessPurposes();
  const actors = useAuditActors(tableId);
  const actorName = (id: string | null) => (id ? actors.data?.items.find((a) => a.id === id)?.displayName : undefined);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const anomalies = useQuery({
    queryKey: ['anomalies', tableId, period],
    enabled: !!tableId,
    staleTime: Infinity, // each look is audited
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/audit/anomalies', { params: { path: { tableId: tableId! }, query: period } })),
  });
  const reference = (id: string | null) => (id ? (situations.data?.items.find((s) => s.id === id)?.reference ?? id.slice(0, 8)) : '—');

  function apply(e: FormEvent) {
    e.preventDefault();
    if (from && to && from > to) {
      setFormError(t('audit.explorer.periodInvalid'));
      return;
    }
    setFormError(null);
    setPeriod({ ...(from ? { from: dayStart(from) } : {}), ...(to ? { to: dayEnd(to) } : {}) });
  }

  const flags = anomalies.data?.flags ?? [];
  return (
    <>
      <h1>{t('audit.anomalies.title')}</h1>
      <p>{t('audit.anomalies.intro')}</p>
      <form onSubmit={apply} noValidate className="st-inline-form">
        <PeriodFields idPrefix="anomalies" from={from} to={to} onFrom={setFrom} onTo={setTo} />
        {formError && (
          <p className="st-field-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="st-button st-button--primary">
          {t('audit.anomalies.apply')}
        </button>
      </form>
      <ErrorSummary error={anomalies.error} />
      <p role="status" data-testid="anomalies-status">
        {anomalies.isFetching
          ? t('app.loading')
          : anomalies.data
            ? t('audit.anomalies.summary', { n: flags.length, from: formatDate(anomalies.data.from), to: formatDate(anomalies.data.to) })
            : ''}
      </p>
      {anomalies.data && (
        <p data-testid="anomalies-thresholds">
          {t('oversight.thresholds.inUse', { ...anomalies.data.thresholds })} <Link to="/audit/thresholds">{t('oversight.thresholds.change')}</Link>
        </p>
      )}
      {flags.map((f, i) => (
        <section key={`${f.kind}-${f.actorId ?? ''}-${i}`} className="st-panel st-flag" aria-labelledby={`flag-${i}`} data-testid="anomaly-flag" data-kind={f.kind}>
          <h2 id={`flag-${i}`}>{t(`audit.anomalies.kind.${f.kind}`, { defaultValue: f.kind })}</h2>
          <p>{t(`audit.anomalies.explain.${f.kind}`, { defaultValue: '' })}</p>
          <dl className="st-dl">
            <dt>{t('audit.field.actor')}</dt>
            <dd>
              {/* the person's name; the id only when no name is known */}
              {(f.actorDisplayName ?? actorName(f.actorId)) || <code>{f.actorId ?? '—'}</code>}
            </dd>
            {f.actorId && (
              <>
                <dt>{t('audit.field.agency')}</dt>
                <dd>{f.actorAgencyName ?? '—'}</dd>
              </>
            )}
            <dt>{t('audit.anomalies.count')}</dt>
            <dd>{formatNumber(f.count)}</dd>
            {f.targets && (
              <>
                <dt>{t('audit.anomalies.targets')}</dt>
                <dd>{t('audit.anomalies.targetsValue', { identity: f.targets.identity, audit: f.targets.audit, foreign: f.targets.foreignData, other: f.targets.other })}</dd>
              </>
            )}
          </dl>
          {anomalies.data && tableId && <OpenCase flag={f} from={anomalies.data.from} to={anomalies.data.to} tableId={tableId} index={i} />}
          {f.entries.length > 0 && (
            <DataTable<FlagEntry>
              caption={t('audit.anomalies.entries')}
              captionVisible
              rows={f.entries}
              rowKey={(e) => e.seq}
              columns={[
                { key: 'seq', header: t('audit.field.seq'), cell: (e) => e.seq },
                { key: 'at', header: t('audit.field.at'), cell: (e) => formatDateTime(e.at) },
                { key: 'actor', header: t('audit.field.actor'), cell: (e) => e.actorDisplayName ?? actorName(e.actorId) ?? '—' },
                { key: 'outcome', header: t('audit.field.outcome'), cell: (e) => t(`audit.outcome.${e.outcome}`) },
                { key: 'situation', header: t('audit.field.situation'), cell: (e) => reference(e.situationId) },
                { key: 'purpose', header: t('audit.field.purpose'), cell: (e) => (e.purpose ? (purposes.data?.find((p) => p.code === e.purpose)?.label ?? e.purpose) : '—') },
              ]}
            />
          )}
        </section>
      ))}
    </>
  );
}
