import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n';

type SearchBody = Schemas['AccessRequestSearchDto'];
type Match = Schemas['AccessRequestMatchView'];
type Purpose = SearchBody['purposeCode'];

const PURPOSES: readonly Purpose[] = ['ACCESS_REQUEST', 'CORRECTION_REQUEST', 'COMPLAINT', 'BREACH_INVESTIGATION', 'OTHER'];
const EMPTY = { givenName: '', familyName: '', dateOfBirth: '', purposeCode: 'ACCESS_REQUEST' as Purpose, purpose: '' };

/**
 * An individual access request ("did a table discuss me?"): the privacy officer types the person's
 * names and date of birth and why; the server answers the references of this table's situations
 * the person is a subject of, never identity. The names live in this form's state only (no query
 * cache key, no URL, no storage, autocomplete off) and are cleared with "New search".
 */
export default function AccessRequestPage() {
  const { t } = useTranslation();
  const tableId = useSession().tableId;
  usePageTitle(t('accessRequest.title'));
  const [form, setForm] = useState(EMPTY);
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => setForm((f) => ({ ...f, [k]: v }));
  // gcTime 0: the name and date of birth searched are not kept in the mutation cache once the page is left
  const run = useMutation({
    gcTime: 0,
    mutationFn: (body: SearchBody) => unwrap(api.POST('/api/v1/tables/{tableId}/access-requests/search', { params: { path: { tableId: tableId! } }, body })),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const note = form.purpose.trim();
    run.mutate({
      givenName: form.givenName,
      familyName: form.familyName,
      dateOfBirth: form.dateOfBirth,
      purposeCode: form.purposeCode,
      ...(note ? { purpose: note } : {}),
    });
  }
  function reset() {
    setForm(EMPTY);
    run.reset();
  }

  const labels = {
    givenName: t('accessRequest.givenName'),
    familyName: t('accessRequest.familyName'),
    dateOfBirth: t('accessRequest.dateOfBirth'),
    purposeCode: t('accessRequest.purposeCode'),
    purpose: t('accessRequest.purpose'),
  };
  const ids = { givenName: 'ar-given', familyName: 'ar-family', dateOfBirth: 'ar-dob', purposeCode: 'ar-purpose-code', purpose: 'ar-purpose' };
  const matches = run.data?.matches ?? [];

  return (
    <>
      <h1>{t('accessRequest.title')}</h1>
      <p>{t('accessRequest.intro')}</p>
      <p className="st-hint">{t('accessRequest.limits')}</p>
      <form onSubmit={submit} noValidate className="st-panel" data-testid="access-request-form" autoComplete="off">
        <ErrorSummary error={run.error} fieldLabels={labels} fieldIds={ids} />
        <LabelledInput
          id={ids.givenName}
          label={labels.givenName}
          value={form.givenName}
          onChange={(v) => set('givenName', v)}
          error={run.error}
          field="givenName"
          autoComplete="off"
          required
          maxLength={100}
        />
        <LabelledInput
          id={ids.familyName}
          label={labels.familyName}
          value={form.familyName}
          onChange={(v) => set('familyName', v)}
          error={run.error}
          field="familyName"
          autoComplete="off"
          required
          maxLength={100}
        />
        <LabelledInput
          id={ids.dateOfBirth}
          label={labels.dateOfBirth}
          type="date"
          value={form.dateOfBirth}
          onChange={(v) => set('dateOfBirth', v)}
          error={run.error}
          field="dateOfBirth"
          autoComplete="off"
          required
        />
        <LabelledSelect
          id={ids.purposeCode}
          label={labels.purposeCode}
          value={form.purposeCode}
          onChange={(v) => set('purposeCode', PURPOSES.find((p) => p === v) ?? 'ACCESS_REQUEST')}
          options={PURPOSES.map((p) => ({ value: p, label: t(`accessRequest.purposes.${p}`) }))}
          error={run.error}
          field="purposeCode"
          required
        />
        <LabelledInput
          id={ids.purpose}
          label={labels.purpose}
          hint={t('accessRequest.purposeHint')}
          value={form.purpose}
          onChange={(v) => set('purpose', v)}
          error={run.error}
          field="purpose"
          autoComplete="off"
          maxLength={200}
        />
        <div className="st-actions">
          <button type="submit" className="st-button st-button--primary" disabled={run.isPending} data-testid="access-request-search">
            {t('accessRequest.search')}
          </button>
          <button type="button" className="st-button st-button--secondary" onClick={reset} data-testid="access-request-reset">
            {t('accessRequest.reset')}
          </button>
        </div>
      </form>
      {/* the status stays in the page (a live region is announced only when it was there before) */}
      <section aria-label={t('accessRequest.results')}>
        {run.data && <h2 id="access-request-results">{t('accessRequest.results')}</h2>}
        <p role="status" data-testid="access-request-status">
          {run.isPending ? t('app.loading') : run.data ? (matches.length ? t('accessRequest.found', { count: matches.length }) : t('accessRequest.none')) : ''}
        </p>
        {matches.length > 0 && (
          <DataTable<Match>
            caption={t('accessRequest.results')}
            testId="access-request-matches"
            rows={matches}
            rowKey={(m) => m.situationId}
            columns={[
              { key: 'reference', header: t('accessRequest.reference'), cell: (m) => <Link to={`/situations/${m.situationId}`}>{m.reference}</Link> },
              { key: 'status', header: t('accessRequest.status'), cell: (m) => t(`status.${m.status}`, { defaultValue: m.status }) },
              { key: 'created', header: t('accessRequest.createdAt'), cell: (m) => formatDate(m.createdAt) },
              { key: 'closed', header: t('accessRequest.closedAt'), cell: (m) => (m.closedAt ? formatDate(m.closedAt) : '—') },
              { key: 'purge', header: t('accessRequest.purgeAt'), cell: (m) => (m.identityPurgeAt ? formatDate(m.identityPurgeAt) : '—') },
            ]}
          />
        )}
      </section>
    </>
  );
}
