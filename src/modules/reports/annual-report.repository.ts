import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportScope, StoredFigures } from './annual-report';

export interface StoredAnnualReport {
  version: number;
  generatedAt: Date;
  figures: StoredFigures;
}

/** Where each kind of scope keeps its reports: a table's in annual_reports (migration AnnualReports), a region's in region_annual_reports (RegionAnnualReports). */
const STORE: Record<ReportScope['kind'], { table: string; key: string }> = {
  table: { table: 'annual_reports', key: 'table_id' },
  region: { table: 'region_annual_reports', key: 'region_id' },
};

/** What a stored report belongs to: a table or a region, by id. */
export type AnnualOwner = Pick<ReportScope, 'kind' | 'id'>;

/** The stored annual reports: one row per table (or region), year and version, never rewritten. */
@Injectable()
export class AnnualReportRepository {
  constructor(private readonly db: DataSource) {}

  /** The latest version of a year's report and the one before it (null when none). */
  async latest(owner: AnnualOwner, year: number): Promise<{ current: StoredAnnualReport | null; previous: StoredAnnualReport | null }> {
    const { table, key } = STORE[owner.kind];
    const rows: { version: number; generatedAt: Date; figures: StoredFigures }[] = await this.db.query(
      `SELECT version, generated_at AS "generatedAt", figures FROM ${table} WHERE ${key} = $1 AND year = $2 ORDER BY version DESC LIMIT 2`,
      [owner.id, year],
    );
    return { current: rows[0] ?? null, previous: rows[1] ?? null };
  }

  /** Stores a version; false when that version exists already (another request stored it first). */
  async insert(owner: AnnualOwner, year: number, version: number, generatedBy: string, report: StoredAnnualReport): Promise<boolean> {
    const { table, key } = STORE[owner.kind];
    const rows: unknown[] = await this.db.query(
      `INSERT INTO ${table} (${key}, year, version, generated_at, generated_by, figures) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (${key}, year, version) DO NOTHING RETURNING version`,
      [owner.id, year, version, report.generatedAt, generatedBy, JSON.stringify(report.figures)],
    );
    return rows.length === 1;
  }
}
