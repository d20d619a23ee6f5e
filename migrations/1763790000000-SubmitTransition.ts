import { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake transition rows were recorded under the action DECIDE_AER; they are SUBMIT. */
export class SubmitTransition1763790000000 implements MigrationInterface {
  name = 'SubmitTransition1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE situation_transitions SET action = 'SUBMIT' WHERE from_status IS NULL AND to_status = 'SUBMITTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE situation_transitions SET action = 'DECIDE_AER' WHERE action = 'SUBMIT'`);
  }
}
