import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDate, formatNumber, locale } from '../../i18n';

type Figures = Schemas['EquityFiguresView'];
type Question = Schemas['EquityQuestionFiguresView'];
type Rate = Schemas['RateView'];

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
          <div className="st-table-wrap" tabIndex={0} role="region" aria-labelledby="equity-response-caption">
            <table className="st-table st-table--compact" data-testid="equity-response">
              <caption id="equity-response-caption" className="st-chart__caption">
                {t('equityFigures.response')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('equityFigures.question')}</th>
                  <th scope="col" className="st-num">
                    {t('equityFigures.answered')}
                  </th>
                  <th scope="col" className="st-num">
                    {t('equityFigures.preferNot')}
                  </th>
                  <th scope="col" className="st-num">
                    {t('equityFigures.leftEmpty')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.questions.map((q) => (
                  <tr key={q.code} data-question={q.code}>
                    <th scope="row">{q.label}</th>
                    <td className="st-num">{pct(q.answeredShare)}</td>
                    <td className="st-num">{pct(q.preferNotToAnswerShare)}</td>
                    <td className="st-num">{pct(q.notAnsweredShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {v.questions.map((q) => (
            <QuestionFigures key={q.code} q={q} />
          ))}
          {v.memberTables && v.memberTables.length > 0 && (
            <div className="st-table-wrap" tabIndex={0} role="region" aria-labelledby="equity-members-caption">
              <table className="st-table st-table--compact" data-testid="equity-members">
                <caption id="equity-members-caption" className="st-chart__caption">
                  {t('equityFigures.members')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.table')}</th>
                    <th scope="col" className="st-num">
                      {t('equityFigures.population')}
                    </th>
                    <th scope="col" className="st-num">
                      {t('equityFigures.askedShare')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.memberTables.map((m) => (
                    <tr key={m.tableId} data-table={m.tableId}>
                      <th scope="row">{m.name}</th>
                      <td className="st-num">{count(m.population)}</td>
                      <td className="st-num">{pct(m.askedShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <h3>{t('equityFigures.method.title')}</h3>
      <p>{t('equityFigures.method.frozen')}</p>
      <p>{t('equityFigures.method.index')}</p>
    </section>
  );
}

/** One question: its answers per category with the stages beside them, then (Indigenous identity, race) the index. */
function QuestionFigures({ q }: { q: Question }) {
  const { t } = useTranslation();
  const pct = usePercent();
  const count = (n: number | null | undefined) => (n === null || n === undefined ? t('reports.withheldShort') : formatNumber(n));
  const share = (s: number | null | undefined) =>
    s === null || s === undefined ? t('reports.withheldShort') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(s);
  const id = `equity-${q.code.toLowerCase()}`;
  const stageCount = (stage: string, code: string) => {
    const d = q.byStage.find((s) => s.stage === stage)!.distribution;
    return d.suppressed ? t('reports.withheldShort') : count(d.cells.find((c) => c.code === code)?.count);
  };
  const decimal = (x: number | null) => (x === null ? '' : new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x));
  return (
    <div data-testid={id} className="st-equity-question">
      <h3 id={`${id}-title`}>{q.label}</h3>
      {q.lowResponse && <p className="st-hint">{t('equityFigures.lowResponse', { share: pct(q.answeredShare) })}</p>}
      {q.distribution.suppressed ? (
        <p className="st-hint">{t('evaluation.breakdownWithheld')}</p>
      ) : (
        <div className="st-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
          <table className="st-table st-table--compact">
            <caption id={`${id}-caption`} className="st-chart__caption">
              {t('equityFigures.distribution', { question: q.label, n: count(q.distribution.population) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('equityFigures.category')}</th>
                <th scope="col" className="st-num">
                  {t('equityFigures.count')}
                </th>
                <th scope="col" className="st-num">
                  {t('equityFigures.share')}
                </th>
                {q.byStage.map((s) => (
                  <th key={s.stage} scope="col" className="st-num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {q.distribution.cells.map((c) => (
                <tr key={c.code} data-category={c.code}>
                  <th scope="row">{c.label}</th>
                  <td className="st-num">{count(c.count)}</td>
                  <td className="st-num">{share(c.share)}</td>
                  {q.byStage.map((s) => (
                    <td key={s.stage} className="st-num">
                      {stageCount(s.stage, c.code)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.disproportionality && !q.benchmark && (
        <p className="st-hint" data-testid={`${id}-source`}>
          {t('equityFigures.index.noSource')}
        </p>
      )}
      {q.disproportionality && q.benchmark && (
        <div className="st-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-index-caption`}>
          <table className="st-table st-table--compact" data-testid={`${id}-index`}>
            <caption id={`${id}-index-caption`} className="st-chart__caption">
              {t('equityFigures.index.title', { question: q.label })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('equityFigures.category')}</th>
                <th scope="col" className="st-num">
                  {t('equityFigures.share')}
                </th>
                <th scope="col" className="st-num">
                  {t('equityFigures.index.benchmark')}
                </th>
                <th scope="col" className="st-num">
                  {t('equityFigures.index.value')}
                </th>
                <th scope="col">{t('equityFigures.index.interval')}</th>
                <th scope="col">{t('equityFigures.index.reading')}</th>
              </tr>
            </thead>
            <tbody>
              {q.disproportionality
                .filter((d) => d.benchmark !== null)
                .map((d) => (
                  <tr key={d.code} data-category={d.code} data-flag={d.flag ?? undefined}>
                    <th scope="row">{d.label}</th>
                    <td className="st-num">{d.share === null ? '' : share(d.share)}</td>
                    <td className="st-num">{d.benchmark === null ? '' : share(d.benchmark)}</td>
                    <td className="st-num">{decimal(d.index)}</td>
                    <td>{d.low === null ? '' : t('equityFigures.index.range', { low: decimal(d.low), high: decimal(d.high) })}</td>
                    <td>
                      {d.unavailable
                        ? t(`equityFigures.index.unavailable.${d.unavailable}`)
                        : d.flag
                          ? t(`equityFigures.index.flag.${d.flag}`)
                          : t('equityFigures.index.flag.NONE')}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p className="st-hint" data-testid={`${id}-source`}>
            {q.benchmark
              ? t('equityFigures.index.source', {
                  title: q.benchmark.title,
                  publisher: q.benchmark.publisher,
                  year: q.benchmark.year,
                  geography: q.benchmark.geography,
                  population: q.benchmark.population,
                })
              : t('equityFigures.index.noSource')}
          </p>
        </div>
      )}
    </div>
  );
}

/** A share as a whole percentage in the interface's language, or withheld. */
export function usePercent(): (r: Rate) => string {
  const { t } = useTranslation();
  return (r) => (r.value === null ? t('reports.withheldShort') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(r.value));
}
