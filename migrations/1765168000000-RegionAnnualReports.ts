import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md section 8 (R10) for a region: the region's annual report is stored
 * and served as stored, as a table's is (`annual_reports`, migration AnnualReports).
 *
 * - `region_annual_reports` (owned by `reports`): one row per region, year and version, holding
 *   the published figures the report was laid out from (the region's indicators of the year in
 *   English and French, those of its 8 quarters, each member table's key figures of the year),
 *   never a count that was not published.
 * - A table of its own rather than a region column in `annual_reports`: that table's key is
 *   (table, year, version) and a stored version is never rewritten.
 */
export class RegionAnnualReports1765168000000 implements MigrationInterface {
  name = 'RegionAnnualReports1765168000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_annual_reports (
        region_id uuid NOT NULL REFERENCES regions(id),
        year int NOT NULL CHECK (year >= 2000),
        version int NOT NULL CHECK (version >= 1),
        generated_at timestamptz NOT NULL,
        generated_by uuid NOT NULL REFERENCES users(id),
        figures jsonb NOT NULL,
        PRIMARY KEY (region_id, year, version)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE region_annual_reports');
  }
}
