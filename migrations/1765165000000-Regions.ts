import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, docs/evaluation.md section 7 and R3: regions of tables and the REGIONAL_ANALYST role.
 * All three tables are owned by the `regions` module.
 *
 * - `regions`: a code (upper-case letters, digits, dashes), the names in English and French, and the
 *   IANA time zone every member table shares (set at creation only, as a table's).
 * - `region_tables`: the membership of one calendar year. A table is in at most one region a year
 *   (the primary key on table and year); the rule that a year is set before it begins, and that
 *   members share the region's time zone, are the service's (RegionService.setMembers).
 * - `user_region_roles`: REGIONAL_ANALYST of a region. An administrator holds none (the trigger, as
 *   for table roles); the exclusion with COORDINATOR and AGENCY_REP on a member table is the
 *   services' (both grants check the other).
 */
export class Regions1765165000000 implements MigrationInterface {
  name = 'Regions1765165000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id)
      )
    `);
    await q.query(`
      CREATE TABLE region_tables (
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
        table_id uuid NOT NULL REFERENCES situation_tables(id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        PRIMARY KEY (table_id, year)
      )
    `);
    await q.query('CREATE INDEX region_tables_region_idx ON region_tables (region_id, year)');
    await q.query(`
      CREATE TABLE user_region_roles (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role = 'REGIONAL_ANALYST'),
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by uuid REFERENCES users(id),
        PRIMARY KEY (user_id, region_id, role)
      )
    `);
    await q.query('CREATE INDEX user_region_roles_region_idx ON user_region_roles (region_id)');
    await q.query(`
      CREATE FUNCTION user_region_roles_refuse_admin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT is_admin FROM users WHERE id = NEW.user_id FOR SHARE) THEN
          RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'admin_holds_no_region_role',
            MESSAGE = 'an administrator cannot hold a region role';
        END IF;
        RETURN NEW;
      END $$
    `);
    await q.query(`
      CREATE TRIGGER user_region_roles_refuse_admin BEFORE INSERT OR UPDATE ON user_region_roles
      FOR EACH ROW EXECUTE FUNCTION user_region_roles_refuse_admin()
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_region_roles');
    await q.query('DROP FUNCTION user_region_roles_refuse_admin()');
    await q.query('DROP TABLE region_tables');
    await q.query('DROP TABLE regions');
  }
}
