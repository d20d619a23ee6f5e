import { useTranslation } from 'react-i18next';
import { LabelledInput } from './LabelledInput';

/**
 * The "from / to" dates of a filter, in their fieldset (the audit explorer, the sign-in history,
 * the anomaly list): inputs `${idPrefix}-from` and `${idPrefix}-to`.
 */
export function PeriodFields({ idPrefix, from, to, onFrom, onTo }: { idPrefix: string; from: string; to: string; onFrom: (v: string) => void; onTo: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ontario-fieldset st-period">
      <legend className="ontario-fieldset__legend">{t('audit.filter.period')}</legend>
      <LabelledInput id={`${idPrefix}-from`} label={t('audit.filter.from')} type="date" value={from} onChange={onFrom} />
      <LabelledInput id={`${idPrefix}-to`} label={t('audit.filter.to')} type="date" value={to} onChange={onTo} />
    </fieldset>
  );
}
