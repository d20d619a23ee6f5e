import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { labelOf, useTaxonomy } from '../../api/queries';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n';

/**
 * My identity reads (`GET /auth/me/identity-reads`): every time I asked for an identity at my
 * tables, newest first, from the audit trail: when, which situation (its reference), why, and
 * whether it was refused. Never the identity itself.
 */
export default function MyIdentityReads() {
  const { t } = useTranslation();
  usePageTitle(t('myReads.title'));
  const taxonomy = useTaxonomy();
  const query = useInfiniteQuery({
    queryKey: ['my-identity-reads'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/auth/me/identity-reads', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const reads = (query.data?.pages ?? []).flatMap((p) => p.items);

  return (
    <>
      <h1>{t('myReads.title')}</h1>
      <p className="st-lead">{t('myReads.intro')}</p>
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      {query.isSuccess && reads.length === 0 && (
        <p role="status" data-testid="my-reads-empty">
          {t('myReads.none')}
        </p>
      )}
      {reads.length > 0 && (
        <div className="st-table-wrap">
          <table className="st-table" data-testid="my-reads">
            <caption className="st-visually-hidden">{t('myReads.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('myReads.when')}</th>
                <th scope="col">{t('myReads.situation')}</th>
                <th scope="col">{t('myReads.purpose')}</th>
                <th scope="col">{t('myReads.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {reads.map((r, i) => (
                <tr key={`${r.at}-${i}`} data-reference={r.reference ?? ''}>
                  <td>
                    <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                  </td>
                  <td>{r.situationId && r.reference ? <Link to={`/situations/${r.situationId}`}>{r.reference}</Link> : <span className="st-muted">—</span>}</td>
                  <td>
                    {r.purposeCode ? labelOf(taxonomy.data?.accessPurposes, r.purposeCode) : <span className="st-muted">—</span>}
                    {r.purposeNote && <span className="st-muted"> — {r.purposeNote}</span>}
                  </td>
                  <td>{r.outcome === 'SUCCESS' ? t('myReads.shown') : <strong>{t('myReads.refused')}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t('myReads.more')}
        </button>
      )}
    </>
  );
}
