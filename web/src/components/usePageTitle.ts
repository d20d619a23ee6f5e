import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The document's title follows the screen (read first by screen readers on navigation). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}
