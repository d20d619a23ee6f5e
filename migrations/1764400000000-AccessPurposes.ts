import { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY_2026_2 as TAXONOMY_V2 } from './data/taxonomy-2026.2';

/** Reference data 2026.2 (2026.1 plus the purposes of an identity read): new situations record it. */
export class AccessPurposes1764400000000 implements MigrationInterface {
  name = 'AccessPurposes1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO taxonomy_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [TAXONOMY_V2.version, JSON.stringify(TAXONOMY_V2)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM taxonomy_versions WHERE version = $1 AND NOT EXISTS (SELECT 1 FROM situations WHERE taxonomy_version = $1)', [TAXONOMY_V2.version]);
  }
}
