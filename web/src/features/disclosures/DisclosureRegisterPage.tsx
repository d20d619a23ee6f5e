import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useTaxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n';
import { saveBlob } from '../audit/api';
import { authorityLabel, noticeStatusLabel } from './DisclosuresSection';

type Disclosure = Schemas['DisclosureView'];
type NoticeStatus = Schemas['DisclosureNoticeView']['status'];
const PAGE = 25;
const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/**
 * The disclosure register (issue 17), for the privacy officer: every disclosure of identity of a
 * period, with its authority, agencies (by name), fields (names only) and notice status; exported
 * as CSV. Each look and each export is audited.
 */
export default function DisclosureRegisterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('disclosures.register.title'));
  const taxonomy = useTaxonomy().data;
  const [periodInput, setPeriodInput] = useState(String(new Date().getFullYear()));
  const [statusInput, setStatusInput] = useState('');
  const [filters, setFilters] = useState<{ period: string; noticeStatus?: NoticeStatus }>({ period: String(new Date().getFullYear()) });
  const [cursors, setCursors] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({
    queryKey: ['disclosure-register', tableId, filters, cursor ?? null],
    enabled: !!tableId,
    staleTime: Infinity, // each look is audited
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/disclosures', { params: { path: { tableId: tableId! }, query: { ...filters, limit: PAGE, cursor } } })),
  });
  const exportCsv = useMutation({
    mutationFn: async () => {
      const blob = await unwrap(api.GET('/api/v1/tables/{tableId}/disclosures/export.csv', { params: { path: { tableId: tableId! }, query: filters }, parseAs: 'blob' }));
      saveBlob(blob as Blob, `disclosures-${filters.period}.csv`);
    },
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const period = periodInput.trim();
    if (!PERIOD.test(period)) {
      setFormError(t('disclosures.register.periodInvalid'));
      return;
    }
    setFormError(null);
    setCursors([]);
    setFilters({ period, ...(statusInput ? { noticeStatus: statusInput as NoticeStatus } : {}) });
  }

  const items = page.data?.items ?? [];
  return (
    <>
      <h1>{t('disclosures.register.title')}</h1>
      <p>{t('disclosures.register.intro')}</p>
      <form onSubmit={apply} noValidate className="st-inline-form" data-testid="register-filters">
        <LabelledInput
          id="register-period"
          label={t('disclosures.register.period')}
          hint={t('disclosures.register.periodHint')}
          value={periodInput}
          onChange={setPeriodInput}
          className="ontario-input--10-char-width"
        />
        <LabelledSelect
          id="register-status"
          label={t('disclosures.register.noticeStatus')}
          value={statusInput}
          onChange={setStatusInput}
          options={(taxonomy?.labels.noticeStatuses ?? []).map((s) => ({ value: s.code, label: s.label }))}
          placeholder={t('disclosures.register.anyStatus')}
        />
        {formError && (
          <p className="st-field-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="st-button st-button--primary" data-testid="register-apply">
          {t('disclosures.register.apply')}
        </button>
        <button type="button" className="st-button st-button--secondary" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending} data-testid="register-export">
          {t('disclosures.register.export')}
        </button>
      </form>
      <ErrorSummary error={page.error ?? exportCsv.error} />
      <p role="status" data-testid="register-status">
        {page.isFetching ? t('app.loading') : page.data ? t('disclosures.register.summary', { count: items.length, period: filters.period }) : ''}
      </p>
      <DataTable<Disclosure>
        caption={t('disclosures.register.caption', { period: filters.period })}
        testId="register-table"
        rows={items}
        rowKey={(d) => d.id}
        rowProps={(d) => ({ 'data-notice': d.notice.status })}
        columns={[
          { key: 'at', header: t('disclosures.field.disclosedAt'), cell: (d) => formatDateTime(d.disclosedAt) },
          { key: 'ref', header: t('disclosures.field.situation'), cell: (d) => d.reference },
          { key: 'authority', header: t('disclosures.field.authority'), cell: (d) => authorityLabel(taxonomy, d.legalAuthority) },
          { key: 'from', header: t('disclosures.field.disclosingAgency'), cell: (d) => d.disclosingAgency.name },
          { key: 'to', header: t('disclosures.field.receivingAgencies'), cell: (d) => d.receivingAgencies.map((a) => a.name).join(', ') || '—' },
          { key: 'fields', header: t('disclosures.field.fields'), cell: (d) => d.fields.map((f) => t(`disclosures.fieldName.${f}`, { defaultValue: f })).join(', ') },
          {
            key: 'notice',
            header: t('disclosures.field.notice'),
            cell: (d) => (
              <>
                <span className={`st-badge st-badge--${d.notice.status.toLowerCase()}`}>{noticeStatusLabel(taxonomy, d.notice.status)}</span>
                {d.notice.dueAt && !d.notice.givenAt ? ` ${t('disclosures.field.dueAt', { when: formatDateTime(d.notice.dueAt) })}` : ''}
              </>
            ),
          },
          { key: 'consent', header: t('disclosures.field.consent'), cell: (d) => (d.consent.obtainedAt ? formatDateTime(d.consent.obtainedAt) : d.consent.required ? '!' : '—') },
        ]}
      />
      <nav aria-label={t('disclosures.register.pages')} className="st-pager">
        <button type="button" className="st-button st-button--secondary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('disclosures.register.previous')}
        </button>
        <button
          type="button"
          className="st-button st-button--secondary"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data.nextCursor!])}
          data-testid="register-next"
        >
          {t('disclosures.register.next')}
        </button>
      </nav>
    </>
  );
}
