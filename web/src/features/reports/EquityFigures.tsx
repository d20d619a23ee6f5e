import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDate, formatNumber, locale } from '../../i18n';
import { FiguresTable } from './FiguresTable';
import { lastQuarterOf } from './quarters';

type Figures = Schemas['EquityFiguresView'];
type Question = Schemas['EquityQuestionFiguresView'];
type Rate = Schemas['RateView'];
type Cell = Schemas['ShareCellView'];
type Index = Schemas['DisproportionalityView'];
type Disparity = Schemas['DisparityView'];
type Member = Schemas['EquityMemberView'];
type Trend = Schemas['EquityTrendView'];
type TrendPoint = Schemas['EquityTrendPointView'];

/**
 * The equity figures of a year or a quarter (docs/evaluation.md I17, I18): who was asked the
 * voluntary questions and who answered, the answers per category and by stage, and the
 * disproportionality index against the benchmark in force. Frozen counts only: before the year's
 * last quarter is frozen, the date it will be. Every figure as the API publishes it.
 */
export function EquityFigures({ target, period }: { target: { kind: 'table'; tableId: string } | { kind: 'region'; regionId: string }; period: string }) {
  const { t, i18n } = useTranslation();
  const figures = useQuery<Figures>({
    queryKey: ['equity-figures', target, period, i18n.language],
    queryFn: () =>
      target.kind === 'region'
        ? unwrap(api.GET('/api/v1/regions/{regionId}/reports/equity', { params: { path: { regionId: target.regionId }, query: { period } } }))
        : unwrap(api.GET('/api/v1/tables/{tableId}/reports/equity', { params: { path: { tableId: target.tableId }, query: { period } } })),
    retry: false,
  });
  const v = figures.data;
  const pct = usePercent();
  const count = (n: number | null | undefined) => (n === null || n === undefined ? t('reports.withheldShort') : formatNumber(n));
  return (
    <section className="st-panel" aria-labelledby="equity-title" data-testid="equity-figures" data-frozen={v ? String(v.frozen) : undefined}>
      <h2 id="equity-title">{t('equityFigures.title')}</h2>
      <p className="st-hint">{t('equityFigures.intro')}</p>
      <ErrorSummary error={figures.error} />
      {figures.isPending && <p role="status">{t('app.loading')}</p>}
      {v && !v.published && <p className="st-alert">{t('evaluation.regionNotPublished')}</p>}
      {v && v.published && !v.frozen && (
        <p className="st-alert" data-testid="equity-not-frozen">
          {t('equityFigures.notFrozen', { year: v.period.slice(0, 4), date: formatDate(v.availableFrom, v.timeZone), days: v.freezeLagDays })}
        </p>
      )}
      {v && v.frozen && v.published && (
        <>
          <p data-testid="equity-asked">{t('equityFigures.asked', { population: count(v.population), share: pct(v.askedShare) })}</p>
          <FiguresTable
            id="equity-response"
            caption={t('equityFigures.response')}
            rowHeader={t('equityFigures.question')}
            columns={[
              { key: 'answered', header: t('equityFigures.answered'), cell: (q: Question) => pct(q.answeredShare) },
              { key: 'preferNot', header: t('equityFigures.preferNot'), cell: (q: Question) => pct(q.preferNotToAnswerShare) },
              { key: 'leftEmpty', header: t('equityFigures.leftEmpty'), cell: (q: Question) => pct(q.notAnsweredShare) },
            ]}
            rows={v.questions.map((q) => ({ key: q.code, label: q.label, attrs: { 'data-question': q.code }, value: q }))}
          />
          {v.questions.map((q) => (
            <QuestionFigures key={q.code} q={q} />
          ))}
          {v.memberTables && v.memberTables.length > 0 && (
            <FiguresTable
              id="equity-members"
              caption={t('equityFigures.members')}
              rowHeader={t('evaluation.table')}
              columns={[
                { key: 'population', header: t('equityFigures.population'), cell: (m: Member) => count(m.population) },
                { key: 'asked', header: t('equityFigures.askedShare'), cell: (m: Member) => pct(m.askedShare) },
              ]}
              rows={v.memberTables.map((m) => ({ key: m.tableId, label: m.name, attrs: { 'data-table': m.tableId }, value: m }))}
            />
          )}
        </>
      )}
      {v && <EquityTrend target={target} through={lastQuarterOf(period, v.timeZone)} />}
      <h3>{t('equityFigures.method.title')}</h3>
      <p>{t('equityFigures.method.frozen')}</p>
      <p>{t('equityFigures.method.index')}</p>
      <p>{t('equityFigures.method.disparity')}</p>
    </section>
  );
}

