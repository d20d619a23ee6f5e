import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Situation, Taxonomy } from '../../api/queries';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { instantToSend, localNow } from '../../datetime';
import { formatDateTime } from '../../i18n';

export type Disclosure = Schemas['DisclosureView'];

/** A situation's disclosures of identity (no value: field names only). */
export function useSituationDisclosures(situationId: string) {
  return useQuery({
    queryKey: ['disclosures', situationId],
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}/disclosures', { params: { path: { id: situationId } } })),
  });
}

export const authorityLabel = (taxonomy: Taxonomy | undefined, code: string) => taxonomy?.legalAuthorities.find((a) => a.code === code)?.shortLabel ?? code;
export const noticeStatusLabel = (taxonomy: Taxonomy | undefined, code: string) => taxonomy?.labels.noticeStatuses.find((s) => s.code === code)?.label ?? code;

/**
 * The disclosures of the situation's identity (issue 17): under which authority, by which agency,
 * to which agencies, which fields, and the notice the authority requires. The disclosing agency
 * records the notice it gave.
 */
export function DisclosuresSection({ situation, taxonomy, agencyId }: { situation: Situation; taxonomy?: Taxonomy; agencyId: string | null | undefined }) {
  const { t } = useTranslation();
  const disclosures = useSituationDisclosures(situation.id);
  const items = disclosures.data?.items ?? [];
  return (
    <section aria-labelledby="disclosures-title" className="st-section" data-testid="disclosures-section">
      <h2 id="disclosures-title">{t('disclosures.section.title')}</h2>
      <p>{t('disclosures.section.explain')}</p>
      <ErrorSummary error={disclosures.error} />
      {disclosures.data && items.length === 0 && <p>{t('disclosures.section.none')}</p>}
      {items.map((d) => (
        <article key={d.id} className="st-panel" data-testid="disclosure" data-notice={d.notice.status} aria-labelledby={`disclosure-${d.id}`}>
          <h3 id={`disclosure-${d.id}`}>{t('disclosures.section.item', { when: formatDateTime(d.disclosedAt), authority: authorityLabel(taxonomy, d.legalAuthority) })}</h3>
          <dl className="st-dl">
            <dt>{t('disclosures.field.disclosingAgency')}</dt>
            <dd>{d.disclosingAgency.name}</dd>
            <dt>{t('disclosures.field.receivingAgencies')}</dt>
            <dd>{d.receivingAgencies.map((a) => a.name).join(', ') || '—'}</dd>
            <dt>{t('disclosures.field.fields')}</dt>
            <dd>{d.fields.map((f) => t(`disclosures.fieldName.${f}`, { defaultValue: f })).join(', ')}</dd>
            <dt>{t('disclosures.field.notice')}</dt>
            <dd data-testid="disclosure-notice">
              {noticeStatusLabel(taxonomy, d.notice.status)}
              {d.notice.dueAt && !d.notice.givenAt ? ` — ${t('disclosures.field.dueAt', { when: formatDateTime(d.notice.dueAt) })}` : ''}
              {d.notice.givenAt ? ` — ${formatDateTime(d.notice.givenAt)}` : ''}
            </dd>
            {d.consent.obtainedAt && (
              <>
                <dt>{t('disclosures.field.consent')}</dt>
                <dd>
                  {t('disclosures.field.consentValue', {
                    agency: d.consent.obtainedBy?.name ?? '',
                    when: formatDateTime(d.consent.obtainedAt),
                    scope: taxonomy?.labels.consentScopes.find((s) => s.code === d.consent.scope)?.label ?? d.consent.scope,
                  })}
                </dd>
              </>
            )}
          </dl>
          {agencyId === d.disclosingAgency.id && (d.notice.status === 'PENDING' || d.notice.status === 'OVERDUE') && (
            <NoticeForm situationId={situation.id} disclosure={d} taxonomy={taxonomy} />
          )}
        </article>
      ))}
    </section>
  );
}

/** The disclosing agency records when and how it gave notice of the disclosure to the person. */
function NoticeForm({ situationId, disclosure, taxonomy }: { situationId: string; disclosure: Disclosure; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [initial] = useState(localNow);
  const [at, setAt] = useState(initial);
  const [method, setMethod] = useState(disclosure.notice.requiredMethod ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `notice-${disclosure.id.slice(0, 8)}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/situations/{id}/disclosures/{disclosureId}/notice', {
          params: { path: { id: situationId, disclosureId: disclosure.id } },
          body: { givenAt: instantToSend(at, initial), method: method as Schemas['NoticeDto']['method'] },
        }),
      );
      await qc.invalidateQueries({ queryKey: ['disclosures', situationId] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="notice-form">
      <h4>{t('disclosures.notice.title')}</h4>
      <ErrorSummary
        error={error}
        fieldLabels={{ givenAt: t('disclosures.notice.givenAt'), method: t('disclosures.notice.method') }}
        fieldIds={{ givenAt: `${prefix}-at`, method: `${prefix}-method` }}
      />
      <LabelledInput id={`${prefix}-at`} label={t('disclosures.notice.givenAt')} type="datetime-local" step={1} value={at} onChange={setAt} error={error} field="givenAt" />
      <LabelledSelect
        id={`${prefix}-method`}
        label={t('disclosures.notice.method')}
        value={method}
        onChange={setMethod}
        options={(taxonomy?.labels.noticeMethods ?? []).map((m) => ({ value: m.code, label: m.label }))}
        required
        error={error}
        field="method"
      />
      <button type="submit" className="st-button st-button--primary" disabled={busy || !method} data-testid="notice-save">
        {t('disclosures.notice.save')}
      </button>
    </form>
  );
}
