import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n';
import { dayEnd, dayStart, saveBlob, useAccessPurposes, useAuditPage, useTableAgencies, useTableSituations, type AuditEntry, type AuditFilters } from './api';

/** Actions a filter can name (the API accepts [a-z0-9._]); labels in audit.actions.*. */
export const AUDIT_ACTIONS = [
  'identity.read',
  'identity.write',
  'identity.purge',
  'access.denied',
  'situation.submit',
  'situation.read',
  'situation.list',
  'situation.decide',
  'situation.defer',
  'situation.edit',
  'situation.assign',
  'situation.withdraw',
  'situation.update',
  'situation.close',
  'situation.deferral_overdue',
  'meeting.create',
  'meeting.attendance',
  'meeting.close',
  'table.create',
  'table.update',
  'table.agency.add',
  'role.grant',
  'role.revoke',
  'audit.search',
  'audit.export',
  'audit.verify',
  'audit.anomalies',
] as const;

interface FormState {
  actorId: string;
  actorAgencyId: string;
  action: string;
  outcome: '' | 'SUCCESS' | 'DENIED';
  situationId: string;
  from: string;
  to: string;
}
const EMPTY: FormState = { actorId: '', actorAgencyId: '', action: '', outcome: '', situationId: '', from: '', to: '' };

