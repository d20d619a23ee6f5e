import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle';

/** A screen not built yet: its title and a short note (replaced by the screen itself). */
export default function Placeholder({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  usePageTitle(t(titleKey));
  return (
    <>
      <h1>{t(titleKey)}</h1>
      <p>{t('app.comingSoon')}</p>
    </>
  );
}
