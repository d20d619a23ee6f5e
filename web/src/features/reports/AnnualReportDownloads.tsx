import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDate } from '../../i18n';
import { saveBlob } from '../audit/api';

type Format = 'pdf' | 'csv-en' | 'csv-fr';

/**
 * The annual public report of a year (docs/evaluation.md, section 8): the bilingual PDF and a CSV
 * per language, fetched with the session's token and handed to the browser as files (never a URL
 * with a token). The server refuses a year not over with its lag (409): the error says from when.
 */
export function AnnualReportDownloads({ tableId, year, timeZone }: { tableId: string; year: string; timeZone: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  /** when the year's report will be available, once the server said it is not yet */
  const [availableFrom, setAvailableFrom] = useState<string | null>(null);
  async function download(format: Format) {
    setBusy(format);
    setError(null);
    setAvailableFrom(null);
    try {
      const path = { tableId, year };
      const {
        data,
        error: body,
        response,
      } = format === 'pdf'
        ? await api.GET('/api/v1/tables/{tableId}/reports/annual/{year}.pdf', { params: { path }, parseAs: 'blob' })
        : await api.GET('/api/v1/tables/{tableId}/reports/annual/{year}.csv', { params: { path, query: { lang: format === 'csv-fr' ? 'fr' : 'en' } }, parseAs: 'blob' });
      if (!response.ok || !data) throw ApiError.from(response.status, body);
      const fallback = format === 'pdf' ? `annual-report-${year}.pdf` : `annual-report-${year}.${format.slice(4)}.csv`;
      saveBlob(data as Blob, /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback);
    } catch (err) {
      const e = err instanceof ApiError ? err : ApiError.network(err);
      if (e.status === 409 && e.details?.reason === 'ANNUAL_REPORT_NOT_YET' && typeof e.details.availableFrom === 'string') setAvailableFrom(e.details.availableFrom);
      else setError(e);
    } finally {
      setBusy(null);
    }
  }
  const button = (format: Format, label: string) => (
    <button type="button" className="st-button st-button--secondary" onClick={() => void download(format)} disabled={busy !== null} data-testid={`annual-${format}`}>
      {label}
    </button>
  );
  return (
    <section className="st-panel" aria-labelledby="annual-title" data-testid="annual-report" data-year={year}>
      <h2 id="annual-title">{t('evaluation.annual.title', { year })}</h2>
      <p>{t('evaluation.annual.intro')}</p>
      <ErrorSummary error={error} />
      {availableFrom && (
        <p className="st-alert st-alert--info" role="alert" data-testid="annual-not-yet">
          {t('evaluation.annual.notYet', { year, date: formatDate(availableFrom, timeZone) })}
        </p>
      )}
      <div className="st-actions">
        {button('pdf', t('evaluation.annual.pdf'))}
        {button('csv-en', t('evaluation.annual.csvEn'))}
        {button('csv-fr', t('evaluation.annual.csvFr'))}
      </div>
      <p className="st-hint">{t('evaluation.annual.hint')}</p>
    </section>
  );
}
