import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_1 as TAXONOMY_V1 } from './data/taxonomy-2026.1';

/**
 * What the summary reports read, so that 100,000 situations take one narrow index-only scan and
 * no per-row grouping, JSON or unnesting in SQL (see ReportRepository):
 *
 * - `report_dimensions`: the situation's report dimensions (status, decision outcome, situation
 *   type, age band, gender, originating and lead sector, conclusion, consent status) as one
 *   integer, each value by its position in `report_dimension_codes()` (0 for NULL, mixed radix).
 * - `risk_category_mask`: its distinct risk categories as bits, bit i for the (i+1)-th code of
 *   `risk_category_codes()`.
 *
 * A trigger keeps both from the columns they encode, so every writer (intake, transitions, bulk
 * loads, restores) fills them without knowing of them. Either is NULL when a value is not in its
 * list (a code added after this migration, a repeated category): reports count those rows from
 * the columns themselves, found through `situations_report_uncoded_idx`, so they stay exact, only
 * slower. The covering index `situations_report_idx` holds what a summary reads.
 */
const STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED'];
/** In encoding order: the columns the rates combine (status, outcome, conclusion) come first, side by side. */
const DIMENSIONS: [column: string, codes: string[]][] = [
  ['status', STATUSES],
  ['decision_outcome', ['AER', 'NOT_AER']],
  ['conclusion', TAXONOMY_V1.conclusions.map((x) => x.code)],
  ['situation_type', TAXONOMY_V1.situationTypes.map((x) => x.code)],
  ['age_band', TAXONOMY_V1.ageBands.map((x) => x.code)],
  ['gender', TAXONOMY_V1.genders.map((x) => x.code)],
  ['originating_sector', TAXONOMY_V1.sectors.map((x) => x.code)],
  ['lead_sector', TAXONOMY_V1.sectors.map((x) => x.code)],
  ['consent_status', TAXONOMY_V1.consentStatuses.map((x) => x.code)],
];
const TRIGGER_COLUMNS = [...DIMENSIONS.map(([c]) => c), 'report_dimensions', 'risk_categories', 'risk_category_mask'];

export class ReportScan1763810000000 implements MigrationInterface {
  name = 'ReportScan1763810000000';

  async up(q: QueryRunner): Promise<void> {
    const radix = DIMENSIONS.reduce((n, [, codes]) => n * (codes.length + 1), 1);
    if (radix > 2 ** 31) throw new Error('report dimensions: too many codes for an integer');
    // Bits 0 to 30 of an integer: a later category beyond them gets no bit (counted as above).
    const categories = TAXONOMY_V1.riskCategories.map((c) => c.code).slice(0, 31);

    await q.query(
      `CREATE FUNCTION report_dimension_codes() RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${literal(JSON.stringify(DIMENSIONS))}::jsonb $$`,
    );
    let step = 1;
    const encode = DIMENSIONS.map(([column, codes]) => {
      const line = `
        IF ${column} IS NOT NULL THEN
          p := array_position(${literalArray(codes)}::text[], ${column});
          IF p IS NULL THEN RETURN NULL; END IF;
          code := code + p * ${step};
        END IF;`;
      step *= codes.length + 1;
      return line;
    });
    await q.query(`
      CREATE FUNCTION report_dimensions(${DIMENSIONS.map(([c]) => `${c} text`).join(', ')}) RETURNS integer
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        code integer := 0;
        p integer;
      BEGIN${encode.join('')}
        RETURN code;
      END $$`);

    await q.query(
      `CREATE FUNCTION risk_category_codes() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${literalArray(categories)}::text[] $$`,
    );
    await q.query(`
      CREATE FUNCTION risk_category_mask(categories text[]) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        codes constant text[] := risk_category_codes();
        mask integer := 0;
        category text;
        i integer;
      BEGIN
        FOREACH category IN ARRAY categories LOOP
          i := array_position(codes, category) - 1;
          IF i IS NULL OR mask & (1 << i) <> 0 THEN
            RETURN NULL; -- an unknown (or NULL) category, or a repeated one
          END IF;
          mask := mask | (1 << i);
        END LOOP;
        RETURN mask;
      END $$`);

    await q.query('ALTER TABLE situations ADD COLUMN report_dimensions integer, ADD COLUMN risk_category_mask integer');
    await q.query(`
      CREATE FUNCTION situations_report_codes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.report_dimensions := report_dimensions(${DIMENSIONS.map(([c]) => `NEW.${c}`).join(', ')});
        NEW.risk_category_mask := risk_category_mask(NEW.risk_categories);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER situations_report_codes BEFORE INSERT OR UPDATE OF ${TRIGGER_COLUMNS.join(', ')} ON situations
       FOR EACH ROW EXECUTE FUNCTION situations_report_codes()`,
    );
    await q.query('UPDATE situations SET report_dimensions = NULL'); // the trigger computes both columns

    await q.query(
      `CREATE INDEX situations_report_idx ON situations (table_id, created_at)
       INCLUDE (report_dimensions, risk_category_mask, decided_at, mobilized_at, closed_at)`,
    );
    await q.query(
      `CREATE INDEX situations_report_uncoded_idx ON situations (table_id, created_at)
       WHERE report_dimensions IS NULL OR (risk_category_mask IS NULL AND risk_categories IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX situations_report_uncoded_idx');
    await q.query('DROP INDEX situations_report_idx');
    await q.query('DROP TRIGGER situations_report_codes ON situations');
    await q.query('DROP FUNCTION situations_report_codes()');
    await q.query('ALTER TABLE situations DROP COLUMN risk_category_mask, DROP COLUMN report_dimensions');
    await q.query('DROP FUNCTION risk_category_mask(text[])');
    await q.query('DROP FUNCTION risk_category_codes()');
    await q.query(`DROP FUNCTION report_dimensions(${DIMENSIONS.map(() => 'text').join(', ')})`);
    await q.query('DROP FUNCTION report_dimension_codes()');
  }
}

function literalArray(codes: readonly string[]): string {
  for (const c of codes) if (!/^[A-Za-z0-9_+-]+$/.test(c)) throw new Error(`unexpected code ${c}`);
  return `'{${codes.map((c) => `"${c}"`).join(',')}}'`;
}

function literal(text: string): string {
  if (text.includes("'")) throw new Error('unexpected quote');
  return `'${text}'`;
}
