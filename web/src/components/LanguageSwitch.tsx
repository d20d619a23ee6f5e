import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** Switches to the other language; its label is in that language (lang attribute set). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="st-button st-button--tertiary st-lang" lang={other} onClick={() => setLanguage(other)} data-testid="language-switch">
      {t('app.otherLanguage')}
    </button>
  );
}
