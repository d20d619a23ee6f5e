import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableResource } from './access-rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const LOOKUP: Record<Exclude<TableResource, 'table'>, string> = {
  situation: 'SELECT table_id FROM situations WHERE id = $1',
  meeting: 'SELECT table_id FROM meetings WHERE id = $1',
};

/** Finds the table a resource belongs to: the one set-based question every id-taking route asks. */
@Injectable()
export class TableResolver {
  constructor(private readonly db: DataSource) {}

  async tableOf(resource: TableResource, id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    if (resource === 'table') return id;
    const rows: { table_id: string }[] = await this.db.query(LOOKUP[resource], [id]);
    return rows[0]?.table_id ?? null;
  }
}
