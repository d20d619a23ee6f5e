import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatNumber } from '../../i18n';

type Cell = Schemas['ReportCellView'];

const ROW = 26;
const LABEL_W = 250;
const BAR_W = 300;
const WIDTH = LABEL_W + BAR_W + 70;

/**
 * A horizontal bar chart in plain SVG (no chart library: a few rectangles, and nothing to load
 * or to allow in the CSP), always followed by its data table, which is what assistive
 * technologies read: the picture is named and points to the table. Withheld cells (fewer than
 * the minimum) have no bar and say so.
 */
export function BarChart({ id, title, cells, note }: { id: string; title: string; cells: Cell[]; note?: string }) {
  const { t } = useTranslation();
  // the chart draws the published counts; withheld cells are named in the table only
  const shown = cells.filter((c) => !c.suppressed && (c.count ?? 0) > 0);
  const withheld = cells.filter((c) => c.suppressed).length;
  const max = Math.max(1, ...shown.map((c) => c.count ?? 0));
  const height = Math.max(ROW, shown.length * ROW) + 4;
  const clip = (s: string) => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
  return (
    <figure className="st-chart" aria-labelledby={`${id}-caption`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-caption`} className="st-chart__caption">
        {title}
      </figcaption>
      {shown.length === 0 ? (
        <p>{t('reports.nothingToChart')}</p>
      ) : (
        <svg className="st-chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('reports.chartLabel', { title })} aria-describedby={`${id}-table-title`}>
          {shown.map((c, i) => {
            const y = i * ROW + 2;
            const w = c.count ? Math.max(2, (c.count / max) * BAR_W) : 0;
            return (
              <g key={c.code}>
                <text x={LABEL_W - 8} y={y + ROW / 2 + 5} textAnchor="end" className="st-chart__label">
                  {clip(c.label)}
                </text>
                {c.suppressed ? (
                  <text x={LABEL_W + 4} y={y + ROW / 2 + 5} className="st-chart__withheld">
                    {t('reports.withheldShort')}
                  </text>
                ) : (
                  <>
                    <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} className="st-chart__bar" />
                    <text x={LABEL_W + w + 6} y={y + ROW / 2 + 5} className="st-chart__value">
                      {formatNumber(c.count ?? 0)}
                    </text>
                  </>
                )}
              </g>
            );
          })}
        </svg>
      )}
      {cells.length > 0 && (
        <table className="st-table st-table--compact st-chart__table" data-testid={`table-${id}`}>
          <caption id={`${id}-table-title`} className="st-chart__table-caption">
            {t('reports.dataOf', { title })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.category')}</th>
              <th scope="col" className="st-num">
                {t('reports.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cells.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.label}</th>
                <td className="st-num">{c.suppressed ? t('reports.withheld') : formatNumber(c.count ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {withheld > 0 && <p className="st-hint">{t('reports.withheldCells', { n: formatNumber(withheld) })}</p>}
      {note && <p className="st-hint">{note}</p>}
    </figure>
  );
}
