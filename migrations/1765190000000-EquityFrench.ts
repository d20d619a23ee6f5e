import { MigrationInterface, QueryRunner } from 'typeorm';
import { EQUITY_2026_2 } from './data/equity-2026.2';

/**
 * Equity reference data 2026.2 (src/modules/identity-vault/equity-reference.ts): the French label of
 * the ethnic origin LATIN_CENTRAL_SOUTH_AMERICAN, « Origines latino-américaines, centraméricaines et
 * sud-américaines ». Same codes and notice as 2026.1, which stays for the answers given under it.
 */
export class EquityFrench1765190000000 implements MigrationInterface {
  name = 'EquityFrench1765190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('INSERT INTO equity_reference_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [EQUITY_2026_2.version, JSON.stringify(EQUITY_2026_2)]);
  }

  async down(q: QueryRunner): Promise<void> {
    // refused by the foreign key of equity_responses.notice_version while an answer was given under it
    await q.query('DELETE FROM equity_reference_versions WHERE version = $1', [EQUITY_2026_2.version]);
  }
}