/**
 * The 8 quarters ending with the period shown (docs/evaluation.md 2.4): who was asked, each question's
 * response, and the groups the index flags, quarter by quarter; a quarter whose year is not published
 * yet is marked not available (R9). Each quarter is what that quarter's own figures say.
 */
function EquityTrend({ target, through }: { target: { kind: 'table'; tableId: string } | { kind: 'region'; regionId: string }; through: string }) {
  const { t, i18n } = useTranslation();
  const pct = usePercent();
  const trend = useQuery<Trend>({
    queryKey: ['equity-trend', target, through, i18n.language],
    queryFn: () =>
      target.kind === 'region'
        ? unwrap(api.GET('/api/v1/regions/{regionId}/reports/equity/trend', { params: { path: { regionId: target.regionId }, query: { through } } }))
        : unwrap(api.GET('/api/v1/tables/{tableId}/reports/equity/trend', { params: { path: { tableId: target.tableId }, query: { through } } })),
    retry: false,
  });
  const v = trend.data;
  const quarterLabel = (code: string) => t('evaluation.quarterShort', { year: code.slice(0, 4), n: code.slice(6) });
  const questions = v?.quarters.find((q) => q.available)?.questions.map((q) => ({ code: q.code, label: q.label })) ?? [];
  const na = t('equityFigures.trend.notAvailable');
  const flags = (p: TrendPoint) =>
    p.questions
      .flatMap((q) =>
        (q.indices ?? [])
          .filter((d) => d.flag !== null)
          .map((d) => t('equityFigures.trend.flagged', { group: d.label, index: decimal(d.index), reading: t(`equityFigures.index.flag.${d.flag}`) })),
      )
      .join('; ') || '—';
  return (
    <section aria-labelledby="equity-trend-title" data-testid="equity-trend" data-through={through}>
      <h3 id="equity-trend-title">{t('equityFigures.trend.title', { quarter: quarterLabel(through) })}</h3>
      <ErrorSummary error={trend.error} />
      {trend.isPending && <p role="status">{t('app.loading')}</p>}
      {v && (
        <>
          <FiguresTable
            id="equity-trend-table"
            caption={t('equityFigures.trend.caption')}
            rowHeader={t('reports.quarter')}
            columns={[
              { key: 'asked', header: t('equityFigures.askedShare'), cell: (p: TrendPoint) => (p.available ? pct(p.askedShare) : na) },
              ...questions.map((q) => ({
                key: q.code,
                header: t('equityFigures.trend.answered', { question: q.label }),
                cell: (p: TrendPoint) => {
                  const x = p.questions.find((y) => y.code === q.code);
                  return p.available && x ? pct(x.answeredShare) : na;
                },
              })),
              { key: 'flags', header: t('equityFigures.trend.flags'), text: true, cell: (p: TrendPoint) => (p.available ? flags(p) : na) },
            ]}
            rows={v.quarters.map((p) => ({ key: p.period, label: quarterLabel(p.period), attrs: { 'data-quarter': p.period, 'data-available': String(p.available) }, value: p }))}
          />
          {v.quarters.some((p) => !p.available) && (
            <p className="st-hint" data-testid="equity-trend-pending">
              {t('equityFigures.trend.pending', { days: v.freezeLagDays })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** One question: its answers per category with the stages beside them, then (Indigenous identity, race) the index against the benchmark. */
function QuestionFigures({ q }: { q: Question }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const count = (n: number | null | undefined) => (n === null || n === undefined ? t('reports.withheldShort') : formatNumber(n));
  const share = (s: number | null | undefined) =>
    s === null || s === undefined ? t('reports.withheldShort') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(s);
  const id = `equity-${q.code.toLowerCase()}`;
  // the 95% interval column of an index and of a disparity ratio alike
  const interval = {
    key: 'interval',
    header: t('equityFigures.index.interval'),
    text: true,
    cell: (d: { low: number | null; high: number | null }) => (d.low === null ? '' : t('equityFigures.index.range', { low: decimal(d.low), high: decimal(d.high) })),
  };
  const stageCount = (stage: string, code: string) => {
    const d = q.byStage.find((s) => s.stage === stage)!.distribution;
    return d.suppressed ? t('reports.withheldShort') : count(d.cells.find((c) => c.code === code)?.count);
  };
  const reading = (d: Index) =>
    d.unavailable ? t(`equityFigures.index.unavailable.${d.unavailable}`) : d.flag ? t(`equityFigures.index.flag.${d.flag}`) : t('equityFigures.index.flag.NONE');
  return (
    <div data-testid={id} className="st-equity-question">
      <h3 id={`${id}-title`}>{q.label}</h3>
      {q.lowResponse && <p className="st-hint">{t('equityFigures.lowResponse', { share: pct(q.answeredShare) })}</p>}
      {q.distribution.suppressed ? (
        <p className="st-hint">{t('evaluation.breakdownWithheld')}</p>
      ) : (
        <FiguresTable
          id={`${id}-distribution`}
          caption={t('equityFigures.distribution', { question: q.label, n: count(q.distribution.population) })}
          rowHeader={t('equityFigures.category')}
          columns={[
            { key: 'count', header: t('equityFigures.count'), cell: (c: Cell) => count(c.count) },
            { key: 'share', header: t('equityFigures.share'), cell: (c: Cell) => share(c.share) },
            ...q.byStage.map((s) => ({ key: s.stage, header: s.label, cell: (c: Cell) => stageCount(s.stage, c.code) })),
          ]}
          rows={q.distribution.cells.map((c) => ({ key: c.code, label: c.label, attrs: { 'data-category': c.code }, value: c }))}
        />
      )}
      {q.disproportionality && !q.benchmark && (
        <p className="st-hint" data-testid={`${id}-source`}>
          {t('equityFigures.index.noSource')}
        </p>
      )}
      {q.disproportionality && q.benchmark && (
        <>
          <FiguresTable
            id={`${id}-index`}
            caption={t('equityFigures.index.title', { question: q.label })}
            rowHeader={t('equityFigures.category')}
            columns={[
              { key: 'share', header: t('equityFigures.share'), cell: (d: Index) => (d.share === null ? '' : share(d.share)) },
              { key: 'benchmark', header: t('equityFigures.index.benchmark'), cell: (d: Index) => (d.benchmark === null ? '' : share(d.benchmark)) },
              { key: 'index', header: t('equityFigures.index.value'), cell: (d: Index) => decimal(d.index) },
              interval,
              { key: 'reading', header: t('equityFigures.index.reading'), text: true, cell: reading },
            ]}
            rows={q.disproportionality
              .filter((d) => d.benchmark !== null)
              .map((d) => ({ key: d.code, label: d.label, attrs: { 'data-category': d.code, 'data-flag': d.flag ?? undefined }, value: d }))}
          />
          <p className="st-hint" data-testid={`${id}-source`}>
            {t('equityFigures.index.source', { ...q.benchmark })}
          </p>
        </>
      )}
      {q.disparity &&
        (['POLICE_LED', 'CLOSED_RISK_LOWERED'] as const).map((outcome) => (
          <FiguresTable
            key={outcome}
            id={`${id}-disparity-${outcome.toLowerCase()}`}
            caption={t(`equityFigures.disparity.title.${outcome}`, { question: q.label })}
            rowHeader={t('equityFigures.category')}
            columns={[
              { key: 'rate', header: t('equityFigures.disparity.rate'), cell: (d: Disparity) => (d.rate === null ? '' : share(d.rate)) },
              { key: 'rest', header: t('equityFigures.disparity.restRate'), cell: (d: Disparity) => (d.restRate === null ? '' : share(d.restRate)) },
              { key: 'ratio', header: t('equityFigures.disparity.ratio'), cell: (d: Disparity) => decimal(d.ratio) },
              interval,
              {
                key: 'reading',
                header: t('equityFigures.index.reading'),
                text: true,
                cell: (d: Disparity) => (d.unavailable ? t(`equityFigures.index.unavailable.${d.unavailable}`) : t(`equityFigures.disparity.flag.${d.flag ?? 'NONE'}`)),
              },
            ]}
            rows={q
              .disparity!.filter((d) => d.outcome === outcome)
              .map((d) => ({ key: d.code, label: d.label, attrs: { 'data-category': d.code, 'data-flag': d.flag ?? undefined }, value: d }))}
          />
        ))}
    </div>
  );
}

/** An index or a ratio with two decimals in the interface's language; nothing when there is none. */
function decimal(x: number | null): string {
  return x === null ? '' : new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
}

/** A share as a whole percentage in the interface's language, or withheld. */
export function usePercent(): (r: Rate) => string {
  const { t } = useTranslation();
  return (r) => (r.value === null ? t('reports.withheldShort') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(r.value));
}
