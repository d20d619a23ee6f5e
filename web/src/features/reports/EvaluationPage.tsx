import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatNumber } from '../../i18n';
import '../coordination/coordination.css';
import { AnnualReportDownloads } from './AnnualReportDownloads';
import { BarChart } from './BarChart';
import { EquityFigures, usePercent } from './EquityFigures';
import { FiguresTable } from './FiguresTable';
import { describePeriod, PeriodPicker } from './PeriodPicker';

type Indicators = Schemas['IndicatorsView'];
type RegionIndicators = Schemas['RegionIndicatorsView'];
type Trend = Schemas['TrendView'];
type Statistic = Schemas['StatisticView'];

/** The breakdowns shown as charts, each with its data table, in this order. */
const BREAKDOWNS = [
  'conclusionGroups',
  'leadSectors',
  'originatingSectors',
  'situationTypes',
  'ageBands',
  'riskCategories',
  'riskCategoryPairs',
  'services',
  'conclusions',
  'leadDeclineReasons',
  'leadDeclineSectors',
  'systemGaps',
  'systemGapsByContext',
  'systemGapsByService',
  'actionsNotDone',
] as const;

/**
 * The evaluation indicators of a fixed period (docs/evaluation.md) and their trend over the last
 * eight quarters, as figures, charts with their data tables and the method: what a community
 * safety and well-being plan reports. Aggregates only, every figure as the API publishes it.
 */
export default function EvaluationPage({ scope = 'table' }: { scope?: 'table' | 'region' }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const tableId = scope === 'table' ? session.tableId : null;
  // a regional analyst's region (docs/evaluation.md, section 7): the first the user holds, or the one
  // chosen; its figures are read at once, its name once the regions' names have come
  const [chosenRegion, setChosenRegion] = useState<string | null>(null);
  const regionId = scope === 'region' ? (chosenRegion ?? session.user?.regionIds[0] ?? null) : null;
  const region = session.regions.find((r) => r.id === regionId) ?? null;
  usePageTitle(region ? t('evaluation.regionTitle', { region: region.name }) : t('evaluation.title'));
  const [period, setPeriod] = useState(() => String(new Date().getFullYear()));
  const indicators = useQuery<Indicators | RegionIndicators>({
    queryKey: ['indicators', scope, tableId ?? regionId, period, i18n.language],
    queryFn: () =>
      regionId
        ? unwrap(api.GET('/api/v1/regions/{regionId}/reports/indicators', { params: { path: { regionId }, query: { period } } }))
        : unwrap(api.GET('/api/v1/tables/{tableId}/reports/indicators', { params: { path: { tableId: tableId! }, query: { period } } })),
    enabled: !!(tableId ?? regionId),
    retry: false,
  });
  const trend = useQuery<Trend>({
    queryKey: ['trend', scope, tableId ?? regionId, i18n.language],
    queryFn: () =>
      regionId
        ? unwrap(api.GET('/api/v1/regions/{regionId}/reports/trend', { params: { path: { regionId } } }))
        : unwrap(api.GET('/api/v1/tables/{tableId}/reports/trend', { params: { path: { tableId: tableId! } } })),
    enabled: !!(tableId ?? regionId),
    retry: false,
  });
  const v = indicators.data;
  return (
    <>
      <h1>{region ? t('evaluation.regionTitle', { region: region.name }) : t('evaluation.title')}</h1>
      <p className="st-lead">{region ? t('evaluation.regionIntro') : t('evaluation.intro')}</p>
      {scope === 'region' && session.regions.length > 1 && (
        <LabelledSelect
          id="region-choice"
          label={t('evaluation.region')}
          value={regionId ?? ''}
          onChange={setChosenRegion}
          options={session.regions.map((r) => ({ value: r.id, label: r.name }))}
        />
      )}
      <PeriodPicker onChoose={setPeriod} submitLabel={t('evaluation.show')} />
      <ErrorSummary error={indicators.error} fieldLabels={{ period: t('reports.period') }} fieldIds={{ period: 'period-kind' }} />
      {/* one live region: "loading", then the period shown, read out when the figures arrive */}
      <p role="status" className={indicators.isPending ? undefined : 'st-visually-hidden'} data-testid="indicators-status">
        {indicators.isPending ? t('app.loading') : v ? t('evaluation.of', { period: describePeriod(v.period, v.periodKind, t) }) : ''}
      </p>
      {v && (
        <section data-testid="indicators" data-period={v.period} aria-labelledby="indicators-title">
          <h2 id="indicators-title">{t('evaluation.of', { period: describePeriod(v.period, v.periodKind, t) })}</h2>
          <p className="st-hint">
            {t('reports.window', { from: formatDate(v.from, v.timeZone), to: formatDate(new Date(new Date(v.to).getTime() - 1).toISOString(), v.timeZone), tz: v.timeZone })}{' '}
            {t('evaluation.asOf', { date: formatDate(v.asOf, v.timeZone) })}
          </p>
          {'published' in v && !v.published && (
            <p className="st-alert" data-testid="region-not-published">
              {t('evaluation.regionNotPublished')}
            </p>
          )}
          {tableId && v.periodKind === 'YEAR' && session.hasRole('COORDINATOR', 'ANALYST') && (
            <AnnualReportDownloads target={{ kind: 'table', tableId }} year={v.period} timeZone={v.timeZone} canCorrect={session.hasRole('COORDINATOR')} />
          )}
          {regionId && v.periodKind === 'YEAR' && 'published' in v && v.published && (
            <AnnualReportDownloads target={{ kind: 'region', regionId }} year={v.period} timeZone={v.timeZone} canCorrect />
          )}
          <HeadlineTable v={v} />
          {'memberTables' in v && v.memberTables.length > 0 && <MemberTables v={v} />}
          <div className="st-charts">
            {BREAKDOWNS.map((key) => (
              <BarChart
                key={key}
                id={key}
                title={t(`evaluation.by.${key}`)}
                cells={v[key].suppressed ? [] : v[key].cells}
                note={v[key].suppressed ? t('evaluation.breakdownWithheld') : v[key].cells.length === 0 ? t('evaluation.noPublishedCells') : undefined}
              />
            ))}
          </div>
        </section>
      )}
      {v && v.periodKind !== 'MONTH' && (tableId || regionId) && (
        <EquityFigures target={regionId ? { kind: 'region', regionId } : { kind: 'table', tableId: tableId! }} period={v.period} />
      )}
      <ErrorSummary error={trend.error} />
      {trend.isPending && <p role="status">{t('app.loading')}</p>}
      {trend.data && <TrendSection trend={trend.data} />}
      <section className="st-panel" aria-labelledby="method-title" data-testid="method">
        <h2 id="method-title">{t('evaluation.method.title')}</h2>
        <p>{t('evaluation.method.counts')}</p>
        <p>{t('evaluation.method.together')}</p>
        <p>{t('evaluation.method.rates')}</p>
        <p>{t('evaluation.method.repeats')}</p>
      </section>
    </>
  );
}

