import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_3 as TAXONOMY_V3 } from './data/taxonomy-2026.3';

/**
 * Reference data 2026.3 (2026.2 with its French corrected and short labels for lists): new situations
 * record it. 2026.1 and 2026.2 stay in taxonomy_versions for the situations that recorded them.
 */
export class TaxonomyFrench1764700000000 implements MigrationInterface {
  name = 'TaxonomyFrench1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [TAXONOMY_V3.version, JSON.stringify(TAXONOMY_V3)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM taxonomy_versions WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM situations WHERE taxonomy_version = $1)', [TAXONOMY_V3.version]);
  }
}
