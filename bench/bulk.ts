// Multi-row INSERT from one JSON parameter (json_to_recordset): any number of rows per statement,
// and JSON.stringify does the encoding (jsonb columns take objects, array columns JSON arrays).
import { Client } from 'pg';

export interface Column {
  name: string;
  /** the column's type */
  type: string;
}

export function bulkInsertSql(table: string, columns: readonly Column[]): string {
  const names = columns.map((c) => c.name).join(', ');
  const record = columns.map((c) => `${c.name} ${c.type}`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${record})`;
}

/** Inserts `rows`, objects keyed by column name (absent keys are NULL). */
export async function bulkInsert(client: Client, sql: string, rows: readonly object[]): Promise<void> {
  await client.query(sql, [JSON.stringify(rows)]);
}

/**
 * Bulk inserts over several connections, at most one statement in flight on each: the caller
 * prepares the next batch while the database writes the previous ones.
 */
export class BulkWriter {
  private readonly inflight: Promise<void>[] = [];
  private turn = 0;

  constructor(private readonly clients: readonly Client[]) {}

  async write(sql: string, rows: readonly object[]): Promise<void> {
    const insert = bulkInsert(this.clients[this.turn++ % this.clients.length], sql, rows);
    insert.catch(() => undefined); // awaited in order below; this only keeps an early failure from being "unhandled"
    this.inflight.push(insert);
    if (this.inflight.length >= this.clients.length) await this.inflight.shift();
  }

  /** Waits for every statement in flight. */
  async flush(): Promise<void> {
    await Promise.all(this.inflight.splice(0));
  }
}

/**
 * Runs a bulk load with the table's secondary indexes dropped, then recreates them from their own
 * definitions (pg_indexes), as a bulk load would. Indexes that back constraints stay in place.
 */
export async function withoutSecondaryIndexes<T>(client: Client, table: string, load: () => Promise<T>, log: (m: string) => void = () => undefined): Promise<T> {
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [table],
  );
  for (const ix of indexes.rows) await client.query(`DROP INDEX ${client.escapeIdentifier(ix.name)}`);
  try {
    return await load();
  } finally {
    const t0 = performance.now();
    for (const ix of indexes.rows) await client.query(ix.def);
    log(`  rebuilt ${indexes.rows.length} indexes of ${table} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
