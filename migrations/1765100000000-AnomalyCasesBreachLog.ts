import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The privacy officer governs (issue 17, section 3): the anomaly rules' thresholds per table
 * (`anomaly_thresholds`, owned by `audit`; no row = the defaults), anomaly flags opened as cases
 * (`anomaly_cases`, one per flag: rule, actor, window, the situations behind it; notes, an assignee,
 * an outcome) and the
 * privacy breach log (`privacy_breaches`: a coded kind, a de-identified description, affected
 * situations by id only, containment steps, the IPC's and the persons' notification, closure),
 * owned by `oversight`. Free text is de-identified (checked at write).
 */
export class AnomalyCasesBreachLog1765100000000 implements MigrationInterface {
  name = 'AnomalyCasesBreachLog1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE anomaly_thresholds (
        table_id uuid PRIMARY KEY REFERENCES situation_tables(id),
        max_reads_per_hour integer NOT NULL CHECK (max_reads_per_hour BETWEEN 1 AND 10000),
        office_start_hour integer NOT NULL CHECK (office_start_hour BETWEEN 0 AND 23),
        office_end_hour integer NOT NULL CHECK (office_end_hour BETWEEN 1 AND 24),
        closed_days integer NOT NULL CHECK (closed_days BETWEEN 0 AND 3650),
        max_refusals integer NOT NULL CHECK (max_refusals BETWEEN 1 AND 100000),
        max_guesses integer NOT NULL CHECK (max_guesses BETWEEN 1 AND 100000),
        updated_at timestamptz NOT NULL,
        updated_by uuid REFERENCES users(id),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT anomaly_thresholds_hours_check CHECK (office_start_hour < office_end_hour)
      );

      CREATE TABLE privacy_breaches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        kind text NOT NULL CHECK (kind IN ('THEFT','LOSS','UNAUTHORIZED_ACCESS','UNAUTHORIZED_DISCLOSURE','MISDIRECTED','OTHER')),
        description text NOT NULL,
        occurred_at timestamptz,
        discovered_at timestamptz NOT NULL,
        situation_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        ipc_notified_at timestamptz,
        persons_notified_at timestamptz,
        persons_notification_method text CHECK (persons_notification_method IN ('MAIL','PHONE','IN_PERSON','EMAIL','INDIRECT')),
        outcome text CHECK (outcome IN ('CONFIRMED','NOT_A_BREACH')),
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        closed_by uuid REFERENCES users(id),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT privacy_breaches_closed_check CHECK ((status = 'CLOSED') = (outcome IS NOT NULL AND closed_at IS NOT NULL)),
        CONSTRAINT privacy_breaches_method_check CHECK ((persons_notified_at IS NULL) = (persons_notification_method IS NULL)),
        UNIQUE (table_id, id)
      );
      CREATE INDEX privacy_breaches_table_idx ON privacy_breaches (table_id, recorded_at DESC, id);

      CREATE TABLE privacy_breach_containment_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        breach_id uuid NOT NULL REFERENCES privacy_breaches(id),
        taken_at timestamptz NOT NULL,
        description text NOT NULL,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX privacy_breach_containment_steps_breach_idx ON privacy_breach_containment_steps (breach_id, taken_at, id);

      CREATE TABLE anomaly_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        kind text NOT NULL,
        actor_id uuid REFERENCES users(id),
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        flag_count integer NOT NULL,
        situation_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        assignee_id uuid REFERENCES users(id),
        outcome text CHECK (outcome IN ('NO_ISSUE','TRAINING','ACCESS_REMOVED','BREACH_SUSPECTED')),
        breach_id uuid,
        opened_by uuid REFERENCES users(id),
        opened_at timestamptz NOT NULL,
        closed_by uuid REFERENCES users(id),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        FOREIGN KEY (table_id, breach_id) REFERENCES privacy_breaches (table_id, id),
        CONSTRAINT anomaly_cases_window_check CHECK (window_from < window_to),
        CONSTRAINT anomaly_cases_closed_check CHECK ((status = 'CLOSED') = (outcome IS NOT NULL AND closed_at IS NOT NULL)),
        CONSTRAINT anomaly_cases_breach_check CHECK ((breach_id IS NULL) = (outcome IS DISTINCT FROM 'BREACH_SUSPECTED')),
        CONSTRAINT anomaly_cases_flag_key UNIQUE NULLS NOT DISTINCT (table_id, kind, actor_id, window_from, window_to)
      );
      CREATE INDEX anomaly_cases_table_idx ON anomaly_cases (table_id, opened_at DESC, id);

      CREATE TABLE anomaly_case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES anomaly_cases(id),
        text text NOT NULL,
        author_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX anomaly_case_notes_case_idx ON anomaly_case_notes (case_id, created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE anomaly_case_notes; DROP TABLE anomaly_cases; DROP TABLE privacy_breach_containment_steps; DROP TABLE privacy_breaches; DROP TABLE anomaly_thresholds;');
  }
}
