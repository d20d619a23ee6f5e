import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { KeysetPager } from '../../components/KeysetPager';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect, type SelectOption } from '../../components/LabelledSelect';
import { PeriodFields } from '../../components/PeriodFields';
import { usePageTitle } from '../../components/usePageTitle';
import { VerifyOutcome } from './VerifyOutcome';
import { formatDateTime, formatNumber } from '../../i18n';
import {
  dayEnd,
  dayStart,
  saveBlob,
  useAccessPurposes,
  useAuditActors,
  useAuditPage,
  useTableAgencies,
  useTableSituations,
  type AuditActor,
  type AuditEntry,
  type AuditFilters,
  type PurposeCode,
} from './api';

/** Actions a filter can name (the API accepts [a-z0-9._]); labels in audit.actions.*. */
export const AUDIT_ACTIONS = [
  'identity.read',
  'identity.write',
  'identity.purge',
  'access_request.search',
  'access.denied',
  'situation.submit',
  'situation.read',
  'situation.list',
  'situation.decide',
  'situation.defer',
  'situation.edit',
  'situation.assign',
  'situation.lead_answer',
  'situation.withdraw',
  'situation.update',
  'situation.close',
  'situation.reopen',
  'situation.deferral_overdue',
  'situation.lead_answer_overdue',
  'situation.mobilization_warning',
  'situation.overdue',
  'meeting.create',
  'meeting.attendance',
  'meeting.close',
  'table.create',
  'table.update',
  'table.agency.add',
  'table.members.read',
  'role.grant',
  'role.revoke',
  'access_review.read',
  'access_review.certify',
  'access_review.removal_request',
  'access_review.removal_requests.read',
  'access_review.removal_decline',
  'agreement.publish',
  'agreement.accept',
  'audit.search',
  'audit.export',
  'audit.verify',
  'audit.anomalies',
  'audit.actors',
  'audit.access-log',
  'audit.sign-in-history',
  'audit.anomaly_thresholds.update',
  'anomaly_case.open',
  'anomaly_case.note',
  'anomaly_case.assign',
  'anomaly_case.close',
  'breach.record',
  'breach.containment',
  'breach.notification',
  'breach.close',
] as const;

interface FormState {
  actorId: string;
  actorAgencyId: string;
  action: string;
  outcome: '' | 'SUCCESS' | 'DENIED';
  situationId: string;
  purposeCode: string;
  from: string;
  to: string;
}
const EMPTY: FormState = { actorId: '', actorAgencyId: '', action: '', outcome: '', situationId: '', purposeCode: '', from: '', to: '' };

function toFilters(f: FormState): AuditFilters {
  const out: AuditFilters = {};
  if (f.actorId) out.actorId = f.actorId;
  if (f.actorAgencyId) out.actorAgencyId = f.actorAgencyId;
  if (f.action) out.action = f.action;
  if (f.outcome) out.outcome = f.outcome;
  if (f.situationId) out.situationId = f.situationId;
  if (f.purposeCode) out.purposeCode = f.purposeCode as PurposeCode;
  if (f.from) out.from = dayStart(f.from);
  if (f.to) out.to = dayEnd(f.to);
  return out;
}

/**
 * The privacy officer's audit explorer: filters, keyset pages (next / previous with the API's
 * cursors, kept in a stack), an entry's detail with its hash and the previous hash, CSV export of
 * the same filter, and verification of the table's hash chain.
 */
