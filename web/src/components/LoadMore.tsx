/**
 * The foot of a list that loads page after page: how many are shown (announced politely) and a
 * "Load more" button while the server has more.
 */
export function LoadMore({
  status,
  label,
  hasMore,
  loading,
  onMore,
  testId,
}: {
  status: string;
  label: string;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  testId?: string;
}) {
  return (
    <div className="st-pager">
      <p role="status" data-testid={testId ? `${testId}-count` : undefined}>
        {status}
      </p>
      {hasMore && (
        <button type="button" className="st-button st-button--secondary" disabled={loading} onClick={onMore} data-testid={testId ? `${testId}-more` : undefined}>
          {label}
        </button>
      )}
    </div>
  );
}
