import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDate } from '../../i18n';
import { saveBlob } from '../audit/api';

type Format = 'pdf' | 'csv-en' | 'csv-fr';
type Busy = Format | 'version';

/** Whose annual report: a table's (its coordinators and analysts) or a region's (its regional analysts). */
export type AnnualTarget = { kind: 'table'; tableId: string } | { kind: 'region'; regionId: string };

/** The file of one format, fetched with the session's token (never a URL with a token). */
function fetchFile(target: AnnualTarget, year: string, format: Format) {
  const lang = format === 'csv-fr' ? 'fr' : 'en';
  if (target.kind === 'table') {
    const path = { tableId: target.tableId, year };
    return format === 'pdf'
      ? api.GET('/api/v1/tables/{tableId}/reports/annual/{year}.pdf', { params: { path }, parseAs: 'blob' })
      : api.GET('/api/v1/tables/{tableId}/reports/annual/{year}.csv', { params: { path, query: { lang } }, parseAs: 'blob' });
  }
  const path = { regionId: target.regionId, year };
  return format === 'pdf'
    ? api.GET('/api/v1/regions/{regionId}/reports/annual/{year}.pdf', { params: { path }, parseAs: 'blob' })
    : api.GET('/api/v1/regions/{regionId}/reports/annual/{year}.csv', { params: { path, query: { lang } }, parseAs: 'blob' });
}

/** Stores a corrected version: the figures as they stand now, the changed ones marked r. */
function storeVersion(target: AnnualTarget, year: string) {
  return target.kind === 'table'
    ? unwrap(api.POST('/api/v1/tables/{tableId}/reports/annual/{year}/versions', { params: { path: { tableId: target.tableId, year } } }))
    : unwrap(api.POST('/api/v1/regions/{regionId}/reports/annual/{year}/versions', { params: { path: { regionId: target.regionId, year } } }));
}

/**
 * The annual public report of a year (docs/evaluation.md, section 8), of a table or a region: the
 * bilingual PDF and a CSV per language, handed to the browser as files. The server refuses a year
 * not over with its lag (409): the message says from when. Who may correct the report (a table's
 * coordinator, a region's analyst) can store a new version from the figures as they stand now.
 */
export function AnnualReportDownloads({ target, year, timeZone, canCorrect }: { target: AnnualTarget; year: string; timeZone: string; canCorrect: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  /** when the year's report will be available, once the server said it is not yet */
  const [availableFrom, setAvailableFrom] = useState<string | null>(null);
  const [stored, setStored] = useState<string | null>(null);
  async function run(what: Busy, work: () => Promise<void>) {
    setBusy(what);
    setError(null);
    setAvailableFrom(null);
    setStored(null);
    try {
      await work();
    } catch (err) {
      const e = err instanceof ApiError ? err : ApiError.network(err);
      if (e.status === 409 && e.details?.reason === 'ANNUAL_REPORT_NOT_YET' && typeof e.details.availableFrom === 'string') setAvailableFrom(e.details.availableFrom);
      else setError(e);
    } finally {
      setBusy(null);
    }
  }
  const download = (format: Format) =>
    run(format, async () => {
      const { data, error: body, response } = await fetchFile(target, year, format);
      if (!response.ok || !data) throw ApiError.from(response.status, body);
      const fallback = format === 'pdf' ? `annual-report-${year}.pdf` : `annual-report-${year}.${format.slice(4)}.csv`;
      saveBlob(data as Blob, /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback);
    });
  const correct = () =>
    run('version', async () => {
      const version = await storeVersion(target, year);
      setStored(t('evaluation.annual.stored', { year, version: version.version }));
    });
  const button = (format: Format, label: string) => (
    <button type="button" className="st-button st-button--secondary" onClick={() => void download(format)} disabled={busy !== null} data-testid={`annual-${format}`}>
      {label}
    </button>
  );
  return (
    <section className="st-panel" aria-labelledby="annual-title" data-testid="annual-report" data-year={year}>
      <h2 id="annual-title">{t('evaluation.annual.title', { year })}</h2>
      <p>{t(target.kind === 'region' ? 'evaluation.annual.introRegion' : 'evaluation.annual.intro')}</p>
      <ErrorSummary error={error} />
      {availableFrom && (
        <p className="st-alert st-alert--info" role="alert" data-testid="annual-not-yet">
          {t('evaluation.annual.notYet', { year, date: formatDate(availableFrom, timeZone) })}
        </p>
      )}
      <div role="status">
        {stored && (
          <p className="st-alert st-alert--success" data-testid="annual-stored">
            {stored}
          </p>
        )}
      </div>
      <div className="st-actions">
        {button('pdf', t('evaluation.annual.pdf'))}
        {button('csv-en', t('evaluation.annual.csvEn'))}
        {button('csv-fr', t('evaluation.annual.csvFr'))}
      </div>
      <p className="st-hint">{t('evaluation.annual.hint')}</p>
      {canCorrect && (
        <div className="st-actions">
          <button type="button" className="st-button st-button--tertiary" onClick={() => void correct()} disabled={busy !== null} data-testid="annual-correct">
            {t('evaluation.annual.correct')}
          </button>
          <p className="st-hint">{t('evaluation.annual.correctHint')}</p>
        </div>
      )}
    </section>
  );
}