function useHours(): (s: Statistic, which: 'median' | 'p90') => string {
  const { t } = useTranslation();
  return (s, which) => {
    const h = s.value?.[which];
    return h === null || h === undefined ? t('reports.withheldShort') : t('reports.unit.hours', { n: formatNumber(h) });
  };
}

function HeadlineTable({ v }: { v: Indicators }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const hours = useHours();
  const base = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(n));
  const rows: { key: string; value: string; n: number | null | undefined }[] = [
    { key: 'referrals', value: v.referrals.population === null ? t('reports.withheldShort') : formatNumber(v.referrals.population), n: null },
    { key: 'acceptance', value: pct(v.acceptanceRate), n: v.acceptanceRate.n },
    { key: 'toDecision', value: hours(v.hoursReferralToDecision, 'median'), n: v.hoursReferralToDecision.n },
    { key: 'toDecisionP90', value: hours(v.hoursReferralToDecision, 'p90'), n: v.hoursReferralToDecision.n },
    { key: 'toAssignment', value: hours(v.hoursDecisionToAssignment, 'median'), n: v.hoursDecisionToAssignment.n },
    { key: 'toMobilization', value: hours(v.hoursAssignmentToMobilization, 'median'), n: v.hoursAssignmentToMobilization.n },
    { key: 'within48', value: pct(v.mobilizedWithin48HoursOfDecision), n: v.mobilizedWithin48HoursOfDecision.n },
    { key: 'within48Assignment', value: pct(v.mobilizedWithin48HoursOfAssignment), n: v.mobilizedWithin48HoursOfAssignment.n },
    { key: 'riskLowered', value: pct(v.riskLoweredShare), n: v.riskLoweredShare.n },
    { key: 'policeLead', value: pct(v.policeLeadShare), n: v.policeLeadShare.n },
    { key: 'policeInvolved', value: pct(v.policeInvolvementShare), n: v.policeInvolvementShare.n },
    { key: 'policeOrigin', value: pct(v.policeOriginShare), n: v.policeOriginShare.n },
    { key: 'minors', value: pct(v.minorsShare), n: v.minorsShare.n },
    { key: 'withService', value: pct(v.withServiceShare), n: v.withServiceShare.n },
    { key: 'declineRate', value: pct(v.leadDeclineRate), n: v.leadDeclineRate.n },
    { key: 'withBarrier', value: pct(v.withBarrierShare), n: v.withBarrierShare.n },
    { key: 'repeat', value: pct(v.repeatReferralShare), n: v.repeatReferralShare.n },
  ];
  return (
    <table className="st-table st-key-figures" data-testid="headline">
      <caption className="st-chart__caption">{t('evaluation.headline')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evaluation.indicator')}</th>
          <th scope="col" className="st-num">
            {t('evaluation.value')}
          </th>
          <th scope="col" className="st-num">
            {t('evaluation.basedOn')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-indicator={r.key}>
            <th scope="row">{t(`evaluation.rows.${r.key}`)}</th>
            <td className="st-num">{r.value}</td>
            <td className="st-num">{base(r.n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A region's member tables, each with its key figures: the same figures the table's own screen shows. */
function MemberTables({ v }: { v: RegionIndicators }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const columns: { key: string; cell(m: RegionIndicators['memberTables'][number]): string }[] = [
    { key: 'referrals', cell: (m) => (m.referrals.population === null ? t('reports.withheldShort') : formatNumber(m.referrals.population)) },
    { key: 'acceptance', cell: (m) => pct(m.acceptanceRate) },
    { key: 'within48', cell: (m) => pct(m.mobilizedWithin48HoursOfDecision) },
    { key: 'riskLowered', cell: (m) => pct(m.riskLoweredShare) },
    { key: 'policeLead', cell: (m) => pct(m.policeLeadShare) },
    { key: 'policeOrigin', cell: (m) => pct(m.policeOriginShare) },
    { key: 'minors', cell: (m) => pct(m.minorsShare) },
  ];
  return (
    <FiguresTable
      id="member-tables"
      caption={t('evaluation.memberTables')}
      rowHeader={t('evaluation.table')}
      columns={columns.map((c) => ({ ...c, header: t(`evaluation.rows.${c.key}`) }))}
      rows={v.memberTables.map((m) => ({ key: m.tableId, label: m.name, attrs: { 'data-table': m.tableId }, value: m }))}
    />
  );
}

/** The last eight quarters: referrals as a chart with its data, and the headline shares quarter by quarter. */
function TrendSection({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const hours = useHours();
  const quarterLabel = (code: string) => t('evaluation.quarterShort', { year: code.slice(0, 4), n: code.slice(6) });
  const columns: { key: string; cell(q: Trend['quarters'][number]): string }[] = [
    { key: 'referrals', cell: (q) => (q.referrals === null ? t('reports.withheldShort') : formatNumber(q.referrals)) },
    { key: 'acceptance', cell: (q) => pct(q.acceptanceRate) },
    { key: 'toDecision', cell: (q) => hours(q.hoursReferralToDecision, 'median') },
    { key: 'within48', cell: (q) => pct(q.mobilizedWithin48HoursOfDecision) },
    { key: 'riskLowered', cell: (q) => pct(q.riskLoweredShare) },
    { key: 'policeLead', cell: (q) => pct(q.policeLeadShare) },
    { key: 'policeInvolved', cell: (q) => pct(q.policeInvolvementShare) },
    { key: 'minors', cell: (q) => pct(q.minorsShare) },
    { key: 'withBarrier', cell: (q) => pct(q.withBarrierShare) },
    { key: 'repeat', cell: (q) => pct(q.repeatReferralShare) },
  ];
  return (
    <section data-testid="trend" data-through={trend.through} aria-labelledby="trend-title">
      <h2 id="trend-title">{t('evaluation.trend.title', { quarter: quarterLabel(trend.through) })}</h2>
      <BarChart
        id="trend-referrals"
        title={t('evaluation.trend.referrals')}
        cells={trend.quarters.map((q) => ({ code: q.period, label: quarterLabel(q.period), count: q.referrals, suppressed: q.referrals === null }))}
      />
      <FiguresTable
        id="trend-table"
        caption={t('evaluation.trend.table')}
        rowHeader={t('reports.quarter')}
        columns={columns.map((c) => ({ ...c, header: t(`evaluation.rows.${c.key}`) }))}
        rows={trend.quarters.map((q) => ({ key: q.period, label: quarterLabel(q.period), attrs: { 'data-quarter': q.period }, value: q }))}
      />
    </section>
  );
}