function toFilters(f: FormState): AuditFilters {
  const out: AuditFilters = {};
  if (f.actorId.trim()) out.actorId = f.actorId.trim();
  if (f.actorAgencyId) out.actorAgencyId = f.actorAgencyId;
  if (f.action) out.action = f.action;
  if (f.outcome) out.outcome = f.outcome;
  if (f.situationId) out.situationId = f.situationId;
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
  const purposes = useAccessPurposes();
  // a purpose recorded as a code of the reference data is shown by its label
  const purposeLabel = (p: string | null) => (p ? (purposes.data?.find((x) => x.code === p)?.label ?? p) : '');

  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.agencyId, a.name])), [agencies.data]);
  const reference = useMemo(() => new Map((situations.data?.items ?? []).map((s) => [s.id, s.reference])), [situations.data]);

  function search(e: FormEvent) {
    e.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setFormError(t('audit.explorer.periodInvalid'));
      return;
    }
    if (form.actorId.trim() && !/^[0-9a-f-]{36}$/i.test(form.actorId.trim())) {
      setFormError(t('audit.explorer.actorInvalid'));
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
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="audit-actor">
              {t('audit.filter.actor')}
            </label>
            <p className="st-hint" id="audit-actor-hint">
              {t('audit.filter.actorHint')}
            </p>
            <input
              className="ontario-input"
              id="audit-actor"
              value={form.actorId}
              onChange={(e) => set('actorId', e.target.value)}
              aria-describedby="audit-actor-hint"
              spellCheck={false}
              autoComplete="off"
            />
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="audit-agency">
              {t('audit.filter.agency')}
            </label>
            <select className="ontario-input ontario-dropdown" id="audit-agency" value={form.actorAgencyId} onChange={(e) => set('actorAgencyId', e.target.value)}>
              <option value="">{t('audit.filter.any')}</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="audit-action">
              {t('audit.filter.action')}
            </label>
            <select className="ontario-input ontario-dropdown" id="audit-action" value={form.action} onChange={(e) => set('action', e.target.value)}>
              <option value="">{t('audit.filter.any')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`audit.actions.${a}`, { defaultValue: a })}
                </option>
              ))}
            </select>
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="audit-outcome">
              {t('audit.filter.outcome')}
            </label>
            <select className="ontario-input ontario-dropdown" id="audit-outcome" value={form.outcome} onChange={(e) => set('outcome', e.target.value as FormState['outcome'])}>
              <option value="">{t('audit.filter.any')}</option>
              <option value="SUCCESS">{t('audit.outcome.SUCCESS')}</option>
              <option value="DENIED">{t('audit.outcome.DENIED')}</option>
            </select>
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="audit-situation">
              {t('audit.filter.situation')}
            </label>
            <select className="ontario-input ontario-dropdown" id="audit-situation" value={form.situationId} onChange={(e) => set('situationId', e.target.value)}>
              <option value="">{t('audit.filter.any')}</option>
              {(situations.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.reference}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="ontario-fieldset st-period">
            <legend className="ontario-fieldset__legend">{t('audit.filter.period')}</legend>
            <div className="ontario-form-group">
              <label className="ontario-label" htmlFor="audit-from">
                {t('audit.filter.from')}
              </label>
              <input className="ontario-input" id="audit-from" type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />
            </div>
            <div className="ontario-form-group">
              <label className="ontario-label" htmlFor="audit-to">
                {t('audit.filter.to')}
              </label>
              <input className="ontario-input" id="audit-to" type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />
            </div>
          </fieldset>
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
          <div className="st-table-wrap">
            <table className="st-table" data-testid="audit-results">
              <caption className="st-visually-hidden">{t('audit.explorer.caption', { page: formatNumber(pageNumber) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.field.seq')}</th>
                  <th scope="col">{t('audit.field.at')}</th>
                  <th scope="col">{t('audit.field.action')}</th>
                  <th scope="col">{t('audit.field.outcome')}</th>
                  <th scope="col">{t('audit.field.agency')}</th>
                  <th scope="col">{t('audit.field.situation')}</th>
                  <th scope="col">{t('audit.field.purpose')}</th>
                  <th scope="col">
                    <span className="st-visually-hidden">{t('audit.explorer.detailColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.seq} aria-selected={selected === e.seq || undefined} className={selected === e.seq ? 'st-row--selected' : undefined}>
                    <td>{e.seq}</td>
                    <td>{formatDateTime(e.at)}</td>
                    <td>
                      {t(`audit.actions.${e.action}`, { defaultValue: e.action })} <code className="st-hint">{e.action}</code>
                    </td>
                    <td>
                      <span className={`st-badge st-badge--${e.outcome === 'DENIED' ? 'denied' : 'success'}`}>{t(`audit.outcome.${e.outcome}`)}</span>
                    </td>
                    <td>{e.actorAgencyId ? (agencyName.get(e.actorAgencyId) ?? t('audit.otherAgency')) : '—'}</td>
                    <td>{e.situationId ? (reference.get(e.situationId) ?? e.situationId.slice(0, 8)) : '—'}</td>
                    <td>{purposeLabel(e.purpose)}</td>
                    <td>
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t('audit.explorer.pages')} className="st-pager">
          <button
            type="button"
            className="st-button st-button--secondary"
            disabled={cursors.length === 0 || page.isFetching}
            onClick={() => (setCursors((c) => c.slice(0, -1)), setSelected(null))}
            data-testid="audit-previous"
          >
            {t('audit.explorer.previous')}
          </button>
          <span>{t('audit.explorer.pageN', { page: formatNumber(pageNumber) })}</span>
          <button
            type="button"
            className="st-button st-button--secondary"
            disabled={!page.data?.nextCursor || page.isFetching}
            onClick={() => (setCursors((c) => [...c, page.data!.nextCursor!]), setSelected(null))}
            data-testid="audit-next"
          >
            {t('audit.explorer.next')}
          </button>
        </nav>
        <div id="audit-entry-detail" aria-live="polite">
          {entry && (
            <EntryDetail
              entry={entry}
              agency={entry.actorAgencyId ? agencyName.get(entry.actorAgencyId) : undefined}
              reference={entry.situationId ? reference.get(entry.situationId) : undefined}
              purpose={purposeLabel(entry.purpose)}
              onActor={(id) => set('actorId', id)}
            />
          )}
        </div>
      </section>
    </>
  );
}

function VerifyOutcome({
  result,
}: {
  result: { valid: boolean; checked: number; firstInvalidSeq?: string; invalid?: { fromSeq?: string; toSeq?: string; reason: string }[]; invalidTruncated?: boolean };
}) {
  const { t } = useTranslation();
  if (result.valid) {
    return (
      <div className="st-alert st-alert--success" data-valid="true">
        <p className="st-alert__title">{t('audit.verify.valid', { checked: formatNumber(result.checked) })}</p>
      </div>
    );
  }
  return (
    <div className="st-alert st-alert--error" data-valid="false">
      <p className="st-alert__title">{t('audit.verify.invalid', { checked: formatNumber(result.checked), seq: result.firstInvalidSeq ?? '?' })}</p>
      {result.invalid && result.invalid.length > 0 && (
        <ul>
          {result.invalid.map((r, i) => (
            <li key={i}>
              {r.fromSeq ? t('audit.verify.range', { from: r.fromSeq, to: r.toSeq ?? r.fromSeq }) : t('audit.verify.noEntry')} — <code>{r.reason}</code>
            </li>
          ))}
        </ul>
      )}
      {result.invalidTruncated && <p>{t('audit.verify.truncated')}</p>}
    </div>
  );
}

function EntryDetail({ entry, agency, reference, purpose, onActor }: { entry: AuditEntry; agency?: string; reference?: string; purpose: string; onActor: (id: string) => void }) {
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
        <dd>{entry.actorAgencyId ? (agency ?? entry.actorAgencyId) : '—'}</dd>
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
