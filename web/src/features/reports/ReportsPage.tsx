import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatNumber, locale } from '../../i18n';
import '../coordination/coordination.css';
import { BarChart } from './BarChart';
import { describePeriod, PeriodPicker } from './PeriodPicker';

type Summary = Schemas['ReportSummaryView'];
const DIMENSIONS: { key: keyof Summary & `by${string}`; titleKey: string }[] = [
  { key: 'byStatus', titleKey: 'reports.by.status' },
  { key: 'bySituationType', titleKey: 'reports.by.situationType' },
  { key: 'byAgeBand', titleKey: 'reports.by.ageBand' },
  { key: 'byGender', titleKey: 'reports.by.gender' },
  { key: 'byOriginatingSector', titleKey: 'reports.by.originatingSector' },
  { key: 'byLeadSector', titleKey: 'reports.by.leadSector' },
  { key: 'byRiskCategory', titleKey: 'reports.by.riskCategory' },
  { key: 'byConclusion', titleKey: 'reports.by.conclusion' },
  { key: 'byConsentStatus', titleKey: 'reports.by.consentStatus' },
];

/**
 * The table's de-identified summary for a fixed period (a year, a quarter or a month, in the
 * table's time zone), as figures, charts with their data tables, and the RTD export (CSV) for
 * those allowed row-level data (coordinator, privacy officer; not the analyst).
 */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  usePageTitle(t('reports.title'));
  const [period, setPeriod] = useState(() => String(new Date().getFullYear()));
  const summary = useQuery({
    queryKey: ['report-summary', tableId, period, i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/reports/summary', { params: { path: { tableId: tableId! }, query: { period } } })),
    enabled: !!tableId,
    retry: false,
  });
  const s = summary.data;

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p className="st-lead">{t('reports.intro')}</p>
      <PeriodPicker onChoose={setPeriod} submitLabel={t('reports.show')} />

      <ErrorSummary error={summary.error} fieldLabels={{ period: t('reports.period') }} fieldIds={{ period: 'period-kind' }} />
      {summary.isPending && <p role="status">{t('app.loading')}</p>}
      {s && (
        <div data-testid="report" data-period={s.period}>
          <h2>{t('reports.summaryOf', { period: describePeriod(s.period, s.periodKind, t) })}</h2>
          <p className="st-hint">
            {t('reports.window', { from: formatDate(s.from, s.timeZone), to: formatDate(new Date(new Date(s.to).getTime() - 1).toISOString(), s.timeZone), tz: s.timeZone })}{' '}
            {t('reports.suppression', { n: formatNumber(s.minimumCell) })}
          </p>
          <KeyFigures summary={s} />
          {session.hasRole('COORDINATOR', 'PRIVACY_OFFICER') && <RtdExport tableId={tableId!} period={s.period} />}
          {s.total === null ? (
            <p className="st-alert st-alert--info" data-testid="report-withheld">
              {t('reports.allWithheld', { n: formatNumber(s.minimumCell) })}
            </p>
          ) : (
            <div className="st-charts">
              {DIMENSIONS.map((d) => (
                <BarChart key={d.key} id={d.key} title={t(d.titleKey)} cells={s[d.key] as Schemas['ReportCellView'][]} />
              ))}
            </div>
          )}
        </div>
      )}
    </>
  );
}

function KeyFigures({ summary: s }: { summary: Summary }) {
  const { t } = useTranslation();
  const pct = (v: number | null) => (v === null ? t('reports.withheld') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(v));
  const stat = (v: number | null | undefined, unit: 'hours' | 'days') =>
    v === null || v === undefined ? t('reports.withheld') : t(`reports.unit.${unit}`, { n: formatNumber(v) });
  const rows: [string, string][] = [
    [t('reports.figures.total'), s.total === null ? t('reports.withheld') : formatNumber(s.total)],
    [t('reports.figures.acceptance'), pct(s.acceptanceRate.value)],
    [t('reports.figures.riskLowered'), pct(s.riskLoweredShare.value)],
    [t('reports.figures.hoursMedian'), stat(s.hoursToMobilization.value?.median, 'hours')],
    [t('reports.figures.hoursP90'), stat(s.hoursToMobilization.value?.p90, 'hours')],
    [t('reports.figures.daysOpen'), stat(s.daysOpen.value?.median, 'days')],
  ];
  return (
    <table className="st-table st-key-figures" data-testid="key-figures">
      <caption className="st-chart__caption">{t('reports.figures.title')}</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="st-num">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The RTD export of the period, fetched with the session's token and handed to the browser as a file (never a URL with a token). */
function RtdExport({ tableId, period }: { tableId: string; period: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const {
        data,
        error: body,
        response,
      } = await api.GET('/api/v1/tables/{tableId}/reports/rtd-export.csv', { params: { path: { tableId }, query: { period } }, parseAs: 'blob' });
      if (!response.ok || !data) throw ApiError.from(response.status, body);
      const url = URL.createObjectURL(data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `rtd-export-${period}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err : ApiError.network(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="st-export">
      <ErrorSummary error={error} />
      <button type="button" className="st-button st-button--secondary" onClick={() => void download()} disabled={busy} data-testid="rtd-export">
        {t('reports.export')}
      </button>
      <p className="st-hint">{t('reports.exportHint')}</p>
    </div>
  );
}
