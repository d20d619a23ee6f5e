import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableResource } from './access-rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const LOOKUP: Record<TableResource, string> = {
  table: 'SELECT id AS table_id FROM situation_tables WHERE id = $1',
  situation: 'SELECT table_id FROM situations WHERE id = $1',
  meeting: 'SELECT table_id FROM meetings WHERE id = $1',
};

const MAX_CACHED = 100_000;

/**
 * Finds the table a resource belongs to (for a table id: that the table exists): the one question
 * every id-taking route asks. Ids are matched case-insensitively. A table is never deleted and a
 * situation or meeting never changes table, so found answers are cached (misses are not).
 */
@Injectable()
export class TableResolver {
  private readonly known = new Map<string, string>();

  constructor(private readonly db: DataSource) {}

  async tableOf(resource: TableResource, id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const key = `${resource}:${id.toLowerCase()}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const rows: { table_id: string }[] = await this.db.query(LOOKUP[resource], [id.toLowerCase()]);
    const tableId = rows[0]?.table_id ?? null;
    if (tableId) {
      if (this.known.size >= MAX_CACHED) this.known.clear();
      this.known.set(key, tableId);
    }
    return tableId;
  }
}
