import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, section 3: the privacy officer's access review and the confidentiality undertaking
 * (all owned by the users module, beside `user_roles`).
 *
 * - `situation_tables.access_review_days` (30 to 365, default 90): how long a certification of a
 *   role grant holds before the grant must be certified again.
 * - `access_certifications`: the privacy officer certified a grant (user, table, role) at a time,
 *   for the period then in force, with an optional de-identified note. Append-only history; a
 *   certification counts only for a grant made before it (a revoked and re-granted role starts over).
 * - `access_removal_requests`: the privacy officer asked the administrators to remove a grant;
 *   OPEN until an administrator revokes the role (REVOKED) or declines the request (DECLINED).
 *   At most one OPEN request per grant.
 * - `table_agreements`: a table's confidentiality agreement, versioned (1, 2, ...), text in English
 *   and French, published by an administrator; the highest version is the current one.
 * - `agreement_acceptances`: a user accepted a version of a table's agreement (once per version).
 */
export class AccessGovernance1765080000000 implements MigrationInterface {
  name = 'AccessGovernance1765080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE situation_tables ADD COLUMN access_review_days int NOT NULL DEFAULT 90 CHECK (access_review_days BETWEEN 30 AND 365);

      CREATE TABLE access_certifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        user_id uuid NOT NULL REFERENCES users(id),
        role text NOT NULL,
        certified_at timestamptz NOT NULL,
        certified_by uuid NOT NULL REFERENCES users(id),
        period_days int NOT NULL CHECK (period_days BETWEEN 30 AND 365),
        note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000)
      );
      CREATE INDEX access_certifications_grant_idx ON access_certifications (table_id, user_id, role, certified_at DESC);

      CREATE TABLE access_removal_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        user_id uuid NOT NULL REFERENCES users(id),
        role text NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        requested_at timestamptz NOT NULL,
        requested_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REVOKED', 'DECLINED')),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users(id),
        resolution_note text CHECK (resolution_note IS NULL OR length(resolution_note) BETWEEN 1 AND 1000),
        CHECK ((status = 'OPEN') = (resolved_at IS NULL))
      );
      CREATE UNIQUE INDEX access_removal_requests_open_idx ON access_removal_requests (table_id, user_id, role) WHERE status = 'OPEN';
      CREATE INDEX access_removal_requests_table_idx ON access_removal_requests (table_id, requested_at DESC);

      CREATE TABLE table_agreements (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        version int NOT NULL CHECK (version >= 1),
        text_en text NOT NULL CHECK (length(text_en) BETWEEN 20 AND 20000),
        text_fr text NOT NULL CHECK (length(text_fr) BETWEEN 20 AND 20000),
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (table_id, version)
      );

      CREATE TABLE agreement_acceptances (
        table_id uuid NOT NULL,
        version int NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        accepted_at timestamptz NOT NULL,
        PRIMARY KEY (table_id, user_id, version),
        FOREIGN KEY (table_id, version) REFERENCES table_agreements (table_id, version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE agreement_acceptances;
      DROP TABLE table_agreements;
      DROP TABLE access_removal_requests;
      DROP TABLE access_certifications;
      ALTER TABLE situation_tables DROP COLUMN access_review_days;
    `);
  }
}