export default function AuditExplorer() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.explorer.title'));
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [formError, setFormError] = useState<string | null>(null);
  // cursors[i] is the cursor of page i + 1 (page 1 has none)
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const cursor = cursors.length ? cursors[cursors.length - 1] : undefined;
  const page = useAuditPage(tableId, filters, cursor);
  const agencies = useTableAgencies(tableId);
  const situations = useTableSituations(tableId);
  const actors = useAuditActors(tableId);
  const purposes = useAccessPurposes();
  // a purpose recorded as a code of the reference data is shown by its label
  const purposeLabel = (p: string | null) => (p ? (purposes.data?.find((x) => x.code === p)?.label ?? p) : '');

  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.agencyId, a.name])), [agencies.data]);
  const reference = useMemo(() => new Map((situations.data?.items ?? []).map((s) => [s.id, s.reference])), [situations.data]);
  const actorOptions = useMemo(() => actorChoices(actors.data?.items ?? [], form.actorId, t), [actors.data, form.actorId, t]);
  const actorName = useMemo(() => new Map((actors.data?.items ?? []).map((a) => [a.id, a.displayName])), [actors.data]);

  function search(e: FormEvent) {
    e.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setFormError(t('audit.explorer.periodInvalid'));
      return;
    }
    setFormError(null);
    setFilters(toFilters(form));
    setCursors([]);
    setSelected(null);
  }
  function clear() {
    setForm(EMPTY);
    setFormError(null);
    setFilters({});
    setCursors([]);
    setSelected(null);
  }
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  const exportCsv = useMutation({
    mutationFn: async () => {
      const blob = await unwrap(api.GET('/api/v1/tables/{tableId}/audit/export.csv', { params: { path: { tableId: tableId! }, query: filters }, parseAs: 'blob' }));
      saveBlob(blob as Blob, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
    },
  });
  const verify = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/audit/verify', { params: { path: { tableId: tableId! } } })),
  });

  const items = page.data?.items ?? [];
  const entry = items.find((i) => i.seq === selected) ?? null;
  const pageNumber = cursors.length + 1;

  return (
    <>
      <h1>{t('audit.explorer.title')}</h1>
      <p>{t('audit.explorer.intro')}</p>

      <section aria-labelledby="audit-verify-title" className="st-panel">
        <h2 id="audit-verify-title">{t('audit.verify.title')}</h2>
        <p>{t('audit.verify.explain')}</p>
        <button type="button" className="st-button st-button--secondary" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="audit-verify">
          {t('audit.verify.run')}
        </button>
        <ErrorSummary error={verify.error} />
        <div role="status" data-testid="audit-verify-result">
          {verify.isPending && t('app.loading')}
          {verify.data && <VerifyOutcome result={verify.data} />}
        </div>
      </section>

      <section aria-labelledby="audit-filters-title" className="st-panel">
        <h2 id="audit-filters-title">{t('audit.explorer.filters')}</h2>
        <form onSubmit={search} noValidate className="st-filters" data-testid="audit-filters">
          <LabelledSelect
            id="audit-actor"
            className="st-filter--full"
            label={t('audit.filter.actor')}
            hint={t('audit.filter.actorHint')}
            value={form.actorId}
            onChange={(v) => set('actorId', v)}
            placeholder={t('audit.filter.any')}
            options={actorOptions}
          />
          <LabelledSelect
            id="audit-agency"
            label={t('audit.filter.agency')}
            value={form.actorAgencyId}
            onChange={(v) => set('actorAgencyId', v)}
            placeholder={t('audit.filter.any')}
            options={(agencies.data ?? []).map((a) => ({ value: a.agencyId, label: a.name }))}
          />
          <LabelledSelect
            id="audit-action"
            label={t('audit.filter.action')}
            value={form.action}
            onChange={(v) => set('action', v)}
            placeholder={t('audit.filter.any')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`, { defaultValue: a }) }))}
          />
          <LabelledSelect
            id="audit-outcome"
            label={t('audit.filter.outcome')}
            value={form.outcome}
            onChange={(v) => set('outcome', v as FormState['outcome'])}
            placeholder={t('audit.filter.any')}
            options={(['SUCCESS', 'DENIED'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
          />
          <LabelledSelect
            id="audit-situation"
            label={t('audit.filter.situation')}
            value={form.situationId}
            onChange={(v) => set('situationId', v)}
            placeholder={t('audit.filter.any')}
            options={(situations.data?.items ?? []).map((x) => ({ value: x.id, label: x.reference }))}
          />
          <LabelledSelect
            id="audit-purpose"
            label={t('audit.filter.purpose')}
            value={form.purposeCode}
            onChange={(v) => set('purposeCode', v)}
            placeholder={t('audit.filter.any')}
            options={(purposes.data ?? []).map((p) => ({ value: p.code, label: p.label }))}
          />
          <PeriodFields idPrefix="audit" from={form.from} to={form.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
          {formError && (
            <p className="st-field-error" role="alert">
              {formError}
            </p>
          )}
          <div className="st-actions">
            <button type="submit" className="st-button st-button--primary" data-testid="audit-search">
              {t('audit.explorer.search')}
            </button>
            <button type="button" className="st-button st-button--tertiary" onClick={clear}>
              {t('audit.explorer.clear')}
            </button>
            <button type="button" className="st-button st-button--secondary" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending} data-testid="audit-export">
              {t('audit.explorer.export')}
            </button>
          </div>
          <ErrorSummary error={exportCsv.error} />
        </form>
      </section>

      <section aria-labelledby="audit-results-title">
        <h2 id="audit-results-title">{t('audit.explorer.results')}</h2>
        <ErrorSummary error={page.error} />
        <p role="status" data-testid="audit-page-status">
          {page.isFetching ? t('app.loading') : t('audit.explorer.pageStatus', { page: formatNumber(pageNumber), n: formatNumber(items.length) })}
        </p>
        {items.length > 0 && (
          <DataTable<AuditEntry>
            caption={t('audit.explorer.caption', { page: formatNumber(pageNumber) })}
            testId="audit-results"
            rows={items}
            rowKey={(e) => e.seq}
            rowProps={(e) => ({ 'aria-selected': selected === e.seq || undefined, className: selected === e.seq ? 'st-row--selected' : undefined })}
            columns={[
              { key: 'seq', header: t('audit.field.seq'), cell: (e) => e.seq },
              { key: 'at', header: t('audit.field.at'), cell: (e) => formatDateTime(e.at) },
              {
                key: 'action',
                header: t('audit.field.action'),
                cell: (e) => (
                  <>
                    {t(`audit.actions.${e.action}`, { defaultValue: e.action })} <code className="st-hint">{e.action}</code>
                  </>
                ),
              },
              {
                key: 'outcome',
                header: t('audit.field.outcome'),
                cell: (e) => <span className={`st-badge st-badge--${e.outcome === 'DENIED' ? 'denied' : 'success'}`}>{t(`audit.outcome.${e.outcome}`)}</span>,
              },
              {
                key: 'actor',
                header: t('audit.field.actor'),
                cell: (e) => (e.actorId ? (e.actorDisplayName ?? actorName.get(e.actorId) ?? e.actorId.slice(0, 8)) : t('audit.entry.system')),
              },
              {
                key: 'agency',
                header: t('audit.field.agency'),
                cell: (e) => (e.actorAgencyId ? (e.actorAgencyName ?? agencyName.get(e.actorAgencyId) ?? t('audit.otherAgency')) : '—'),
              },
              { key: 'situation', header: t('audit.field.situation'), cell: (e) => (e.situationId ? (reference.get(e.situationId) ?? e.situationId.slice(0, 8)) : '—') },
              { key: 'purpose', header: t('audit.field.purpose'), cell: (e) => purposeLabel(e.purpose) },
              {
                key: 'detail',
                header: t('audit.explorer.detailColumn'),
                hiddenHeader: true,
                cell: (e) => (
                  <button
                    type="button"
                    className="st-button st-button--tertiary st-button--small"
                    aria-expanded={selected === e.seq}
                    aria-controls="audit-entry-detail"
                    onClick={() => setSelected(selected === e.seq ? null : e.seq)}
                    data-testid={`audit-entry-${e.seq}`}
                  >
                    {t('audit.explorer.showEntry', { seq: e.seq })}
                  </button>
                ),
              },
            ]}
          />
        )}
        <KeysetPager
          label={t('audit.explorer.pages')}
          cursors={cursors}
          nextCursor={page.data?.nextCursor}
          busy={page.isFetching}
          onChange={(c) => (setCursors(c), setSelected(null))}
          testIdPrefix="audit"
        />
        <div id="audit-entry-detail" aria-live="polite">
          {entry && (
            <EntryDetail
              entry={entry}
              agency={entry.actorAgencyName ?? (entry.actorAgencyId ? agencyName.get(entry.actorAgencyId) : undefined)}
              reference={entry.situationId ? reference.get(entry.situationId) : undefined}
              purpose={purposeLabel(entry.purpose)}
              actorName={entry.actorDisplayName ?? (entry.actorId ? actorName.get(entry.actorId) : undefined)}
              onActor={(id) => set('actorId', id)}
            />
          )}
        </div>
      </section>
    </>
  );
}

function EntryDetail({
  entry,
  agency,
  reference,
  purpose,
  actorName,
  onActor,
}: {
  entry: AuditEntry;
  agency?: string;
  reference?: string;
  purpose: string;
  actorName?: string;
  onActor: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="st-panel st-entry" aria-labelledby="audit-entry-title" data-testid="audit-entry-detail">
      <h3 id="audit-entry-title">{t('audit.entry.title', { seq: entry.seq })}</h3>
      <dl className="st-dl">
        <dt>{t('audit.field.at')}</dt>
        <dd>{formatDateTime(entry.at)}</dd>
        <dt>{t('audit.field.action')}</dt>
        <dd>
          <code>{entry.action}</code> ({t(`audit.actions.${entry.action}`, { defaultValue: entry.action })})
        </dd>
        <dt>{t('audit.field.outcome')}</dt>
        <dd>{t(`audit.outcome.${entry.outcome}`)}</dd>
        <dt>{t('audit.field.actor')}</dt>
        <dd>
          {entry.actorId ? (
            <>
              {actorName && <>{actorName} </>}
              <code>{entry.actorId}</code>{' '}
              <button type="button" className="st-button st-button--tertiary st-button--small" onClick={() => onActor(entry.actorId!)}>
                {t('audit.entry.filterActor')}
              </button>
            </>
          ) : (
            t('audit.entry.system')
          )}
        </dd>
        <dt>{t('audit.field.agency')}</dt>
        <dd>
          {entry.actorAgencyId ? (
            <>
              {agency && <>{agency} </>}
              <code>{entry.actorAgencyId}</code>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('audit.field.situation')}</dt>
        <dd>{entry.situationId ? `${reference ?? ''} (${entry.situationId})` : '—'}</dd>
        <dt>{t('audit.field.purpose')}</dt>
        <dd>{entry.purpose ? `${purpose}${purpose !== entry.purpose ? ` (${entry.purpose})` : ''}` : '—'}</dd>
        <dt>{t('audit.field.requestId')}</dt>
        <dd>
          <code>{entry.requestId ?? '—'}</code>
        </dd>
        <dt>{t('audit.field.hash')}</dt>
        <dd>
          <code className="st-hash" data-testid="audit-entry-hash">
            {entry.hash}
          </code>
        </dd>
        <dt>{t('audit.field.prevHash')}</dt>
        <dd>
          <code className="st-hash" data-testid="audit-entry-prev-hash">
            {entry.prevHash}
          </code>
        </dd>
        <dt>{t('audit.field.details')}</dt>
        <dd>
          <pre className="st-pre" tabIndex={0} aria-label={t('audit.field.details')}>
            {JSON.stringify(entry.details, null, 2)}
          </pre>
        </dd>
      </dl>
    </section>
  );
}

/**
 * The actor filter's options: each person by name and agency (a short identifier added where two
 * would read the same); an identifier chosen from an entry that is not listed stays choosable.
 */
function actorChoices(actors: AuditActor[], chosen: string, t: (k: string, o?: Record<string, unknown>) => string): SelectOption[] {
  const label = (a: AuditActor) => t('audit.filter.actorOption', { name: a.displayName, agency: a.agencyName ?? t('audit.filter.noAgency') });
  const seen = new Map<string, number>();
  for (const a of actors) seen.set(label(a), (seen.get(label(a)) ?? 0) + 1);
  const options = actors.map((a) => ({ value: a.id, label: seen.get(label(a))! > 1 ? `${label(a)} · ${a.id.slice(0, 8)}` : label(a) }));
  if (chosen && !actors.some((a) => a.id === chosen)) options.push({ value: chosen, label: chosen });
  return options;
}
