import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * TypeORM's `query()` answers UPDATE and DELETE with `[rows, affected]` but SELECT and INSERT with
 * the rows alone. These read either shape.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export function affectedOf(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}

/**
 * A hot read outside any transaction as a named prepared statement on TypeORM's own pool:
 * PostgreSQL parses and plans it once per connection instead of on every call (TypeORM's `query()`
 * sends unnamed statements). `name` must belong to this one `text`.
 */
export async function preparedRows<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const result = await poolOf(db).query({ name, text, values });
  return result.rows as T[];
}

/** TypeORM's own pg pool, for code that speaks to pg directly (prepared statements). */
export function poolOf(db: DataSource): Pool {
  return (db.driver as PostgresDriver).master as Pool;
}
