import { useTranslation } from 'react-i18next';

/**
 * Said quietly when a screen that reads its data again (polling) failed to: what is shown stays,
 * and may be out of date. A polite live region, never an alert: the user may be typing.
 */
export function StaleNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <p className={error ? 'st-hint' : undefined} role="status" data-testid="stale-notice">
      {error ? t('live.stale') : null}
    </p>
  );
}
