import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n';
import { useAccessPurposes, useTableAgencies, useTableSituations, type AccessLog, type PurposeCode } from './api';

type LogEntry = AccessLog['items'][number];

/** Who read, wrote or was refused a situation's identity, with the purpose given. */
export default function AccessLogPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.accessLog.title'));
  const situations = useTableSituations(tableId);
  const purposes = useAccessPurposes();
  const agencies = useTableAgencies(tableId);
  const [choice, setChoice] = useState('');
  const [agencyChoice, setAgencyChoice] = useState('');
  const [purposeChoice, setPurposeChoice] = useState('');
  const [shown, setShown] = useState<{ situationId: string; agencyId?: string; purposeCode?: PurposeCode } | null>(null);
  const situationId = shown?.situationId ?? null;
  const log = useQuery({
    queryKey: ['access-log', shown],
    enabled: !!shown,
    staleTime: Infinity, // each read is audited
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/situations/{id}/access-log', {
          params: { path: { id: shown!.situationId }, query: { agencyId: shown!.agencyId, purposeCode: shown!.purposeCode } },
        }),
      ),
  });

  function show(e: FormEvent) {
    e.preventDefault();
    if (choice) setShown({ situationId: choice, ...(agencyChoice ? { agencyId: agencyChoice } : {}), ...(purposeChoice ? { purposeCode: purposeChoice as PurposeCode } : {}) });
  }
  const purposeLabel = (code: string | null) => (code ? (purposes.data?.find((p) => p.code === code)?.label ?? code) : '—');
  const reference = situations.data?.items.find((s) => s.id === situationId)?.reference;

  return (
    <>
      <h1>{t('audit.accessLog.title')}</h1>
      <p>{t('audit.accessLog.intro')}</p>
      <form onSubmit={show} noValidate className="st-inline-form">
        <LabelledSelect
          id="access-situation"
          label={t('audit.filter.situation')}
          value={choice}
          onChange={setChoice}
          placeholder={t('audit.accessLog.choose')}
          options={(situations.data?.items ?? []).map((x) => ({ value: x.id, label: x.reference }))}
          required
        />
        <LabelledSelect
          id="access-agency"
          label={t('audit.filter.readerAgency')}
          value={agencyChoice}
          onChange={setAgencyChoice}
          placeholder={t('audit.filter.any')}
          options={(agencies.data ?? []).map((a) => ({ value: a.agencyId, label: a.name }))}
        />
        <LabelledSelect
          id="access-purpose"
          label={t('audit.filter.purpose')}
          value={purposeChoice}
          onChange={setPurposeChoice}
          placeholder={t('audit.filter.any')}
          options={(purposes.data ?? []).map((p) => ({ value: p.code, label: p.label }))}
        />
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
            <DataTable<LogEntry>
              caption={t('audit.accessLog.of', { situation: reference ?? '' })}
              testId="access-log"
              rows={log.data.items}
              rowKey={(e) => e.seq}
              columns={[
                { key: 'at', header: t('audit.field.at'), cell: (e) => formatDateTime(e.at) },
                { key: 'action', header: t('audit.field.action'), cell: (e) => t(`audit.actions.${e.action}`, { defaultValue: e.action }) },
                {
                  key: 'outcome',
                  header: t('audit.field.outcome'),
                  cell: (e) => <span className={`st-badge st-badge--${e.outcome === 'DENIED' ? 'denied' : 'success'}`}>{t(`audit.outcome.${e.outcome}`)}</span>,
                },
                { key: 'reader', header: t('audit.field.reader'), cell: (e) => e.actorDisplayName ?? '—' },
                { key: 'agency', header: t('audit.field.agency'), cell: (e) => e.actorAgencyName ?? '—' },
                { key: 'code', header: t('audit.field.purposeCode'), cell: (e) => purposeLabel(e.purposeCode) },
                { key: 'note', header: t('audit.field.purposeNote'), cell: (e) => e.purposeNote ?? '—' },
              ]}
            />
          )}
        </section>
      )}
    </>
  );
}
