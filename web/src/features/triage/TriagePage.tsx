import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { live } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { StaleNotice } from '../../components/StaleNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../i18n';
import { useLabels } from '../coordination/reference';
import { SituationSummary } from '../coordination/SituationSummary';
import { ThresholdAdvice } from '../coordination/ThresholdAdvice';
import '../coordination/coordination.css';

/**
 * Incoming referrals (SUBMITTED), oldest first, each with the threshold advice explained criterion
 * by criterion. Read again every few seconds while the tab is visible (`live`): a referral sent or
 * decided elsewhere appears or leaves without a reload; the count is a polite live region.
 */
export default function TriagePage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  const label = useLabels();
  usePageTitle(t('triage.title'));
  const query = useInfiniteQuery({
    queryKey: ['situations', tableId, 'SUBMITTED'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/tables/{tableId}/situations', {
          params: { path: { tableId: tableId! }, query: { status: 'SUBMITTED', limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!tableId,
    ...live,
  });
  const items = (query.data?.pages ?? []).flatMap((p) => p.items);
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  return (
    <>
      <h1>{t('triage.title')}</h1>
      <p className="st-lead">{t('triage.intro')}</p>
      <ErrorSummary error={query.data ? null : query.error} />
      <StaleNotice error={query.data && query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {query.isSuccess && (
        <p role="status" data-testid="triage-count">
          {t('triage.count', { count: sorted.length, n: formatNumber(sorted.length) })} {sorted.length > 0 && <Link to="/meetings">{t('triage.toBoard')}</Link>}
        </p>
      )}
      {sorted.map((s) => (
        <section key={s.id} className="st-card" aria-labelledby={`ref-${s.id}`} data-testid="triage-item" data-reference={s.reference}>
          <h2 id={`ref-${s.id}`} className="st-card__title">
            {s.reference} <span className="st-card__subtitle">— {label('situationTypes', s.situationType)}</span>
          </h2>
          <div className="st-card__columns">
            <SituationSummary situation={s} tableId={tableId} level={3} />
            {s.threshold && <ThresholdAdvice threshold={s.threshold} id={`adv-${s.id}`} headingLevel={3} />}
          </div>
        </section>
      ))}
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('triage.more')}
        </button>
      )}
    </>
  );
}
