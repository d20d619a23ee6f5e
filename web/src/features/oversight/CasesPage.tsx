import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../i18n';
import { useCases, type AnomalyCase } from './api';

const KINDS = ['IDENTITY_REFUSED', 'UNUSUAL_READ_RATE', 'OUTSIDE_OFFICE_HOURS', 'READ_LONG_AFTER_CLOSURE', 'REPEATED_REFUSALS', 'IDENTITY_INTEGRITY_FAILURE', 'IDENTITY_GUESSES'];

/** The table's anomaly cases (issue 17): flags the privacy officer opened, filtered by status and rule. */
export default function CasesPage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  usePageTitle(t('oversight.cases.title'));
  const [status, setStatus] = useState<'' | 'OPEN' | 'CLOSED'>('OPEN');
  const [kind, setKind] = useState('');
  const cases = useCases(tableId, { status: status || undefined, kind: kind || undefined });
  const items = cases.data?.items ?? [];
  return (
    <>
      <h1>{t('oversight.cases.title')}</h1>
      <p>
        {t('oversight.cases.intro')} <Link to="/audit/anomalies">{t('oversight.cases.toAnomalies')}</Link>
      </p>
      <div className="st-inline-form">
        <LabelledSelect
          id="cases-status"
          label={t('oversight.cases.status')}
          value={status}
          onChange={(v) => setStatus(v as '' | 'OPEN' | 'CLOSED')}
          placeholder={t('audit.filter.any')}
          options={['OPEN', 'CLOSED'].map((s) => ({ value: s, label: t(`oversight.status.${s}`) }))}
        />
        <LabelledSelect
          id="cases-kind"
          label={t('oversight.cases.kind')}
          value={kind}
          onChange={setKind}
          placeholder={t('audit.filter.any')}
          options={KINDS.map((k) => ({ value: k, label: t(`audit.anomalies.kind.${k}`) }))}
        />
      </div>
      <ErrorSummary error={cases.error} />
      <p role="status" data-testid="cases-status">
        {cases.isFetching ? t('app.loading') : cases.data ? t('oversight.cases.count', { n: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <DataTable<AnomalyCase>
          caption={t('oversight.cases.caption')}
          rows={items}
          rowKey={(c) => c.id}
          columns={[
            {
              key: 'kind',
              header: t('oversight.cases.kind'),
              cell: (c) => (
                <Link to={`/audit/cases/${c.id}`} data-testid="case-link">
                  {t(`audit.anomalies.kind.${c.kind}`, { defaultValue: c.kind })}
                </Link>
              ),
            },
            { key: 'actor', header: t('audit.field.actor'), cell: (c) => c.actorName ?? '—' },
            { key: 'window', header: t('oversight.cases.window'), cell: (c) => t('oversight.cases.windowValue', { from: formatDate(c.windowFrom), to: formatDate(c.windowTo) }) },
            {
              key: 'status',
              header: t('oversight.cases.status'),
              cell: (c) => (c.outcome ? `${t(`oversight.status.${c.status}`)} — ${t(`oversight.outcome.${c.outcome}`)}` : t(`oversight.status.${c.status}`)),
            },
            { key: 'assignee', header: t('oversight.cases.assignee'), cell: (c) => c.assigneeName ?? t('oversight.cases.unassigned') },
            { key: 'opened', header: t('oversight.cases.opened'), cell: (c) => formatDateTime(c.openedAt) },
          ]}
        />
      )}
    </>
  );
}
