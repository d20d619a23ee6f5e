import { DormantBadge } from '../../features/coordination/RetentionNotices';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clockOf, involvementOf, labelOf, useNextMeeting, useSituationPages, useTableAgencies, useTaxonomy, type SituationFilters, type Situation } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n';

const STATUSES = ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'REJECTED', 'WITHDRAWN', 'DUPLICATE'] as const;
/** My agency's part, as the list filters it (`involvement`), and the label of each (the table shows ORIGINATING). */
const PARTS = [
  ['ORIGINATED', 'involvement.ORIGINATING'],
  ['LEAD', 'involvement.LEAD'],
  ['ASSISTING', 'involvement.ASSISTING'],
] as const;
type Part = NonNullable<SituationFilters['involvement']>;

/** What a reference search may send: letters, digits and '-' (the API refuses anything else), 40 at most. */
export const referenceQuery = (search: string): string => search.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40);

/**
 * What my agency originated, leads or assists: status, next meeting, the 48-hour clock. The server
 * filters (my agency's part, status, overdue, reference); one page of 100 at a time, "Load more" for the next.
 */
export default function MySituations() {
  const { t } = useTranslation();
  usePageTitle(t('nav.situations'));
  const session = useSession();
  const agencyId = session.user?.agencyId;
  const nextMeeting = useNextMeeting(session.tableId);
  const agencies = useTableAgencies(session.tableId);
  const taxonomy = useTaxonomy();
  const [role, setRole] = useState<Part>('ANY');
  const [status, setStatus] = useState<'' | (typeof STATUSES)[number]>('');
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState('');
  // the search is sent once the user pauses typing
  const [reference, setReference] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setReference(referenceQuery(search)), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const situations = useSituationPages(session.tableId, {
    involvement: role,
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(reference ? { reference } : {}),
  });
  const shown = (situations.data?.pages ?? []).flatMap((p) => p.items);
  const next = nextMeeting.data;
  const agencyName = (id: string | null | undefined) => agencies.data?.find((a) => a.agencyId === id)?.name ?? '';

  return (
    <>
      <h1>{t('nav.situations')}</h1>
      <p className="ontario-lead-statement" data-testid="next-meeting">
        {next ? t('situations.nextMeeting', { when: formatDateTime(next.scheduledFor) }) : t('situations.noNextMeeting')}
      </p>
      <p>
        <Link className="st-button st-button--primary" to="/referrals/new">
          {t('nav.newReferral')}
        </Link>
      </p>
      <form className="st-filters" role="search" aria-label={t('situations.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="f-search">
            {t('situations.search')}
          </label>
          <input className="ontario-input ontario-input--20-char-width" id="f-search" type="search" maxLength={40} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="f-role">
            {t('situations.role')}
          </label>
          <select className="ontario-input st-select" id="f-role" value={role} onChange={(e) => setRole(e.target.value as Part)}>
            <option value="ANY">{t('situations.anyRole')}</option>
            {PARTS.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="f-status">
            {t('situations.status')}
          </label>
          <select className="ontario-input st-select" id="f-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('situations.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <div className="st-check st-filters__check">
            <input type="checkbox" id="f-overdue" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
            <label htmlFor="f-overdue">{t('situations.overdueOnly')}</label>
          </div>
        </div>
      </form>
      <ErrorSummary error={situations.error} />
      {situations.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <p role="status" data-testid="situation-count">
            {t(situations.hasNextPage ? 'situations.countMore' : 'situations.count', { count: shown.length, n: formatNumber(shown.length) })}
          </p>
          {shown.length > 0 && (
            <div className="st-table-wrap">
              <table className="st-table" data-testid="situations-table">
                <caption className="st-visually-hidden">{t('nav.situations')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('situations.reference')}</th>
                    <th scope="col">{t('situations.type')}</th>
                    <th scope="col">{t('situations.role')}</th>
                    <th scope="col">{t('situations.status')}</th>
                    <th scope="col">{t('situations.lead')}</th>
                    <th scope="col">{t('situations.clock')}</th>
                    <th scope="col">{t('situations.submitted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        <Link to={`/situations/${s.id}`}>{s.reference}</Link>
                      </th>
                      <td>{labelOf(taxonomy.data?.situationTypes, s.situationType)}</td>
                      <td>
                        {involvementOf(s, agencyId)
                          .map((r) => t(`involvement.${r}`))
                          .join(', ')}
                      </td>
                      <td>
                        <span className={`st-status st-status--${s.status.toLowerCase()}`}>{t(`status.${s.status}`)}</span>
                        {s.deferredOverdue && <span className="st-status st-status--overdue">{t('deferral.overdueShort')}</span>}
                        <DormantBadge situation={s} />
                      </td>
                      <td>{agencyName(s.leadAgencyId)}</td>
                      <td>
                        <Clock situation={s} />
                      </td>
                      <td>{formatDateTime(s.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {situations.hasNextPage && (
            <button
              type="button"
              className="st-button st-button--secondary"
              data-testid="load-more"
              onClick={() => void situations.fetchNextPage()}
              disabled={situations.isFetchingNextPage}
            >
              {t('situations.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}

export function Clock({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const c = clockOf(situation);
  if (!c) return <span className="st-muted">{t('clock.none')}</span>;
  if (c.state === 'met') return <span>{t('clock.met', { hours: c.hours })}</span>;
  if (c.state === 'missed') return <span className="st-clock--late">{t('clock.missed', { hours: c.hours })}</span>;
  return c.hours >= 0 ? <span>{t('clock.left', { hours: c.hours })}</span> : <strong className="st-clock--late">{t('clock.overdue', { hours: -c.hours })}</strong>;
}
