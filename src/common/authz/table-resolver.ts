import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdResource } from './access-rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A situation's reference, `CODE-YEAR-NNNN` (the table's code, the year, a number of 4+ digits), any case. */
const REFERENCE = /^([A-Z][A-Z0-9]{1,11})-(\d{4})-(\d{4,9})$/i;
export const REFERENCE_PROBLEM = 'must be a situation reference such as PEEL-2026-0012';

/** The reference in its stored (upper-case) form, or null when it is not one. */
export function canonicalReference(value: unknown): string | null {
  return typeof value === 'string' && REFERENCE.test(value) ? value.toUpperCase() : null;
}

const LOOKUP: Record<IdResource, string> = {
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

  async tableOf(resource: IdResource, id: string): Promise<string | null> {
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

  /**
   * The situations a canonical reference names, with their tables. References are unique within a
   * table only, and a table's code need not be unique: there may be several. Not cached (a new
   * situation elsewhere may take the same reference).
   */
  async situationsByReference(reference: string): Promise<{ tableId: string; situationId: string }[]> {
    const code = reference.slice(0, reference.indexOf('-'));
    return this.db.query(
      `SELECT s.table_id AS "tableId", s.id AS "situationId" FROM situations s
       WHERE s.table_id IN (SELECT t.id FROM situation_tables t WHERE t.code = $1) AND s.reference = $2
       ORDER BY s.table_id`,
      [code, reference],
    );
  }
}
