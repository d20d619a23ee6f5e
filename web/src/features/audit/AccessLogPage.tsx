import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n';
import { useAccessPurposes, useTableSituations } from './api';

/** Who read, wrote or was refused a situation's identity, with the purpose given. */
export default function AccessLogPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.accessLog.title'));
  const situations = useTableSituations(tableId);
  const purposes = useAccessPurposes();
  const [choice, setChoice] = useState('');
  const [situationId, setSituationId] = useState<string | null>(null);
  const log = useQuery({
    queryKey: ['access-log', situationId],
    enabled: !!situationId,
    staleTime: Infinity, // each read is audited
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}/access-log', { params: { path: { id: situationId! } } })),
  });

  function show(e: FormEvent) {
    e.preventDefault();
    if (choice) setSituationId(choice);
  }
  const purposeLabel = (code: string | null) => (code ? (purposes.data?.find((p) => p.code === code)?.label ?? code) : '—');
  const reference = situations.data?.items.find((s) => s.id === situationId)?.reference;

  return (
    <>
      <h1>{t('audit.accessLog.title')}</h1>
      <p>{t('audit.accessLog.intro')}</p>
      <form onSubmit={show} noValidate className="st-inline-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="access-situation">
            {t('audit.filter.situation')}
          </label>
          <select className="ontario-input ontario-dropdown" id="access-situation" value={choice} onChange={(e) => setChoice(e.target.value)} required>
            <option value="">{t('audit.accessLog.choose')}</option>
            {(situations.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.reference}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={!choice} data-testid="access-log-show">
          {t('audit.accessLog.show')}
        </button>
      </form>
      <ErrorSummary error={situations.error ?? log.error} />
      {situationId && (
        <section aria-labelledby="access-log-results">
          <h2 id="access-log-results">{t('audit.accessLog.of', { situation: reference ?? '' })}</h2>
          <p role="status">{log.isFetching ? t('app.loading') : log.data ? t('audit.accessLog.count', { n: log.data.items.length }) : ''}</p>
          {log.data && log.data.items.length > 0 && (
            <div className="st-table-wrap">
              <table className="st-table" data-testid="access-log">
                <caption className="st-visually-hidden">{t('audit.accessLog.of', { situation: reference ?? '' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.field.at')}</th>
                    <th scope="col">{t('audit.field.action')}</th>
                    <th scope="col">{t('audit.field.outcome')}</th>
                    <th scope="col">{t('audit.field.reader')}</th>
                    <th scope="col">{t('audit.field.agency')}</th>
                    <th scope="col">{t('audit.field.purposeCode')}</th>
                    <th scope="col">{t('audit.field.purposeNote')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((e) => (
                    <tr key={e.seq}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                      <td>
                        <span className={`st-badge st-badge--${e.outcome === 'DENIED' ? 'denied' : 'success'}`}>{t(`audit.outcome.${e.outcome}`)}</span>
                      </td>
                      <td>{e.actorDisplayName ?? '—'}</td>
                      <td>{e.actorAgencyName ?? '—'}</td>
                      <td>{purposeLabel(e.purposeCode)}</td>
                      <td>{e.purposeNote ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
