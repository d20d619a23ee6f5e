import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md sections 6.6 and 6.7: the equity figures' frozen snapshots and the
 * benchmarks their disproportionality index is read against.
 *
 * - `equity_snapshots` (owned by `identity-vault`, beside the tallies it copies): per table and
 *   quarter, the I17 population (accepted PERSON or FAMILY situations referred in the quarter whose
 *   subject was written) and the tallies of the quarter's referral months, `question|category|stage`
 *   to a count, read in one statement and frozen once the quarter has ended plus the freeze lag. Never
 *   changed: a trigger refuses UPDATE, DELETE and TRUNCATE (R9), as for approved minutes.
 * - `equity_benchmarks` (owned by `reports`): per table or region, year of validity and question
 *   (Indigenous identity or race), the configured population's share of each reporting category, with
 *   its source. An administrator's setting, audited; a new setting of the same year replaces the row.
 */
export class EquityFigures1765200000000 implements MigrationInterface {
  name = 'EquityFigures1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE equity_snapshots (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        population integer NOT NULL CHECK (population >= 0),
        counts jsonb NOT NULL CHECK (jsonb_typeof(counts) = 'object'),
        frozen_at timestamptz NOT NULL,
        PRIMARY KEY (table_id, quarter)
      );
      -- a quarter frozen is frozen for good: UPDATE, DELETE and TRUNCATE refused to every role, the owner included
      CREATE FUNCTION equity_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'frozen equity counts are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER equity_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON equity_snapshots
        FOR EACH ROW EXECUTE FUNCTION equity_snapshots_immutable();
      CREATE TRIGGER equity_snapshots_no_truncate BEFORE TRUNCATE ON equity_snapshots
        FOR EACH STATEMENT EXECUTE FUNCTION equity_snapshots_immutable();

      CREATE TABLE equity_benchmarks (
        table_id uuid REFERENCES situation_tables(id),
        region_id uuid REFERENCES regions(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        question text NOT NULL CHECK (question IN ('INDIGENOUS_IDENTITY', 'RACE')),
        shares jsonb NOT NULL CHECK (jsonb_typeof(shares) = 'object'),
        source_title text NOT NULL CHECK (length(source_title) BETWEEN 1 AND 300),
        source_publisher text NOT NULL CHECK (length(source_publisher) BETWEEN 1 AND 200),
        source_year integer NOT NULL CHECK (source_year BETWEEN 1900 AND 2200),
        source_geography text NOT NULL CHECK (length(source_geography) BETWEEN 1 AND 200),
        source_population text NOT NULL CHECK (length(source_population) BETWEEN 1 AND 200),
        set_by uuid NOT NULL REFERENCES users(id),
        set_at timestamptz NOT NULL,
        CONSTRAINT equity_benchmarks_one_scope CHECK ((table_id IS NULL) <> (region_id IS NULL))
      );
      CREATE UNIQUE INDEX equity_benchmarks_table_key ON equity_benchmarks (table_id, year, question) WHERE table_id IS NOT NULL;
      CREATE UNIQUE INDEX equity_benchmarks_region_key ON equity_benchmarks (region_id, year, question) WHERE region_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE equity_benchmarks; DROP TABLE equity_snapshots; DROP FUNCTION equity_snapshots_immutable();');
  }
}
