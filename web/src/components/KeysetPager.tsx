import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';

/**
 * Previous and next over keyset pages (a stack of cursors, newest first): the audit trail, the
 * sign-in history, a region's trail. `busy` while a page loads, so a click cannot skip one.
 */
export function KeysetPager({
  label,
  cursors,
  nextCursor,
  busy,
  onChange,
  testIdPrefix,
}: {
  label: string;
  cursors: readonly string[];
  nextCursor: string | null | undefined;
  busy: boolean;
  onChange: (cursors: string[]) => void;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={label} className="st-pager">
      <button
        type="button"
        className="st-button st-button--secondary"
        disabled={cursors.length === 0 || busy}
        onClick={() => onChange(cursors.slice(0, -1))}
        data-testid={`${testIdPrefix}-previous`}
      >
        {t('audit.explorer.previous')}
      </button>
      <span>{t('audit.explorer.pageN', { page: formatNumber(cursors.length + 1) })}</span>
      <button
        type="button"
        className="st-button st-button--secondary"
        disabled={!nextCursor || busy}
        onClick={() => onChange([...cursors, nextCursor!])}
        data-testid={`${testIdPrefix}-next`}
      >
        {t('audit.explorer.next')}
      </button>
    </nav>
  );
}
