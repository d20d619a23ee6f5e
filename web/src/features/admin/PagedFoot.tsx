import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { formatNumber } from '../../i18n';

/** The count and the "Load more" button under an administrator's list. */
export function PagedFoot({ list, testId }: { list: { items: unknown[]; hasMore: boolean; loadingMore: boolean; loadMore: () => void }; testId: string }) {
  const { t } = useTranslation();
  const n = formatNumber(list.items.length);
  return (
    <LoadMore
      status={list.loadingMore ? t('app.loading') : list.hasMore ? t('admin.paging.shownMore', { n }) : t('admin.paging.shownAll', { n })}
      label={t('admin.paging.more')}
      hasMore={list.hasMore}
      loading={list.loadingMore}
      onMore={list.loadMore}
      testId={testId}
    />
  );
}
