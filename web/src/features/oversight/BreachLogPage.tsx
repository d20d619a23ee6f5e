import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { describedBy, FormGroup } from '../../components/FormGroup';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { localNow } from '../../datetime';
import { formatDateTime } from '../../i18n';
import { BREACH_KINDS, breachesKey, localToIso, useBreaches, type Breach, type BreachKind } from './api';

/** The table's privacy breach log (issue 17): the records, and a form to record a suspected breach. */
export default function BreachLogPage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  usePageTitle(t('oversight.breaches.title'));
  const [status, setStatus] = useState<'' | 'OPEN' | 'CLOSED'>('');
  const breaches = useBreaches(tableId, status || undefined);
  const items = breaches.data?.items ?? [];
  return (
    <>
      <h1>{t('oversight.breaches.title')}</h1>
      <p>{t('oversight.breaches.intro')}</p>
      <LabelledSelect
        id="breaches-status"
        label={t('oversight.cases.status')}
        value={status}
        onChange={(v) => setStatus(v as '' | 'OPEN' | 'CLOSED')}
        placeholder={t('audit.filter.any')}
        options={['OPEN', 'CLOSED'].map((s) => ({ value: s, label: t(`oversight.breachStatus.${s}`) }))}
      />
      <ErrorSummary error={breaches.error} />
      <p role="status" data-testid="breaches-status">
        {breaches.isFetching ? t('app.loading') : breaches.data ? t('oversight.breaches.count', { n: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <DataTable<Breach>
          caption={t('oversight.breaches.caption')}
          rows={items}
          rowKey={(b) => b.id}
          columns={[
            {
              key: 'kind',
              header: t('oversight.breach.kind'),
              cell: (b) => (
                <Link to={`/audit/breaches/${b.id}`} data-testid="breach-link">
                  {t(`oversight.kind.${b.kind}`)}
                </Link>
              ),
            },
            { key: 'discovered', header: t('oversight.breach.discoveredAt'), cell: (b) => formatDateTime(b.discoveredAt) },
            { key: 'situations', header: t('oversight.breach.situations'), cell: (b) => b.situations.map((s) => s.reference).join(', ') || '—' },
            {
              key: 'status',
              header: t('oversight.cases.status'),
              cell: (b) => (b.outcome ? `${t(`oversight.breachStatus.${b.status}`)} — ${t(`oversight.breachOutcome.${b.outcome}`)}` : t(`oversight.breachStatus.${b.status}`)),
            },
            { key: 'ipc', header: t('oversight.breach.ipc'), cell: (b) => (b.ipcNotifiedAt ? formatDateTime(b.ipcNotifiedAt) : t('oversight.breach.notYet')) },
          ]}
        />
      )}
      <RecordBreach />
    </>
  );
}

function RecordBreach() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(localNow);
  const [occurredAt, setOccurredAt] = useState('');
  const [references, setReferences] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function record(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const refs = references
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean);
      const created = await unwrap(
        api.POST('/api/v1/tables/{tableId}/breaches', {
          params: { path: { tableId: tableId! } },
          body: {
            kind: kind as BreachKind,
            description,
            discoveredAt: localToIso(discoveredAt),
            ...(occurredAt ? { occurredAt: localToIso(occurredAt) } : {}),
            ...(refs.length ? { situationReferences: refs } : {}),
          },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: breachesKey(tableId) });
      void navigate(`/audit/breaches/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const labels = {
    kind: t('oversight.breach.kind'),
    description: t('oversight.breach.description'),
    discoveredAt: t('oversight.breach.discoveredAt'),
    occurredAt: t('oversight.breach.occurredAt'),
    situationReferences: t('oversight.breach.situations'),
  };
  return (
    <section aria-labelledby="record-breach" className="st-section">
      <h2 id="record-breach">{t('oversight.breaches.record')}</h2>
      <form onSubmit={(e) => void record(e)} noValidate data-testid="breach-form">
        <ErrorSummary
          error={error}
          fieldLabels={labels}
          fieldIds={{
            kind: 'breach-kind',
            description: 'breach-description',
            discoveredAt: 'breach-discovered',
            occurredAt: 'breach-occurred',
            situationReferences: 'breach-refs',
          }}
        />
        <LabelledSelect
          id="breach-kind"
          label={labels.kind}
          value={kind}
          onChange={setKind}
          placeholder={t('oversight.choose')}
          options={BREACH_KINDS.map((k) => ({ value: k, label: t(`oversight.kind.${k}`) }))}
          error={error}
          field="kind"
        />
        <FormGroup id="breach-description" label={labels.description} hint={t('oversight.deidentifiedHint')} error={error} field="description">
          <textarea
            id="breach-description"
            className="ontario-input ontario-textarea"
            rows={4}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={describedBy('breach-description', t('oversight.deidentifiedHint'), 'description')}
          />
        </FormGroup>
        <LabelledInput
          id="breach-discovered"
          label={labels.discoveredAt}
          type="datetime-local"
          step={1}
          value={discoveredAt}
          onChange={setDiscoveredAt}
          error={error}
          field="discoveredAt"
        />
        <LabelledInput
          id="breach-occurred"
          label={labels.occurredAt}
          hint={t('oversight.breach.occurredHint')}
          type="datetime-local"
          step={1}
          value={occurredAt}
          onChange={setOccurredAt}
          error={error}
          field="occurredAt"
        />
        <LabelledInput
          id="breach-refs"
          label={labels.situationReferences}
          hint={t('oversight.breach.situationsHint')}
          value={references}
          onChange={setReferences}
          error={error}
          field="situationReferences"
          autoComplete="off"
        />
        <button type="submit" className="st-button st-button--primary" disabled={busy}>
          {t('oversight.breaches.recordButton')}
        </button>
      </form>
    </section>
  );
}
