import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { locale } from '../../i18n';

export type Kind = 'YEAR' | 'QUARTER' | 'MONTH';

/** The period code the API takes: `2026`, `2026-Q3` or `2026-07` (fixed periods only). */
export function periodCode(kind: Kind, year: number, quarter: number, month: number): string {
  if (kind === 'QUARTER') return `${year}-Q${quarter}`;
  if (kind === 'MONTH') return `${year}-${String(month).padStart(2, '0')}`;
  return String(year);
}

/** A month's name in the interface's language. */
export const monthName = (m: number): string => new Intl.DateTimeFormat(locale(), { month: 'long' }).format(new Date(2026, m - 1, 15));

/** A period code in words: `2026`, `quarter 3 of 2026`, `July 2026`. */
export function describePeriod(period: string, kind: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const [y, part] = period.split('-');
  if (kind === 'QUARTER') return t('reports.periodQuarter', { year: y, n: part.slice(1) });
  if (kind === 'MONTH') return t('reports.periodMonth', { year: y, month: monthName(Number(part)) });
  return t('reports.periodYear', { year: y });
}

/**
 * The choice of a fixed period (a year, a quarter or a month of the last six years), as the
 * reports take it: no free dates, so that two windows cannot be subtracted.
 */
export function PeriodPicker({ onChoose, submitLabel, initialKind = 'YEAR' }: { onChoose(period: string): void; submitLabel: string; initialKind?: Kind }) {
  const { t } = useTranslation();
  const now = new Date();
  const [kind, setKind] = useState<Kind>(initialKind);
  const [year, setYear] = useState(now.getFullYear());
  const [quarter, setQuarter] = useState(Math.floor(now.getMonth() / 3) + 1);
  const [month, setMonth] = useState(now.getMonth() + 1);
  const years = Array.from({ length: 6 }, (_, i) => now.getFullYear() - i);
  function submit(e: FormEvent) {
    e.preventDefault();
    onChoose(periodCode(kind, year, quarter, month));
  }
  return (
    <form onSubmit={submit} className="st-panel st-period" data-testid="period-form" aria-labelledby="period-title">
      <h2 id="period-title">{t('reports.period')}</h2>
      <div className="st-inline-fields">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="period-kind">
            {t('reports.kindLabel')}
          </label>
          <select className="ontario-input ontario-dropdown st-input--auto" id="period-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="YEAR">{t('reports.kind.YEAR')}</option>
            <option value="QUARTER">{t('reports.kind.QUARTER')}</option>
            <option value="MONTH">{t('reports.kind.MONTH')}</option>
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="period-year">
            {t('reports.year')}
          </label>
          <select className="ontario-input ontario-dropdown st-input--auto" id="period-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {kind === 'QUARTER' && (
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="period-quarter">
              {t('reports.quarter')}
            </label>
            <select className="ontario-input ontario-dropdown st-input--auto" id="period-quarter" value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  {t('reports.quarterN', { n: q })}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'MONTH' && (
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="period-month">
              {t('reports.month')}
            </label>
            <select className="ontario-input ontario-dropdown st-input--auto" id="period-month" value={month} onChange={(e) => setMonth(Number(e.target.value))}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="submit" className="st-button st-button--primary" data-testid="show-report">
        {submitLabel}
      </button>
    </form>
  );
}
