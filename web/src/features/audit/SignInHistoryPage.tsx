import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { KeysetPager } from '../../components/KeysetPager';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { PeriodFields } from '../../components/PeriodFields';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n';
import { dayEnd, dayStart, SIGN_IN_KINDS, useAuditActors, useSignInPage, type SignInEvent, type SignInFilters } from './api';

interface FormState {
  userId: string;
  kind: string;
  from: string;
  to: string;
}
const EMPTY: FormState = { userId: '', kind: '', from: '', to: '' };

/**
 * The sign-in history of the table's users (issue 17): sign-ins, refusals, lockouts, password
 * changes and resets, deactivations and sign-outs of the people who hold or held a role at the
 * table, while they held it. Names and agencies, never an e-mail or an address; each page read is
 * audited on the table's chain.
 */
export default function SignInHistoryPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('audit.signIn.title'));
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filters, setFilters] = useState<SignInFilters>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.length ? cursors[cursors.length - 1] : undefined;
  const page = useSignInPage(tableId, filters, cursor);
  const actors = useAuditActors(tableId);
  const userOptions = useMemo(
    () =>
      (actors.data?.items ?? []).map((a) => ({ value: a.id, label: t('audit.filter.actorOption', { name: a.displayName, agency: a.agencyName ?? t('audit.filter.noAgency') }) })),
    [actors.data, t],
  );
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  function search(e: FormEvent) {
    e.preventDefault();
    if (form.from && form.to && form.from > form.to) {
      setFormError(t('audit.explorer.periodInvalid'));
      return;
    }
    setFormError(null);
    setFilters({
      ...(form.userId ? { userId: form.userId } : {}),
      ...(form.kind ? { kind: form.kind as SignInEvent['kind'] } : {}),
      ...(form.from ? { from: dayStart(form.from) } : {}),
      ...(form.to ? { to: dayEnd(form.to) } : {}),
    });
    setCursors([]);
  }
  function clear() {
    setForm(EMPTY);
    setFormError(null);
    setFilters({});
    setCursors([]);
  }

  const items = page.data?.items ?? [];
  const pageNumber = cursors.length + 1;
  return (
    <>
      <h1>{t('audit.signIn.title')}</h1>
      <p>{t('audit.signIn.intro')}</p>
      <section aria-labelledby="sign-in-filters-title" className="st-panel">
        <h2 id="sign-in-filters-title">{t('audit.explorer.filters')}</h2>
        <form onSubmit={search} noValidate className="st-filters" data-testid="sign-in-filters">
          <LabelledSelect
            id="sign-in-user"
            className="st-filter--full"
            label={t('audit.filter.actor')}
            hint={t('audit.signIn.userHint')}
            value={form.userId}
            onChange={(v) => set('userId', v)}
            placeholder={t('audit.filter.any')}
            options={userOptions}
          />
          <LabelledSelect
            id="sign-in-kind"
            label={t('audit.signIn.kindFilter')}
            value={form.kind}
            onChange={(v) => set('kind', v)}
            placeholder={t('audit.filter.any')}
            options={SIGN_IN_KINDS.map((k) => ({ value: k, label: t(`audit.signIn.kind.${k}`) }))}
          />
          <PeriodFields idPrefix="sign-in" from={form.from} to={form.to} onFrom={(v) => set('from', v)} onTo={(v) => set('to', v)} />
          {formError && (
            <p className="st-field-error" role="alert">
              {formError}
            </p>
          )}
          <div className="st-actions">
            <button type="submit" className="st-button st-button--primary" data-testid="sign-in-search">
              {t('audit.explorer.search')}
            </button>
            <button type="button" className="st-button st-button--tertiary" onClick={clear}>
              {t('audit.explorer.clear')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="sign-in-results-title">
        <h2 id="sign-in-results-title">{t('audit.explorer.results')}</h2>
        <ErrorSummary error={page.error ?? actors.error} />
        <p role="status" data-testid="sign-in-status">
          {page.isFetching ? t('app.loading') : t('audit.explorer.pageStatus', { page: formatNumber(pageNumber), n: formatNumber(items.length) })}
        </p>
        {items.length > 0 && (
          <DataTable<SignInEvent>
            caption={t('audit.signIn.caption', { page: formatNumber(pageNumber) })}
            testId="sign-in-results"
            rows={items}
            rowKey={(e) => e.seq}
            rowProps={(e) => ({ 'data-kind': e.kind, 'data-user': e.userId })}
            columns={[
              { key: 'at', header: t('audit.field.at'), cell: (e) => formatDateTime(e.at) },
              { key: 'user', header: t('audit.field.actor'), cell: (e) => e.userDisplayName },
              { key: 'agency', header: t('audit.field.agency'), cell: (e) => e.agencyName ?? '—' },
              {
                key: 'kind',
                header: t('audit.signIn.event'),
                cell: (e) => <span className={`st-badge st-badge--${/FAILED|LOCKOUT|DEACTIVATED/.test(e.kind) ? 'denied' : 'success'}`}>{t(`audit.signIn.kind.${e.kind}`)}</span>,
              },
              { key: 'reason', header: t('audit.signIn.reason'), cell: (e) => (e.reason ? t(`audit.signIn.reasons.${e.reason}`) : '—') },
              {
                key: 'by',
                header: t('audit.signIn.by'),
                cell: (e) => (e.byAdministrator ? t('audit.signIn.byAdministrator', { name: e.actorDisplayName ?? '—' }) : t('audit.signIn.byUser')),
              },
            ]}
          />
        )}
        <KeysetPager label={t('audit.explorer.pages')} cursors={cursors} nextCursor={page.data?.nextCursor} busy={page.isFetching} onChange={setCursors} testIdPrefix="sign-in" />
      </section>
    </>
  );
}
