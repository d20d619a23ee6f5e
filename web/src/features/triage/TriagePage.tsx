import { DormantBadge, RetentionNotices } from '../coordination/RetentionNotices';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { live } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { StaleNotice } from '../../components/StaleNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../i18n';
import { useLabels } from '../coordination/reference';
import { SituationSummary } from '../coordination/SituationSummary';
import { ThresholdAdvice } from '../coordination/ThresholdAdvice';
import { DuplicateLinks } from '../coordination/DuplicateLinks';
import { MarkDuplicate } from '../coordination/MarkDuplicate';
import '../coordination/coordination.css';

type Situation = Schemas['SituationView'];

/** A table's situations of one status, page by page, oldest first. */
function useByStatus(tableId: string | null, status: 'SUBMITTED' | 'DEFERRED') {
  const query = useInfiniteQuery({
    queryKey: ['situations', tableId, status],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/tables/{tableId}/situations', {
          params: { path: { tableId: tableId! }, query: { status, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!tableId,
    ...live,
  });
  const items = (query.data?.pages ?? []).flatMap((p) => p.items);
  return { query, items: [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
}

/**
 * Incoming referrals (SUBMITTED), oldest first, each with the threshold advice explained criterion
 * by criterion; then the deferred ones, waiting for their agency's answer, with their age and the
 * overdue flag (past the table's deferral limit). Read again every few seconds while the tab is
 * visible (`live`): a referral sent or decided elsewhere appears or leaves without a reload.
 */
export default function TriagePage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  const label = useLabels();
  usePageTitle(t('triage.title'));
  const { query, items: sorted } = useByStatus(tableId, 'SUBMITTED');
  const deferred = useByStatus(tableId, 'DEFERRED');
  // a referral marked as a duplicate leaves these lists: what was done is said above them
  const [marked, setMarked] = useState<Situation | null>(null);

  return (
    <>
      <h1>{t('triage.title')}</h1>
      <p className="st-lead">{t('triage.intro')}</p>
      {marked && (
        <p className="st-alert st-alert--success" role="status" data-testid="triage-duplicate-done">
          {t('duplicate.done', { reference: marked.reference, original: marked.duplicateOfReference ?? '' })}
        </p>
      )}
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
            {s.deferral && <span className="st-status st-status--resubmitted">{t('triage.resubmitted')}</span>} <DormantBadge situation={s} />
          </h2>
          {s.deferral?.informationNeeded && (
            <p data-testid="triage-asked">
              {t('triage.asked')} <q>{s.deferral.informationNeeded}</q>
            </p>
          )}
          <DuplicateLinks situation={s} />
          <RetentionNotices situation={s} />
          <div className="st-card__columns">
            <SituationSummary situation={s} tableId={tableId} level={3} />
            {s.threshold && <ThresholdAdvice threshold={s.threshold} id={`adv-${s.id}`} headingLevel={3} />}
          </div>
          <MarkDuplicate situation={s} headingLevel={3} onDone={setMarked} />
        </section>
      ))}
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('triage.more')}
        </button>
      )}
      <h2 id="deferred-title">{t('triage.deferredTitle')}</h2>
      <p className="st-hint">{t('triage.deferredIntro')}</p>
      <ErrorSummary error={deferred.query.data ? null : deferred.query.error} />
      <StaleNotice error={deferred.query.data && deferred.query.error} />
      {deferred.query.isSuccess && (
        <p role="status" data-testid="deferred-count">
          {t('triage.deferredCount', { count: deferred.items.length, n: formatNumber(deferred.items.length) })}
        </p>
      )}
      {deferred.items.length > 0 && (
        <ul className="st-deferred-list" aria-labelledby="deferred-title">
          {deferred.items.map((s) => (
            <DeferredItem key={s.id} situation={s} onMarked={setMarked} />
          ))}
        </ul>
      )}
      {deferred.query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void deferred.query.fetchNextPage()} disabled={deferred.query.isFetchingNextPage}>
          {t('triage.more')}
        </button>
      )}
    </>
  );
}

function DeferredItem({ situation: s, onMarked }: { situation: Situation; onMarked: (marked: Situation) => void }) {
  const { t } = useTranslation();
  const label = useLabels();
  const days = s.deferral?.ageDays ?? 0;
  return (
    <li className="st-card" data-testid="deferred-item" data-reference={s.reference} data-overdue={s.deferredOverdue ? 'true' : 'false'}>
      <p className="st-card__title">
        <strong>{s.reference}</strong> <span className="st-card__subtitle">— {label('situationTypes', s.situationType)}</span>{' '}
        {s.deferredOverdue && <span className="st-status st-status--overdue">{t('triage.overdue', { limit: s.deferral?.limitDays ?? 0 })}</span>} <DormantBadge situation={s} />
      </p>
      <p>{t('triage.deferredAge', { count: days, n: formatNumber(days) })}</p>
      {s.deferral?.informationNeeded && (
        <p>
          {t('triage.asked')} <q>{s.deferral.informationNeeded}</q>
        </p>
      )}
      <DuplicateLinks situation={s} />
      <MarkDuplicate situation={s} headingLevel={3} onDone={onMarked} />
    </li>
  );
}
