import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { affectedOf } from '../../common/database/query-result';

export interface RegionRow {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  timeZone: string;
  createdAt: Date;
}

const REGION_COLUMNS = 'id, code, name_en AS "nameEn", name_fr AS "nameFr", time_zone AS "timeZone", created_at AS "createdAt"';

/** Regions, their yearly membership and their analysts (docs/evaluation.md, section 7). */
@Injectable()
export class RegionRepository {
  constructor(private readonly db: DataSource) {}

  async create(m: EntityManager, r: { code: string; nameEn: string; nameFr: string; timeZone: string; createdBy: string | null }): Promise<RegionRow | null> {
    const rows: RegionRow[] = await m.query(
      `INSERT INTO regions (code, name_en, name_fr, time_zone, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING ${REGION_COLUMNS}`,
      [r.code, r.nameEn, r.nameFr, r.timeZone, r.createdBy],
    );
    return rows[0] ?? null;
  }

  /** Every region (null), or those named, by code. */
  list(ids: readonly string[] | null): Promise<RegionRow[]> {
    return ids === null
      ? this.db.query(`SELECT ${REGION_COLUMNS} FROM regions ORDER BY code`)
      : this.db.query(`SELECT ${REGION_COLUMNS} FROM regions WHERE id = ANY($1::uuid[]) ORDER BY code`, [ids]);
  }

  async find(id: string, m: EntityManager | DataSource = this.db, lock = false): Promise<RegionRow | null> {
    const rows: RegionRow[] = await m.query(`SELECT ${REGION_COLUMNS} FROM regions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** The membership of regions, every year: (region, year, table). */
  members(regionIds: readonly string[]): Promise<{ regionId: string; year: number; tableId: string }[]> {
    return this.db.query(`SELECT region_id AS "regionId", year, table_id AS "tableId" FROM region_tables WHERE region_id = ANY($1::uuid[]) ORDER BY region_id, year, table_id`, [
      regionIds,
    ]);
  }

  /** A region's members in each of some years. */
  async membersIn(regionId: string, years: readonly number[]): Promise<Map<number, string[]>> {
    const rows: { year: number; tableId: string }[] = await this.db.query(
      `SELECT year, table_id AS "tableId" FROM region_tables WHERE region_id = $1 AND year = ANY($2::int[]) ORDER BY table_id`,
      [regionId, years],
    );
    const out = new Map<number, string[]>();
    for (const r of rows) out.set(r.year, [...(out.get(r.year) ?? []), r.tableId]);
    return out;
  }

  /** For each of some years a table is in a region: the region and its members (the table among them). */
  async unitsOfTable(tableId: string, years: readonly number[]): Promise<Map<number, { regionId: string; tableIds: string[] }>> {
    const rows: { year: number; regionId: string; tableIds: string[] }[] = await this.db.query(
      `SELECT t.year, t.region_id AS "regionId", array_agg(o.table_id::text ORDER BY o.table_id) AS "tableIds"
         FROM region_tables t JOIN region_tables o ON o.region_id = t.region_id AND o.year = t.year
        WHERE t.table_id = $1 AND t.year = ANY($2::int[]) GROUP BY 1, 2`,
      [tableId, years],
    );
    return new Map(rows.map((r) => [r.year, { regionId: r.regionId, tableIds: r.tableIds }]));
  }

  /** The regions (any year) whose members include any of these tables. */
  async regionsHolding(tableIds: readonly string[]): Promise<string[]> {
    const rows: { regionId: string }[] = await this.db.query('SELECT DISTINCT region_id AS "regionId" FROM region_tables WHERE table_id = ANY($1::uuid[])', [tableIds]);
    return rows.map((r) => r.regionId);
  }

  /** Replaces a year's membership; false when a table is already in another region that year. */
  async setMembers(m: EntityManager, regionId: string, year: number, tableIds: readonly string[]): Promise<boolean> {
    await m.query('DELETE FROM region_tables WHERE region_id = $1 AND year = $2', [regionId, year]);
    if (tableIds.length === 0) return true;
    const rows: unknown[] = await m.query(
      `INSERT INTO region_tables (region_id, table_id, year) SELECT $1, t, $2 FROM unnest($3::uuid[]) t ON CONFLICT (table_id, year) DO NOTHING RETURNING table_id`,
      [regionId, year, tableIds],
    );
    return rows.length === tableIds.length;
  }

  analysts(regionId: string, m: EntityManager | DataSource = this.db): Promise<{ userId: string; grantedAt: Date }[]> {
    return m.query(`SELECT user_id AS "userId", granted_at AS "grantedAt" FROM user_region_roles WHERE region_id = $1 AND role = 'REGIONAL_ANALYST' ORDER BY granted_at`, [
      regionId,
    ]);
  }

  async grant(m: EntityManager, userId: string, regionId: string, grantedBy: string | null): Promise<Date | null> {
    const rows: { grantedAt: Date }[] = await m.query(
      `INSERT INTO user_region_roles (user_id, region_id, role, granted_by) VALUES ($1, $2, 'REGIONAL_ANALYST', $3)
       ON CONFLICT DO NOTHING RETURNING granted_at AS "grantedAt"`,
      [userId, regionId, grantedBy],
    );
    return rows[0]?.grantedAt ?? null;
  }

  async revoke(m: EntityManager, userId: string, regionId: string): Promise<boolean> {
    return affectedOf(await m.query(`DELETE FROM user_region_roles WHERE user_id = $1 AND region_id = $2 AND role = 'REGIONAL_ANALYST'`, [userId, regionId])) === 1;
  }
}
