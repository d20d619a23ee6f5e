import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { formatNumber } from '../../i18n';

interface PagedList<T> {
  items: T[];
  error: unknown;
  isLoading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * An administrator's list loaded page after page: its error, a DataTable of the rows so far, how
 * many are shown and "Load more" while the server has more (`${listId}-count`, `${listId}-more`).
 */
export function PagedTable<T>({ list, listId, ...table }: { list: PagedList<T>; listId: string } & Omit<ComponentProps<typeof DataTable<T>>, 'rows'>) {
  const { t } = useTranslation();
  if (list.isLoading) return <p role="status">{t('app.loading')}</p>;
  const n = formatNumber(list.items.length);
  return (
    <>
      <ErrorSummary error={list.error} />
      <DataTable<T> {...table} rows={list.items} />
      <LoadMore
        status={list.loadingMore ? t('app.loading') : list.hasMore ? t('admin.paging.shownMore', { n }) : t('admin.paging.shownAll', { n })}
        label={t('admin.paging.more')}
        hasMore={list.hasMore}
        loading={list.loadingMore}
        onMore={list.loadMore}
        testId={listId}
      />
    </>
  );
}
