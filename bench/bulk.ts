// Multi-row INSERT through unnest(): one array parameter per column, any number of rows.
import { Client } from 'pg';

export interface Column {
  name: string;
  /** the column's type */
  type: string;
  /** the array element type the rows are sent as, when it differs (jsonb and uuid[] go as text) */
  via?: string;
}

export function bulkInsertSql(table: string, columns: readonly Column[]): string {
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.via ?? c.type}[]`).join(', ');
  const select = columns.map((c) => (c.via ? `u.${c.name}::${c.type}` : `u.${c.name}`)).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${params}) AS u(${names})`;
}

/** Inserts `rows` (each an array in column order). */
export async function bulkInsert(client: Client, sql: string, columnCount: number, rows: readonly unknown[][]): Promise<void> {
  const arrays: unknown[][] = Array.from({ length: columnCount }, () => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < columnCount; c++) arrays[c][r] = row[c];
  }
  await client.query(sql, arrays);
}
