import { MigrationInterface, QueryRunner } from 'typeorm';

/** Agencies, tables, users and role grants, token revocation, and the append-only audit trail. */
export class Foundation1763770000000 implements MigrationInterface {
  name = 'Foundation1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sector text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX agencies_name_key ON agencies (lower(name));

      CREATE TABLE situation_tables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{1,11}$'),
        region text,
        min_risk_factors int NOT NULL DEFAULT 3 CHECK (min_risk_factors BETWEEN 1 AND 50),
        min_categories int NOT NULL DEFAULT 2 CHECK (min_categories BETWEEN 1 AND 30),
        min_sectors int NOT NULL DEFAULT 2 CHECK (min_sectors BETWEEN 1 AND 20),
        min_confirmed int NOT NULL DEFAULT 1 CHECK (min_confirmed BETWEEN 0 AND 50),
        identity_retention_days int NOT NULL DEFAULT 90 CHECK (identity_retention_days BETWEEN 1 AND 3650),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX situation_tables_name_key ON situation_tables (lower(name));

      CREATE TABLE table_agencies (
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (table_id, agency_id)
      );
      CREATE INDEX table_agencies_agency_idx ON table_agencies (agency_id);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
        password_hash text NOT NULL,
        agency_id uuid REFERENCES agencies(id),
        is_admin boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        token_version int NOT NULL DEFAULT 0,
        failed_login_count int NOT NULL DEFAULT 0,
        failed_login_window_start timestamptz,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (is_admin OR agency_id IS NOT NULL)
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));

      CREATE TABLE user_roles (
        user_id uuid NOT NULL REFERENCES users(id),
        table_id uuid NOT NULL REFERENCES situation_tables(id),
        role text NOT NULL CHECK (role IN ('COORDINATOR','AGENCY_REP','PRIVACY_OFFICER','ANALYST')),
        granted_by uuid REFERENCES users(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, table_id, role)
      );
      CREATE INDEX user_roles_table_idx ON user_roles (table_id, role);

      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX revoked_tokens_expiry_idx ON revoked_tokens (expires_at);

      -- The audit trail: one hash chain per situation table (chain_id = table id) plus 'system'.
      CREATE TABLE audit_chain_heads (
        chain_id text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0,
        head_hash text NOT NULL
      );
      CREATE TABLE audit_entries (
        chain_id text NOT NULL,
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid,
        actor_agency_id uuid,
        table_id uuid,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('SUCCESS','DENIED')),
        situation_id uuid,
        purpose text,
        request_id text,
        details text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (chain_id, seq)
      );
      CREATE INDEX audit_entries_situation_idx ON audit_entries (chain_id, situation_id, seq) WHERE situation_id IS NOT NULL;
      CREATE INDEX audit_entries_actor_idx ON audit_entries (chain_id, actor_id, seq);
      CREATE INDEX audit_entries_action_idx ON audit_entries (chain_id, action, seq);
      CREATE INDEX audit_entries_at_idx ON audit_entries (chain_id, at);

      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

      INSERT INTO audit_chain_heads (chain_id, seq, head_hash) VALUES ('system', 0, repeat('0', 64));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_entries; DROP FUNCTION audit_entries_append_only(); DROP TABLE audit_chain_heads;
      DROP TABLE revoked_tokens; DROP TABLE user_roles; DROP TABLE users; DROP TABLE table_agencies;
      DROP TABLE situation_tables; DROP TABLE agencies;
    `);
  }
}
