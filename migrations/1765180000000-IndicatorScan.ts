import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_1 as TAXONOMY_V1 } from './data/taxonomy-2026.1';
import { TAXONOMY_2026_5 as TAXONOMY_V5 } from './data/taxonomy-2026.5';

/**
 * What the evaluation indicators read, so that a year of 100,000 situations is one narrow
 * index-only scan (see IndicatorRepository):
 *
 * - `report_dimensions` (ReportScan) encodes the codes of today's reference data: every status
 *   (DEFERRED and DUPLICATE were not in it, so those situations were read the long way) and the
 *   taxonomy of 2026.5. Same columns, same order, same mixed radix; a value not in its list still
 *   makes it NULL, and the indicators count that row from its columns.
 * - `risk_category_mask` is 0 for a situation with no risk categories (it was NULL), so that NULL
 *   alone means "a category the mask cannot hold" and the scan needs no other column to tell.
 * - `situations_report_idx` also holds the times the indicators measure and the assisting
 *   agencies (the police involvement of I8); `situations_report_uncoded_idx` finds the rows with
 *   either code NULL.
 */
type Dimensions = [column: string, codes: string[]][];
/** In encoding order, as ReportScan's: the columns the rates combine (status, outcome, conclusion) first. */
const dimensions = (statuses: string[], t: typeof TAXONOMY_V5): Dimensions => [
  ['status', statuses],
  ['decision_outcome', ['AER', 'NOT_AER']],
  ['conclusion', t.conclusions.map((x) => x.code)],
  ['situation_type', t.situationTypes.map((x) => x.code)],
  ['age_band', t.ageBands.map((x) => x.code)],
  ['gender', t.genders.map((x) => x.code)],
  ['originating_sector', t.sectors.map((x) => x.code)],
  ['lead_sector', t.sectors.map((x) => x.code)],
  ['consent_status', t.consentStatuses.map((x) => x.code)],
];
const STATUSES_V1 = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED'];
const NOW = dimensions([...STATUSES_V1, 'DEFERRED', 'DUPLICATE'], TAXONOMY_V5);
const BEFORE = dimensions(STATUSES_V1, TAXONOMY_V1);

export class IndicatorScan1765180000000 implements MigrationInterface {
  name = 'IndicatorScan1765180000000';

  async up(q: QueryRunner): Promise<void> {
    await encode(q, NOW, 'CASE WHEN NEW.risk_categories IS NULL THEN 0 ELSE risk_category_mask(NEW.risk_categories) END');
    await q.query('UPDATE situations SET report_dimensions = NULL'); // the trigger computes both codes again
    await q.query(`
      DROP INDEX situations_report_idx;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, barrier_mask, decided_at, first_assigned_at, last_assigned_at,
                 mobilization_assigned_at, mobilized_at, closed_at, assisting_agency_ids);
      DROP INDEX situations_report_uncoded_idx;
      CREATE INDEX situations_report_uncoded_idx ON situations (table_id, created_at)
        WHERE report_dimensions IS NULL OR risk_category_mask IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX situations_report_uncoded_idx;
      CREATE INDEX situations_report_uncoded_idx ON situations (table_id, created_at)
        WHERE report_dimensions IS NULL OR (risk_category_mask IS NULL AND risk_categories IS NOT NULL);
      DROP INDEX situations_report_idx;
      CREATE INDEX situations_report_idx ON situations (table_id, created_at)
        INCLUDE (report_dimensions, risk_category_mask, decided_at, mobilized_at, closed_at, barrier_mask);
    `);
    await encode(q, BEFORE, 'risk_category_mask(NEW.risk_categories)');
    await q.query('UPDATE situations SET report_dimensions = NULL');
  }
}

/** The encoding functions and the trigger's body for these dimensions (the trigger itself is ReportScan's). */
async function encode(q: QueryRunner, dims: Dimensions, mask: string): Promise<void> {
  const radix = dims.reduce((n, [, codes]) => n * (codes.length + 1), 1);
  if (radix > 2 ** 31) throw new Error('report dimensions: too many codes for an integer');
  await q.query(
    `CREATE OR REPLACE FUNCTION report_dimension_codes() RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT '${json(dims)}'::jsonb $$`,
  );
  let step = 1;
  const lines = dims.map(([column, codes]) => {
    const line = `
      IF ${column} IS NOT NULL THEN
        p := array_position('{${codes.map((c) => `"${checked(c)}"`).join(',')}}'::text[], ${column});
        IF p IS NULL THEN RETURN NULL; END IF;
        code := code + p * ${step};
      END IF;`;
    step *= codes.length + 1;
    return line;
  });
  await q.query(`
    CREATE OR REPLACE FUNCTION report_dimensions(${dims.map(([c]) => `${c} text`).join(', ')}) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
      code integer := 0;
      p integer;
    BEGIN${lines.join('')}
      RETURN code;
    END $$`);
  await q.query(`
    CREATE OR REPLACE FUNCTION situations_report_codes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.report_dimensions := report_dimensions(${dims.map(([c]) => `NEW.${c}`).join(', ')});
      NEW.risk_category_mask := ${mask};
      RETURN NEW;
    END $$`);
}

function checked(code: string): string {
  if (!/^[A-Za-z0-9_+-]+$/.test(code)) throw new Error(`unexpected code ${code}`);
  return code;
}

function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (text.includes("'")) throw new Error('unexpected quote');
  return text;
}
