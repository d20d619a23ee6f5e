import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './en.json';
import fr from './fr.json';

export type Lang = 'en' | 'fr';
const KEY = 'st.lang'; // the language choice only: no identity, no token

function initialLanguage(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    // storage disabled
  }
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function apply(lang: string): void {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
apply(i18n.language);
i18n.on('languageChanged', apply);

export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  void i18n.changeLanguage(lang);
}

/** Intl locale of the current language (Canadian English / French). */
export function locale(): string {
  return i18n.language === 'fr' ? 'fr-CA' : 'en-CA';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A date in the current language; in `timeZone` when given (a table's periods are in the table's own zone). */
export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

export default i18n;
