import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { ErrorSummary } from '../../components/ErrorMessage';

/**
 * ErrorSummary, except for a 409: in these forms a conflict means "already exists" or "not
 * allowed in the current state" (not "someone else changed it first"), said in the form's own words.
 */
export function AdminError({
  error,
  conflictKey = 'admin.conflict',
  fieldLabels,
  fieldIds,
}: {
  error: unknown;
  conflictKey?: string;
  fieldLabels?: Record<string, string>;
  fieldIds?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const conflict = error instanceof ApiError && error.status === 409;
  useEffect(() => {
    if (conflict) ref.current?.focus();
  }, [conflict, error]);
  if (!conflict) return <ErrorSummary error={error} fieldLabels={fieldLabels} fieldIds={fieldIds} />;
  return (
    <div className="st-alert st-alert--error" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary" data-status={409}>
      <h2 className="st-alert__title">{t(conflictKey)}</h2>
    </div>
  );
}
