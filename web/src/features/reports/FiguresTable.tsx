/** One column of a FiguresTable: its header, each row's cell, numbers right-aligned unless `text`. */
export interface FiguresColumn<R> {
  key: string;
  header: string;
  cell(r: R): string;
  text?: boolean;
}

/**
 * A table of figures, one row per scope, period or category (its header cell first), one column per
 * figure, scrollable and focusable when wider than the screen: the member tables' key figures, the
 * trend, the equity figures.
 */
export function FiguresTable<R>({
  id,
  caption,
  rowHeader,
  columns,
  rows,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  columns: FiguresColumn<R>[];
  rows: { key: string; label: string; attrs: Record<string, string | undefined>; value: R }[];
}) {
  return (
    <div className="st-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="st-table st-table--compact" data-testid={id}>
        <caption id={`${id}-caption`} className="st-chart__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.text ? undefined : 'st-num'}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} {...r.attrs}>
              <th scope="row">{r.label}</th>
              {columns.map((c) => (
                <td key={c.key} className={c.text ? undefined : 'st-num'}>
                  {c.cell(r.value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
