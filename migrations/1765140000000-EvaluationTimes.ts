import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two starts the evaluation indicators measure from (docs/evaluation.md, I4 and I5), which no
 * column kept:
 *
 * - `first_assigned_at`: the first assignment, never changed. `assigned_at` cannot serve: a lead
 *   decline clears it and the next assignment sets it again.
 * - `mobilization_assigned_at`: the start of the assignment the lead's mobilisation answered (the
 *   value of `last_assigned_at` when `mobilized_at` was first set). `last_assigned_at` itself
 *   moves on a later reassignment.
 *
 * Both are kept by one BEFORE trigger on the columns they follow, so no write path can forget
 * them, and backfilled: the earliest assignment row, and the latest assignment at or before the
 * MOBILIZE transition (the situation's mobilisation time when no transition names it).
 */
export class EvaluationTimes1765140000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE situations ADD COLUMN first_assigned_at timestamptz, ADD COLUMN mobilization_assigned_at timestamptz');
    await q.query(`
      CREATE FUNCTION situations_evaluation_times() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.first_assigned_at IS NULL AND NEW.assigned_at IS NOT NULL THEN
          NEW.first_assigned_at := NEW.assigned_at;
        END IF;
        IF NEW.mobilized_at IS NULL THEN
          NEW.mobilization_assigned_at := NULL;
        ELSIF TG_OP = 'INSERT' OR OLD.mobilized_at IS NULL THEN
          NEW.mobilization_assigned_at := NEW.last_assigned_at;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER situations_evaluation_times BEFORE INSERT OR UPDATE OF assigned_at, mobilized_at ON situations
       FOR EACH ROW EXECUTE FUNCTION situations_evaluation_times()`,
    );
    await q.query(`
      UPDATE situations s SET first_assigned_at = a.first
      FROM (SELECT situation_id, min(assigned_at) AS first FROM situation_assignments GROUP BY situation_id) a
      WHERE a.situation_id = s.id`);
    await q.query(`
      UPDATE situations s SET mobilization_assigned_at = (
        SELECT max(a.assigned_at) FROM situation_assignments a
        WHERE a.situation_id = s.id
          AND a.assigned_at <= coalesce((SELECT min(t.at) FROM situation_transitions t WHERE t.situation_id = s.id AND t.action = 'MOBILIZE'), s.mobilized_at))
      WHERE s.mobilized_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER situations_evaluation_times ON situations');
    await q.query('DROP FUNCTION situations_evaluation_times()');
    await q.query('ALTER TABLE situations DROP COLUMN mobilization_assigned_at, DROP COLUMN first_assigned_at');
  }
}
