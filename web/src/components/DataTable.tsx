import type { HTMLAttributes, Key, ReactNode } from 'react';

/** One column of a DataTable: its header and how a row fills its cell. */
export interface Column<T> {
  /** unique among the columns (React key) */
  key: string;
  header: ReactNode;
  /** the header is read by screen readers only (a column of buttons) */
  hiddenHeader?: boolean;
  cell: (row: T) => ReactNode;
}

/**
 * A captioned, scrollable data table (`st-table`): column headers with `scope="col"`, a caption
 * (visually hidden unless `captionVisible`), one row per item. `rowProps` adds attributes to a row
 * (test ids, `aria-selected`, a class).
 */
export function DataTable<T>({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowKey,
  rowProps,
  testId,
}: {
  caption: ReactNode;
  captionVisible?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  testId?: string;
}) {
  return (
    <div className="st-table-wrap">
      <table className="st-table" data-testid={testId}>
        <caption className={captionVisible ? undefined : 'st-visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.hiddenHeader ? <span className="st-visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
