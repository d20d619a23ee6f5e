import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredFigures } from './annual-report';

export interface StoredAnnualReport {
  version: number;
  generatedAt: Date;
  figures: StoredFigures;
}

/** The stored annual reports (annual_reports, migration AnnualReports): one row per table, year and version. */
@Injectable()
export class AnnualReportRepository {
  constructor(private readonly db: DataSource) {}

  /** The latest version of a year's report and the one before it (null when none). */
  async latest(tableId: string, year: number): Promise<{ current: StoredAnnualReport | null; previous: StoredAnnualReport | null }> {
    const rows: { version: number; generatedAt: Date; figures: StoredFigures }[] = await this.db.query(
      `SELECT version, generated_at AS "generatedAt", figures FROM annual_reports WHERE table_id = $1 AND year = $2 ORDER BY version DESC LIMIT 2`,
      [tableId, year],
    );
    return { current: rows[0] ?? null, previous: rows[1] ?? null };
  }

  /** Stores a version; false when that version exists already (another request stored it first). */
  async insert(tableId: string, year: number, version: number, generatedBy: string, report: StoredAnnualReport): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO annual_reports (table_id, year, version, generated_at, generated_by, figures) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (table_id, year, version) DO NOTHING RETURNING version`,
      [tableId, year, version, report.generatedAt, generatedBy, JSON.stringify(report.figures)],
    );
    return rows.length === 1;
  }
}
