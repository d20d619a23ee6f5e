import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_1 as TAXONOMY_V1 } from './data/taxonomy-2026.1';

/** Each situation's distinct risk categories, kept beside its factors so reports need no JSON work. */
export class RiskCategories1763800000000 implements MigrationInterface {
  name = 'RiskCategories1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations ADD COLUMN risk_categories text[]');
    await q.query(
      `UPDATE situations s SET risk_categories = (
         SELECT array_agg(DISTINCT m.category ORDER BY m.category)
         FROM jsonb_array_elements(s.risk_factors) f JOIN unnest($1::text[], $2::text[]) AS m(code, category) ON m.code = f->>'code')
       WHERE s.risk_factors IS NOT NULL`,
      [TAXONOMY_V1.riskFactors.map((f) => f.code), TAXONOMY_V1.riskFactors.map((f) => f.category)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations DROP COLUMN risk_categories');
  }
}
