import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md section 8 (R10): the annual report is stored and served as stored.
 *
 * - `annual_reports` (owned by `reports`): one row per table, year and version, holding the
 *   published figures the report was laid out from (the indicators of the year in English and
 *   French, those of its 8 quarters, the scope's name and the time the data describe), never a
 *   count that was not published. The PDF and the CSVs are laid out from these figures on each
 *   download, so the same version always shows the same figures.
 * - A new version (a regeneration after a data fix) is a new row; the figures that differ from the
 *   previous version are marked `r` when laid out.
 */
export class AnnualReports1765160000000 implements MigrationInterface {
  name = 'AnnualReports1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE annual_reports (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        year int NOT NULL CHECK (year >= 2000),
        version int NOT NULL CHECK (version >= 1),
        generated_at timestamptz NOT NULL,
        generated_by uuid NOT NULL REFERENCES users(id),
        figures jsonb NOT NULL,
        PRIMARY KEY (table_id, year, version)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE annual_reports');
  }
}
