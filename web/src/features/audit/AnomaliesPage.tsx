import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime, formatNumber, locale } from '../../i18n';
import { dayEnd, dayStart, useAccessPurposes, useTableSituations } from './api';

/** The anomaly flags of the table's trail for a period (the last 30 days unless chosen). */
export default function AnomaliesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.anomalies.title'));
  const situations = useTableSituations(tableId);
  const purposes = useAccessPurposes();
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
        <fieldset className="ontario-fieldset st-period">
          <legend className="ontario-fieldset__legend">{t('audit.filter.period')}</legend>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="anomalies-from">
              {t('audit.filter.from')}
            </label>
            <input className="ontario-input" id="anomalies-from" type="date" lang={locale()} value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="anomalies-to">
              {t('audit.filter.to')}
            </label>
            <input className="ontario-input" id="anomalies-to" type="date" lang={locale()} value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </fieldset>
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
      {flags.map((f, i) => (
        <section key={`${f.kind}-${f.actorId ?? ''}-${i}`} className="st-panel st-flag" aria-labelledby={`flag-${i}`} data-testid="anomaly-flag" data-kind={f.kind}>
          <h2 id={`flag-${i}`}>{t(`audit.anomalies.kind.${f.kind}`, { defaultValue: f.kind })}</h2>
          <p>{t(`audit.anomalies.explain.${f.kind}`, { defaultValue: '' })}</p>
          <dl className="st-dl">
            <dt>{t('audit.field.actor')}</dt>
            <dd>
              <code>{f.actorId ?? '—'}</code>
            </dd>
            <dt>{t('audit.anomalies.count')}</dt>
            <dd>{formatNumber(f.count)}</dd>
            {f.targets && (
              <>
                <dt>{t('audit.anomalies.targets')}</dt>
                <dd>{t('audit.anomalies.targetsValue', { identity: f.targets.identity, audit: f.targets.audit, foreign: f.targets.foreignData, other: f.targets.other })}</dd>
              </>
            )}
          </dl>
          {f.entries.length > 0 && (
            <div className="st-table-wrap">
              <table className="st-table">
                <caption>{t('audit.anomalies.entries')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.field.seq')}</th>
                    <th scope="col">{t('audit.field.at')}</th>
                    <th scope="col">{t('audit.field.outcome')}</th>
                    <th scope="col">{t('audit.field.situation')}</th>
                    <th scope="col">{t('audit.field.purpose')}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.entries.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{t(`audit.outcome.${e.outcome}`)}</td>
                      <td>{reference(e.situationId)}</td>
                      <td>{e.purpose ? (purposes.data?.find((p) => p.code === e.purpose)?.label ?? e.purpose) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}
